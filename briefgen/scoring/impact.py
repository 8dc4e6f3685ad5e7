"""The product-impact axis: a business outcome on an improved metric, over a period, with
Scale-and-Ship evidence; and no cost worded as a win, in the story or in a fix."""

from __future__ import annotations

import re

from .. import language
from ..input.models import Outcome, Project, Thresholds
from ..language.numbers import format_quantity
from .bar import BarVerdict
from .card import Card, amount, article, has_period, is_zero, needs_period, without_outcomes

# Below the bar, production evidence still earns up to this share of the scale points, in
# proportion to how far the request count got towards the bar.
PARTIAL_SCALE_CREDIT = 0.5


# Where money is a plausible outcome: the story is about spend, capacity, time people or
# machines spend, or customers who buy, call or leave. An NPS or a recall win is not (money there
# would be a guess), so no fix suggests "$N" for it.
_MONEY_PLAUSIBLE = re.compile(
    r"cost|spend|\$|€|£|gpu|compute|capacity|fleet|server|infra|latency|turnaround|throughput|"
    r"ticket|call|escalat|agent|support|churn|retention|conversion|revenue|sale|subscri|purchase|"
    r"order|fraud|refund|manual|annotat|labell?ing|hours|headcount|storage|bandwidth|token",
    re.IGNORECASE)

# Outcomes that read as a cost when they rise ("abandoned sessions +4%"), and as a cost when
# they fall ("accuracy -2 pp"), for the warning on an outcome without `better:`.
_BAD_WHEN_UP = re.compile(
    r"abandon|churn|error|latenc|complain|cost|spend|escalat|ticket|refus|hallucinat|defect|bug|"
    r"incident|outage|downtime|wait|bounce|drop-?off|fail|crash|timeout|rollback|false positive|"
    r"toxic|jailbreak success|unhelpful|regress|p\d\d|time to", re.IGNORECASE)
_BAD_WHEN_DOWN = re.compile(
    r"accuracy|revenue|retention|conversion|satisfaction|nps|csat|engagement|recall|precision|"
    r"uptime|throughput|coverage|adoption|active users|users served|sign-?ups|click-?through|"
    r"helpful|quality|thumbs-up", re.IGNORECASE)

