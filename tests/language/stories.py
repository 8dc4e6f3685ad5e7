"""Forty-odd real stories that are not the samples, shared by the language and scoring tables.

Each is one project as a candidate would write it: trade-offs, costs with and without `better:`,
relative-only headlines, zero results, prototypes, loss-only work, tasks in the imperative with
many different verbs, and techniques that need an article. ``story(...)`` builds the validated
project; the expected sentences live beside the tests that pin them.
"""

from __future__ import annotations

from typing import Any

from briefgen.input.models import Project


def story(metric: dict[str, Any], outcomes: list[dict[str, Any]] | None = None, **fields: Any) -> Project:
    return Project.model_validate({"title": "A story", "metric": metric, "outcomes": outcomes or [],
                                   **fields})


def m(name: str, baseline: Any = None, result: Any = None, better: str = "lower", *,
      change: Any = None) -> dict[str, Any]:
    metric: dict[str, Any] = {"name": name, "better": better}
    if change is not None:
        metric["change"] = change
    else:
        metric.update(baseline=baseline, result=result)
    return metric


SHIPPED = {"requests": "13M", "days": 14, "regression": "1.7%"}
LEAD = {"principles": ["Dive Deep"], "story": "Dove into the logs and led two SDEs through the fix."}

STORIES: dict[str, Project] = {
    # --- trade-offs: the headline got worse, an outcome got better -----------------------------
    "trade-off-accuracy-for-cost": story(
        m("accuracy", "92%", "90%", "higher"), [{"metric": "cost per request", "change": "-50%"}],
        technique="int8 quantization", scale=SHIPPED),
    "trade-off-latency-for-quality": story(
        m("p95 latency", "350 ms", "420 ms", "lower"),
        [{"metric": "answer acceptance", "change": "+8%"}], technique="a bigger reranker"),
    "trade-off-bleu-for-money": story(
        m("BLEU", 35, 33, "higher"), [{"savings": "$400K", "per": "year"}], technique="LoRA"),
    "trade-off-two-costs": story(
        m("recall", "91%", "88%", "higher"),
        [{"revenue": "$1.1M", "per": "quarter"},
         {"metric": "false positives", "change": "+6%", "better": "lower"}]),
    # --- costs named by `better:` beside a headline that improved ------------------------------
    "cost-abandonment-rose": story(
        m("p95 latency", "800 ms", "300 ms"),
        [{"metric": "abandoned sessions", "change": "+4%", "better": "lower"}],
        technique="speculative decoding"),
    "cost-accuracy-points": story(
        m("serving cost per 1K requests", "$0.40", "$0.12"),
        [{"metric": "accuracy", "change": "-2 pp", "better": "higher"},
         {"savings": "$1.2M", "per": "year"}], technique="knowledge distillation"),
    "cost-money-lost": story(
        m("hallucination rate", "12%", "3%"), [{"savings": "-$50K", "per": "year"}]),
    "cost-weekly-escalations": story(
        m("refusal rate", "9%", "4%"),
        [{"metric": "escalations", "change": "+11%", "per": "week", "better": "lower"}]),
    # --- costs without `better:`: said as the intended effect, and check warns -----------------
    "unmarked-abandonment": story(
        m("p95 latency", "800 ms", "300 ms"), [{"metric": "abandoned sessions", "change": "+4%"}],
        technique="LoRA adapters"),
    "unmarked-accuracy-drop": story(
        m("GPU hours per day", 900, 400), [{"metric": "accuracy", "change": "-2 pp"}]),
    "unmarked-churn": story(
        m("handle time", "6 min", "4 min"), [{"metric": "monthly churn", "change": "+0.5 pp"}]),
    # --- relative-only headlines --------------------------------------------------------------
    "relative-nps": story(m("NPS", better="higher", change="+12%")),
    "relative-halved": story(m("cost per request", change="-50%"), technique="int8 quantization",
                             scale=SHIPPED),
    "relative-doubled": story(m("throughput", better="higher", change="2x"),
                              [{"savings": "$300K", "per": "year", "note": "in GPU spend"}]),
    "relative-half-multiple": story(m("cold-start time", change="0.5x")),
    "relative-points": story(m("click-through rate", better="higher", change="+3 pp"),
                             [{"revenue": "$2M", "per": "year"}]),
    "relative-duration": story(m("p95 latency", change="-200 ms"), technique="response caching"),
    "relative-worse": story(m("NPS", better="higher", change="-5%")),
    # --- zero results -------------------------------------------------------------------------
    "zero-hallucinations": story(m("hallucination rate", "4%", "0%"),
                                 [{"metric": "support tickets", "change": "-30%"}]),
    "zero-backlog-relative": story(m("manual review backlog", change="-100%"),
                                   [{"savings": "$200K", "per": "year"}]),
    "zero-guardrail": story(m("wrong-answer rate", "9%", "2.5%"),
                            [{"metric": "refusal rate", "change": "0%"},
                             {"savings": "$650K", "per": "year"}]),
    # --- prototypes ---------------------------------------------------------------------------
    "pilot-with-requests": story(m("task completion", "61%", "70%", "higher"),
                                 [{"metric": "repeat questions", "change": "-12%"}], status="pilot",
                                 scale={"requests": "2.4M", "days": 7, "regression": "1.1%"}),
    "pilot-ab": story(m("conversion", "3.1%", "3.4%", "higher"), status="pilot",
                      scale={"requests": "800K", "ab_test": True}),
    "offline-held-out": story(m("recall@10", "62%", "71%", "higher"), status="offline",
                              scale={"requests": "1.2M", "days": 30}, technique="cross-encoder reranker"),
    "offline-bare": story(m("F1", 0.71, 0.78, "higher"), status="offline"),
    # --- loss-only and bare model metrics ------------------------------------------------------
    "loss-only": story(m("validation loss", 0.45, 0.32), technique="LoRA"),
    "perplexity-only": story(m("perplexity", 18.2, 11.4)),
    "bleu-only": story(m("BLEU", 28, 35, "higher")),
    "accuracy-only-with-actions": story(m("accuracy", "81%", "88%", "higher"),
                                        actions=["Fine-tuned the classifier on 50k tickets."]),
    # --- tasks in the imperative, with many verbs ----------------------------------------------
    "task-deflect": story(m("deflection rate", "20%", "35%", "higher"),
                          task="Deflect routine questions safely."),
    "task-ship": story(m("p95 latency", "2 s", "900 ms"), task="Ship the model by Q3"),
    "task-halve": story(m("serving cost", "$90K", "$40K"), task="Halve serving cost without a new fleet."),
    "task-route": story(m("escalation rate", "14%", "9%"), task="Route hard queries to humans."),
    "task-automate": story(m("manual reviews", 4000, 1500), task="Automate the weekly review."),
    "task-past-tense": story(m("time to first answer", "4 s", "1.5 s"), task="Reduced time to first answer."),
    "task-to-infinitive": story(m("error rate", "3%", "1%"),
                                task="To catch bad answers before customers do."),
    "task-needed-to": story(m("index build time", "6 h", "2 h"), task="Needed to rebuild the index nightly."),
    "task-gerund": story(m("GPU spend", "$120K", "$70K"), task="Cutting GPU spend before the budget review."),
    "task-sentence": story(m("CSAT", "71%", "78%", "higher"), task="Customers were waiting too long."),
    "task-unify": story(m("ranking models", 6, 1), task="Unify six ranking models into one."),
    # --- techniques that need an article, and actions with verbs off any short list ------------
    "article-bert": story(m("misrouted tickets", "18%", "7%"), [{"metric": "handle time", "change": "-20%"}],
                          technique="fine-tuned BERT classifier",
                          actions=["Used 40k labelled tickets.", "Deployed behind a feature flag."]),
    "article-llm-router": story(m("cost per conversation", "$0.09", "$0.05"), technique="LLM router",
                                actions=["Routed easy turns to a small model."]),
    "article-reward-model": story(m("unsafe-reply rate", "2%", "0.5%"), technique="reward model",
                                  leadership=LEAD),
    "article-unified": story(m("ranking latency", "120 ms", "60 ms"), technique="unified ranking model",
                             actions=["Merged three rankers.", "Benchmarked on replayed traffic."]),
    "article-plural-and-mass": story(m("WER", "11%", "8%"), technique="LoRA adapters",
                                     actions=["Quantized the encoder.", "Shadowed production for a week."]),
}
