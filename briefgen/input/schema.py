"""The JSON Schema of a brief, for editors: the models' shape, plus what every field means.

The shape (types, required keys, enumerations, limits) comes from the models; the words come
from the tables below, one entry per model and per field, so an editor with the schema (VS Code's
YAML extension, any yaml-language-server) completes each key and explains it offline. A field
added to the models needs its entry here: ``tests/input/test_schema.py`` fails until it has one,
and checks that every example is accepted by its own field.

Examples are written as a brief would write them, in the kind the field takes: money for
``savings`` ($1.2M, never 12%), a percentage for ``regression``, a count for ``requests``.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel

from .models import Brief

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

MODELS: dict[str, str] = {
    "Brief": "An interview impact brief: who the candidate is and the projects to tell. "
             "briefgen renders it to a one-page PDF, HTML and Markdown notes.",
    "Candidate": "Who the brief is for, and the interview it prepares.",
    "Project": "One project, told as STAR-L (situation, task, actions, result, leadership) around "
               "its metric triad: baseline -> result -> business outcome.",
    "Metric": "The headline metric: where it started, where it ended, and which way is better.",
    "Outcome": "What the change was worth: either a metric change (metric + change) or money "
               "(one of savings, revenue, cost_avoided).",
    "Scale": "Production evidence, judged against the Scale-and-Ship bar in thresholds.",
    "Leadership": "The Amazon leadership principles the project shows, and what you led.",
    "Thresholds": "The Scale-and-Ship bar a project must meet to count as shipped.",
    "Design": "How the brief looks: theme, page size, accent colour and a coach's templates.",
    "Variant": "What changes for one interview (`render --variant NAME`); every key left out "
               "stays the brief's own, and thresholds and design are merged over the brief's.",
}

# (model, field) -> (description, examples). Examples must validate against the field.
FIELDS: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {
    ("Brief", "candidate"): ("Required. The candidate: at least `name`.",
                             ({"name": "Priya Raman", "target_role": "Applied Intelligence Engineer"},)),
    ("Brief", "summary"): ("A one-line pitch under the name (at most 300 characters).",
                           ("I turn fine-tuning work into shipped, measured customer wins.",)),
    ("Brief", "projects"): ("Required. One to 12 projects, strongest first; each needs a `title` and "
                            "a `metric`.",
                            ([{"title": "Grounded answers for Alexa Q&A",
                               "metric": {"name": "hallucination rate", "baseline": "12%",
                                          "result": "3%", "better": "lower"}}],)),
    ("Brief", "thresholds"): ("The Scale-and-Ship bar (default: at least 10M requests with under 2% "
                              "regression).", ({"min_requests": "10M", "max_regression": "2%"},)),
    ("Brief", "design"): ("The look: theme, page size, accent colour, a coach's templates folder.",
                          ({"theme": "classic", "page": "letter", "accent": "#1f4e79"},)),

    ("Candidate", "name"): ("Required. The candidate's name, as it heads the brief; in any script.",
                            ("Priya Raman", "José Müller", "李雷")),
    ("Candidate", "headline"): ("One line under the name: title and years of experience.",
                                ("Senior ML Engineer, 6 years shipping LLM products",)),
    ("Candidate", "target_role"): ("The role interviewed for.", ("Applied Intelligence Engineer",)),
    ("Candidate", "target_team"): ("The team or organisation interviewed with.", ("Alexa AI",)),
    ("Candidate", "interview_date"): ("The interview date, written YYYY-MM-DD.", ("2026-12-03",)),
    ("Candidate", "contact"): ("Contact lines, as written (at most 8): e-mail, profile, phone.",
                               (["priya.raman@example.com", "linkedin.com/in/priya-raman"],)),

    ("Project", "id"): ("What variants call the project (default: its title as lower-case words "
                        "joined by hyphens, e.g. grounded-answers-for-alexa-q-a).",
                        ("alexa-qa", "rag-bedrock")),
    ("Project", "title"): ("Required. The project's title (at most 120 characters).",
                           ("Grounded answers for Alexa Q&A",)),
    ("Project", "situation"): ("STAR-L Situation: the problem and its size, in figures.",
                               ("Alexa Q&A answered 12% of factual questions with hallucinated facts, "
                                "driving repeat calls.",)),
    ("Project", "task"): ("STAR-L Task: the goal you were given, with its constraints.",
                          ("Cut hallucinations without adding latency or GPU spend.",)),
    ("Project", "actions"): ("STAR-L Actions: what you built, on what data, at what size (at most 8).",
                             (["Built a LoRA fine-tuning pipeline on 40k curated, source-grounded "
                               "Q&A pairs."],)),
    ("Project", "technique"): ("The technique that moved the metric.",
                               ("LoRA adapters", "Direct Preference Optimization")),
    ("Project", "metric"): ("Required. The headline metric: name, baseline, result and better.",
                            ({"name": "hallucination rate", "baseline": "12%", "result": "3%",
                              "better": "lower"},)),
    ("Project", "outcomes"): ("The business outcomes of the change, each a metric change or money "
                              "(at most 6).",
                              ([{"metric": "repeat-call volume", "change": "-15%"},
                                {"savings": "$1.2M", "per": "quarter"}],)),
    ("Project", "scale"): ("Production evidence: requests served, over how many days, the "
                           "regression, and optionally the SLA held and an A/B test.",
                           ({"requests": "13M", "days": 14, "regression": "1.7%", "sla": "99.9%"},)),
    ("Project", "leadership"): ("Leadership principles shown and the story of what you led.",
                                ({"principles": ["Dive Deep", "Deliver Results"],
                                  "story": "Led two SDEs and a product manager through the "
                                           "retraining."},)),
    ("Project", "status"): ("Where the work stands: shipped (the default), pilot or offline. A "
                            "pilot or an offline evaluation is said as what it is and never meets "
                            "the Scale-and-Ship bar.", ("shipped", "pilot", "offline")),
    ("Project", "optional"): ("May be left out of the one-page PDF when the brief does not fit "
                              "at a legible size with it: optional projects go first, the last "
                              "one first, and the render names each on stderr (the Markdown "
                              "notes mark them). Default false.", (True, False)),

    ("Metric", "name"): ("Required. What was measured.", ("hallucination rate", "p99 latency", "BLEU")),
    ("Metric", "baseline"): ("The value before, in the same unit as the result: a percentage, a "
                             "count, a duration or money. Give baseline and result, or change.",
                             ("12%", 28, "350 ms", "$2.1M")),
    ("Metric", "result"): ("The value after, in the same unit as the baseline.",
                           ("3%", 35, "120 ms", "$1.4M")),
    ("Metric", "change"): ("How the metric moved when its baseline is not known: a relative "
                           "change or a multiple, instead of baseline and result.",
                           ("+12%", "-50%", "2x", "0.5x")),
    ("Metric", "better"): ("Required. Which way is better for this metric: lower or higher.",
                           ("lower", "higher")),

    ("Outcome", "metric"): ("The product or business metric that changed (with `change`).",
                            ("repeat-call volume", "daily users served")),
    ("Outcome", "change"): ("How that metric changed, with its sign: a percentage, a count or a "
                            "duration.", ("-15%", "+1.5M", "-2 s")),
    ("Outcome", "better"): ("Which way is better for this outcome's metric: lower or higher. When "
                            "the change went the other way it is a cost, and said as one.",
                            ("lower", "higher")),
    ("Outcome", "savings"): ("Money saved: dollars by default, or with its currency sign. Give the "
                             "period in `per`.", ("$1.2M", "$400K", 250000)),
    ("Outcome", "revenue"): ("Revenue gained: an amount of money. Give the period in `per`.",
                             ("$3.4M", "€900K")),
    ("Outcome", "cost_avoided"): ("Cost avoided: an amount of money. Give the period in `per`.",
                                  ("$280K", "£1.5M")),
    ("Outcome", "per"): ("The period or unit the outcome is counted over.",
                         ("quarter", "year", "month", "request")),
    ("Outcome", "note"): ("A short note woven into the outcome's clause (at most 200 characters).",
                          ("of GPU capacity unlocked", "without growing the GPU fleet")),

    ("Scale", "requests"): ("Requests served in production: a count.", ("13M", "4.5k", "1,500,000")),
    ("Scale", "days"): ("How many days the requests were served over (a number up to 3650).",
                        (14, 30)),
    ("Scale", "regression"): ("The regression rate seen in production: a percentage.",
                              ("1.7%", "0.4%")),
    ("Scale", "sla"): ("The availability SLA held: a percentage up to 100%.", ("99.9%", "99.95%")),
    ("Scale", "ab_test"): ("Whether an A/B test backs the result: true or false (not yes, no, on "
                           "or off).", (True, False)),

    ("Leadership", "principles"): ("Amazon leadership principles the project shows, at most 4, "
                                   "spelt as Amazon spells them.",
                                   (["Dive Deep", "Deliver Results"], ["Are Right, A Lot"])),
    ("Leadership", "story"): ("What you led and whom: team size, partners, the decision.",
                              ("Led two SDEs and a product manager through the retraining.",)),

    ("Thresholds", "min_requests"): ("The fewest production requests that count as shipped "
                                     "(default 10M).", ("10M", "5M")),
    ("Thresholds", "max_regression"): ("The most regression that counts as shipped (default 2%).",
                                       ("2%", "1.5%")),

    ("Brief", "variants"): ("One brief per interview: a name (lower-case, digits, hyphens) for each, "
                            "and what changes for it; render one with --variant NAME, every one "
                            "with --variant all.",
                            ({"bedrock": {"target_team": "AWS Bedrock",
                                          "projects": ["rag-bedrock", "alexa-qa"]}},)),
    ("Variant", "target_role"): ("The role this interview is for, instead of the candidate's.",
                                 ("Senior Applied Scientist",)),
    ("Variant", "target_team"): ("The team this interview is with, instead of the candidate's.",
                                 ("AWS Bedrock",)),
    ("Variant", "interview_date"): ("This interview's date, written YYYY-MM-DD.", ("2026-12-10",)),
    ("Variant", "summary"): ("The pitch for this interview, instead of the brief's summary.",
                             ("I build retrieval that enterprise customers can trust.",)),
    ("Variant", "projects"): ("The ids of the projects to show, in the order to show them "
                              "(default: all of them).", (["rag-bedrock", "alexa-qa"],)),
    ("Variant", "thresholds"): ("The bar for this interview, key by key over the brief's.",
                                ({"min_requests": "50M"},)),
    ("Variant", "design"): ("The look for this interview, key by key over the brief's.",
                            ({"accent": "#232f3e"},)),
    ("Design", "theme"): ("The packaged theme: classic (three projects) or compact (four).",
                          ("classic", "compact")),
    ("Design", "page"): ("The page size: letter or a4.", ("letter", "a4")),
    ("Design", "accent"): ("The accent colour: a hex colour in quotes, rgb()/hsl(), or a dark "
                           "named colour.", ("#1f4e79", "rgb(31, 78, 121)", "navy")),
    ("Design", "templates"): ("A coach's folder of templates, relative to this file; first on the "
                              "search path.", ("coach/",)),
}


def documented_models() -> dict[str, type[BaseModel]]:
    """Every model a brief is made of, by name, starting from :class:`Brief`."""
    found: dict[str, type[BaseModel]] = {}
    pending: list[type[BaseModel]] = [Brief]
    while pending:
        model = pending.pop(0)
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for info in model.model_fields.values():
            pending.extend(_models_in(info.annotation))
    return found


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of a brief, every field described and given examples."""
    schema = Brief.model_json_schema()
    definitions = schema.get("$defs", {})
    for name in documented_models():
        target = schema if name == "Brief" else definitions.get(name)
        if target is None:
            continue
        if name in MODELS:
            target["description"] = MODELS[name]
        for field, prop in target.get("properties", {}).items():
            prop.pop("title", None)  # "Ab Test": the key itself is the better name
            if (name, field) in FIELDS:
                description, examples = FIELDS[(name, field)]
                prop["description"] = description
                prop["examples"] = list(examples)
    schema.pop("title", None)
    return {"$schema": SCHEMA_DIALECT, "title": "briefgen Brief", **schema}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]