def impact(card: Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
    change = language.metric_change(p.metric)
    improved = change.verdict == "better"
    triad = language.triad_sentence(without_outcomes(p)).rstrip(".")
    real = [o for o in p.outcomes if not is_zero(o)]
    zero = [o for o in p.outcomes if is_zero(o)]
    wins = [o for o in real if not o.is_cost]
    plausible = _money_plausible(p)
    for o in zero:
        label = o.metric or (o.money_kind or "outcome").replace("_", " ")
        fix = f"Give its size, e.g. '..., lowering {label} by <N>%', or remove it."
        if real:
            # Beside a real outcome, a zero is a guardrail that held ("without more refusals").
            card.advise("impact", f"The outcome '{label}' is zero: that is a guardrail that held, "
                        "not a gain; say it in the Task as a constraint you met.", fix)
        else:
            card.lose("error", "impact", {"outcome": 1, "period": 1, "triad": 1},
                      f"The outcome '{label}' is zero: it adds nothing to the triad.", fix)
    if not wins and not zero:
        card.lose("error", "impact", {"outcome": 1, "period": 1, "triad": 1},
                  *_missing_outcome(p, change, triad, plausible, costs=bool(real)))
    elif wins:
        missing = [o for o in wins if needs_period(o) and not has_period(o)]
        if missing:
            amounts = ", ".join(amount(o) for o in missing)
            card.lose("warning", "impact", {"period": len(missing) / len(wins)},
                      f"An outcome without a period: {amounts} per what?",
                      f"Add `per:` (quarter, year, month, request) so it reads "
                      f"'{amount(missing[0])} per quarter'.")
        if not improved:
            card.lose("warning", "impact", {"triad": 1},
                      f"The triad is broken: the outcome does not stand on an improvement, because "
                      f"{p.metric.name} did not get better.",
                      "Anchor the outcome to the metric that moved: baseline -> result -> outcome.")
        if plausible and not any(o.money is not None for o in wins):
            won = _win_sentence(p, wins)
            card.advise("impact", "No outcome in money: a dollar figure is what a panel remembers.",
                        f"If it saved or earned money, add it: '{won}, which saved $N per quarter'.")
    _looks_like_a_cost(card, p)
    _trade_off(card, p, change)
    if p.status == "offline" and any(o.money is not None for o in wins):
        card.advise("impact", "An offline evaluation's money is a projection until the model ships.",
                    "Say so in the outcome's `note:` (e.g. `note: projected`), so the brief reads "
                    "'saving a projected $N'.")
    _scale(card, p, verdict, thresholds)


def _missing_outcome(p: Project, change: language.MetricChange, triad: str, plausible: bool, *,
                     costs: bool) -> tuple[str, str]:
    """(message, fix) for a story with no business outcome that went the right way."""
    if change.verdict == "worse":
        return ("No business outcome improved: the story has a cost and no win to weigh it "
                "against, so it reads as a failure.",
                "Add the outcome that made it worth it (a metric that improved, under `outcomes:`); "
                "if nothing did, tell it as what you learned and what you would do next.")
    if costs:
        return (f"No business outcome: the only outcome is a cost, so nothing says what the better "
                f"{p.metric.name} won for customers or the business.",
                f"Add the outcome it produced: '{triad}, which <changed what for customers or the "
                "business>', and keep the cost beside it.")
    if language.is_model_metric(p.metric.name):
        name = p.metric.name
        return (f"Only {article(name)} {name} figure: a loss, perplexity or bare benchmark score "
                "reads as academic; the panel scores product impact, not model metrics.",
                f"Say what it changed for customers and the business: '{triad}, which "
                "<moved which product metric, by how much>'.")
    example = ("'..., which saved $N per quarter'" if plausible
               else "'..., which <changed what for customers, by how much>'")
    return ("No business outcome: the triad stops at the model metric, so the story reads as "
            "academic.",
            f"Add the business outcome: '{triad}, which <changed what for customers or the business>' "
            f"(e.g. {example}).")


def _win_sentence(p: Project, wins: list[Outcome]) -> str:
    """The story's wins alone, never its costs: what a suggested '$N' may follow."""
    change = language.metric_change(p.metric)
    if change.verdict == "worse":
        return language.capitalise(language.join_clauses([language.outcome_clause(o, "past")
                                                          for o in wins]))
    return language.triad_for(p.metric, wins, p.status).rstrip(".")


def _looks_like_a_cost(card: Card, p: Project) -> None:
    """An outcome without `better:` whose name and sign read as a cost ('abandoned sessions +4%')
    is worded as the effect the candidate wanted: say so, and how to say it as a cost."""
    for o in p.outcomes:
        if o.change is None or o.metric is None or o.better is not None or o.change.value == 0:
            continue
        rising = o.change.value > 0
        pattern = _BAD_WHEN_UP if rising else _BAD_WHEN_DOWN
        if not pattern.search(o.metric):
            continue
        said = format_quantity(o.change, signed=True)
        worse_way = "lower" if rising else "higher"
        card.lose("warning", "impact", {"triad": 1},
                  f"'{o.metric} {said}' reads as a win: without `better:` an outcome is taken as "
                  "the effect you wanted, and the brief words it as one.",
                  f"If that {'rise' if rising else 'drop'} is a cost, add `better: {worse_way}` to "
                  f"the outcome: the brief then names it as the cost ('..., at the cost of "
                  f"{_cost_preview(o, worse_way)}'). If it is the effect you wanted, add "
                  f"`better: {'higher' if rising else 'lower'}`.")


def _cost_preview(o: Outcome, better: str) -> str:
    return language.cost_phrase(o.model_copy(update={"better": better}))


def _trade_off(card: Card, p: Project, change: language.MetricChange) -> None:
    """A story with a cost: panels reward it named plainly and argued for (DOMAIN.md point 7)."""
    wins = [o for o in p.outcomes if not o.is_cost and not is_zero(o)]
    costs = [o for o in p.outcomes if o.is_cost]
    if not (costs or change.verdict == "worse") or not (wins or change.verdict == "better"):
        return
    card.advise("impact", "A trade-off: the brief leads with the win and names the cost plainly, "
                "which a panel rewards when you can say why it was worth paying.",
                "Say why in the Task or the leadership story ('<why the cost was worth paying>'); "
                "it shows Are Right, A Lot or Have Backbone; Disagree and Commit.")


def _scale(card: Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
    if verdict.meets_bar:
        return
    min_requests = thresholds.min_requests.value
    credit = 0.0
    if verdict.requests is not None and min_requests > 0 and verdict.in_production:
        credit = PARTIAL_SCALE_CREDIT * min(1.0, verdict.requests / min_requests)
    if verdict.status != "shipped":
        message = verdict.sentence
        said = language.scale_sentence(p.scale, p.status)
        fix = (f"The brief presents it as what it is ('{said}'). If it has shipped since, set "
               "`status: shipped` and give the production figures under `scale:`; if not, say "
               "what shipping it would take.")
    elif verdict.requests is None and verdict.regression is None:
        message = (f"No production evidence: without a request count and a regression rate the "
                   f"project reads as prototype-only (the bar is {verdict.bar}).")
        fix = ("Add `scale:` with what it served: `requests: <how many>`, `days: <how long>`, "
               "`regression: <N>%`. If it never shipped, set `status: pilot` or `status: offline` "
               "so the brief says what it is.")
    else:
        message = verdict.sentence
        if verdict.requests is None:
            fix = ("Add `requests:` under `scale:` (how many requests it served); the regression alone "
                   "does not show production penetration.")
        else:
            fix = (f"It served {verdict.evidence}. If the full rollout served more or regressed less, give "
                   "those figures under `scale:`; if not, present it as a prototype (`status: pilot`) "
                   "and say what reaching the bar would take.")
    card.lose("warning", "impact", {"scale": 1 - credit}, message, fix)




def _money_plausible(p: Project) -> bool:
    texts = [p.metric.name, p.situation or "", p.task or "",
             *(o.metric or "" for o in p.outcomes)]
    return any(o.money is not None for o in p.outcomes) or any(_MONEY_PLAUSIBLE.search(t) for t in texts)

