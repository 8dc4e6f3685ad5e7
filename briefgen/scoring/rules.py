"""Readiness scoring on the Impact-First matrix: a validated brief in, a :class:`Readiness` out.

Each project is scored the way an applied-AI panel weighs a story (DOMAIN.md): technical depth,
product impact and leadership-principle alignment. Every point a project loses is attached to a
:class:`Finding` that says why and how to fix it, in the user's own figures, so the score is
never a mystery. Pure: no files, no printing; the same brief always gets the same result.

The axis weights (40/40/20) and the share of each axis a criterion is worth are module-level
defaults; the Scale-and-Ship verdict is :func:`briefgen.scoring.bar.judge`'s, which is the one
place that judges the bar.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from .. import language
from ..input.models import Brief, Metric, Outcome, Project, Thresholds
from ..language.numbers import format_quantity
from .bar import BarVerdict, judge
from .result import (
    AXES,
    DEFAULT_WEIGHTS,
    SEVERITY_ORDER,
    Axis,
    AxisScores,
    Finding,
    ProjectReadiness,
    Readiness,
    Severity,
    Weights,
)

# The share of its axis each criterion is worth (each axis adds up to 1). DOMAIN.md names the
# criteria; the split between them is ours: the metric movement and the business outcome carry
# the most, because a panel marks a story down first for a missing baseline or a missing outcome.
SHARES: dict[Axis, dict[str, float]] = {
    "technical": {
        "technique": 0.20,  # the technique is named (LoRA adapters, DPO ...)
        "actions": 0.20,  # concrete actions: what was built, on what, how much
        "situation": 0.05,  # STAR-L: the problem framed
        "task": 0.05,  # STAR-L: the goal set
        "metric": 0.50,  # a baseline and a result, moving the right way
    },
    "impact": {
        "outcome": 0.40,  # a quantified business outcome
        "period": 0.15,  # money and counts say over what period
        "triad": 0.10,  # the outcome stands on an improved metric: the triad is complete
        "scale": 0.35,  # production evidence meeting the Scale-and-Ship bar
    },
    "leadership": {
        "principle": 0.50,  # one of the 16 principles named
        "story": 0.20,  # a leadership story
        "team": 0.30,  # the story says whom the candidate led (team size, cross-functional)
    },
}

# Below the bar, production evidence still earns up to this share of the scale points, in
# proportion to how far the request count got towards the bar.
PARTIAL_SCALE_CREDIT = 0.5


# Metrics a panel reads as academic when they are the only evidence.
PROXY_METRIC = re.compile(
    r"\b(loss|perplexity|ppl|cross[- ]?entropy|log[- ]?likelihood|bleu|rouge(?:-\w+)?|meteor|chrf|"
    r"bertscore|accuracy|f1|f-1|f1[- ]score|exact[- ]match|mmlu|benchmark|eval(?:uation)? score)\b",
    re.IGNORECASE)

# A period written into the outcome's own words ("daily users", "per week").
_PERIOD_WORDS = re.compile(
    r"\b(daily|weekly|monthly|quarterly|yearly|annual(?:ly)?|per|each|every|a (?:day|week|month|"
    r"quarter|year)|/(?:day|week|month|quarter|year))\b", re.IGNORECASE)

# Whom a story says the candidate led: "two SDEs and a PM", "a cross-functional review",
# "the search team's on-call", "convinced the service owners".
_TEAM = re.compile(
    r"""(cross[- ]functional|cross[- ]team|mentor(?:ed|ing)?|hired|
        \b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|the|our|my|both|
           several|multiple|other|partner)\s+(?:[\w'-]+\s+){0,2}?
        (?:engineers?|sdes?|scientists?|pms?|product\s+managers?|managers?|designers?|interns?|
           researchers?|analysts?|people|reports|teams?|team's|squads?|developers?|annotators?|
           raters?|owners|stakeholders|partners|leadership|leaders|org(?:anization)?s?|
           colleagues|peers|on-call)\b)""",
    re.IGNORECASE | re.VERBOSE)

# "I led the effort": a claim of leadership that names nothing.
_VAGUE_LED = re.compile(r"\b((?:I )?led the (?:effort|project|initiative|work|team)|I led)\b",
                        re.IGNORECASE)

# An action is concrete when it says enough to picture it: a figure, or a full clause.
_MIN_ACTION_WORDS = 6


# --- scoring ----------------------------------------------------------------------------------


def score_brief(brief: Brief, weights: Weights = DEFAULT_WEIGHTS) -> Readiness:
    projects = tuple(score_project(i + 1, p, brief.thresholds, weights)
                     for i, p in enumerate(brief.projects))
    overall = sum(p.score for p in projects) / len(projects)
    return Readiness(score=_round(overall), projects=projects, weights=weights,
                     thresholds=brief.thresholds)


def score_project(number: int, project: Project, thresholds: Thresholds,
                  weights: Weights = DEFAULT_WEIGHTS) -> ProjectReadiness:
    title = project.title
    project = _without_backticks(project)
    card = _Card(weights)
    verdict = judge(project.scale, thresholds)
    _technical(card, project)
    _impact(card, project, verdict, thresholds)
    _leadership(card, project)
    axes = AxisScores(**{axis: _round(weights.of(axis) - card.lost[axis]) for axis in AXES})
    score = _round(sum(axes.of(axis) for axis in AXES))
    findings = tuple(sorted(card.findings, key=lambda f: SEVERITY_ORDER[f.severity]))
    return ProjectReadiness(number=number, title=title, score=score, axes=axes,
                            verdict=verdict, findings=findings, weights=weights)


class _Card:
    """The running score card of one project: points lost per axis and why."""

    def __init__(self, weights: Weights):
        self.weights = weights
        self.lost: dict[Axis, float] = {axis: 0.0 for axis in AXES}
        self.findings: list[Finding] = []

    def lose(self, severity: Severity, axis: Axis, shares: dict[str, float], message: str,
             fix: str) -> None:
        """Record a finding costing ``fraction`` of each named criterion on ``axis``."""
        points = sum(SHARES[axis][name] * fraction for name, fraction in shares.items())
        points *= self.weights.of(axis)
        self.lost[axis] += points
        self.findings.append(Finding(severity, axis, _round(points), message, fix))

    def advise(self, axis: Axis, message: str, fix: str) -> None:
        self.findings.append(Finding("info", axis, 0.0, message, fix))


def _technical(card: _Card, p: Project) -> None:
    change = language.metric_change(p.metric)
    triad = language.triad_sentence(_without_outcomes(p)).rstrip(".")
    name = p.metric.name
    if not p.technique:
        card.lose("warning", "technical", {"technique": 1},
                  "No technique named: the panel cannot tell what you did to move the metric.",
                  f"Add `technique:` so the bullet reads '{triad} using <technique>' "
                  "(e.g. LoRA adapters, DPO, int8 quantization).")
    if not p.actions:
        card.lose("warning", "technical", {"actions": 1},
                  "STAR-L is missing the Action: no `actions` say what you built.",
                  "Add 1-3 actions with specifics, e.g. 'Built a fine-tuning pipeline with "
                  f"{p.technique or '<technique>'} on <N> curated examples and gated releases on "
                  "an offline eval.'")
    elif not any(_concrete(a) for a in p.actions):
        card.lose("warning", "technical", {"actions": 0.5},
                  f"The actions are vague ('{p.actions[0]}'): say what you built, on what data, "
                  "at what size.",
                  "Rewrite an action with a figure, e.g. 'Fine-tuned <model> with "
                  f"{p.technique or '<technique>'} on <N>k labelled examples.'")
    if not p.situation:
        card.lose("warning", "technical", {"situation": 1},
                  "STAR-L is missing the Situation: the problem is never stated.",
                  f"Add `situation:` with the problem and its size, e.g. '{_cap(name)} stood at "
                  f"{change.baseline}, which <cost the business what>.'")
    if not p.task:
        card.lose("warning", "technical", {"task": 1},
                  "STAR-L is missing the Task: the goal you were given is never stated.",
                  f"Add `task:`, e.g. '{_verb(p.metric)} {name} from {change.baseline} without "
                  "<the constraint: latency, cost, refusals>.'")
    if change.verdict == "unchanged":
        card.lose("error", "technical", {"metric": 1},
                  f"No baseline: {name} is {change.result} before and after, so nothing moved "
                  "(a bare score such as 'BLEU 35' reads as academic).",
                  f"Give the baseline you started from: '{_verb(p.metric)} {name} from <baseline> "
                  f"to {change.result}'.")
    elif change.verdict == "worse":
        card.lose("error", "technical", {"metric": 1},
                  f"The result is worse than the baseline: {name} went from {change.baseline} to "
                  f"{change.result} ({change.summary}), and `better: {p.metric.better}`.",
                  f"Check `better:` and the two figures. If {name} really got worse, lead with the "
                  "metric that improved and state this one as the trade-off you accepted.")


def _impact(card: _Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
    change = language.metric_change(p.metric)
    improved = change.verdict == "better"
    triad = language.triad_sentence(_without_outcomes(p)).rstrip(".")
    real = [o for o in p.outcomes if not _is_zero(o)]
    zero = [o for o in p.outcomes if _is_zero(o)]
    for o in zero:
        label = o.metric or (o.money_kind or "outcome").replace("_", " ")
        fix = f"Give its size, e.g. '{triad}, lowering {label} by <N>%', or remove it."
        if real:
            # Beside a real outcome, a zero is a guardrail that held ("without more refusals").
            card.advise("impact", f"The outcome '{label}' is zero: that is a guardrail that held, "
                        "not a gain; say it in the Task as a constraint you met.", fix)
        else:
            card.lose("error", "impact", {"outcome": 1, "period": 1, "triad": 1},
                      f"The outcome '{label}' is zero: it adds nothing to the triad.", fix)
    if not p.outcomes:
        if PROXY_METRIC.search(p.metric.name):
            name = p.metric.name
            message = (f"Only {_article(name)} {name} figure: a loss, perplexity or bare benchmark score "
                       "reads as academic; the panel scores product impact, not model metrics.")
            fix = (f"Say what it changed for customers and the business: '{triad}, which cut "
                   "<product metric> by N% and saved $N per quarter'.")
        else:
            message = ("No business outcome: the triad stops at the model metric, so the story "
                       "reads as academic.")
            fix = (f"Add the business outcome: '{triad}, which saved $N per quarter' "
                   "(or cut latency, unlocked capacity, grew revenue or users).")
        card.lose("error", "impact", {"outcome": 1, "period": 1, "triad": 1}, message, fix)
    elif real:
        missing = [o for o in real if _needs_period(o) and not _has_period(o)]
        if missing:
            amounts = ", ".join(_amount(o) for o in missing)
            card.lose("warning", "impact", {"period": len(missing) / len(real)},
                      f"An outcome without a period: {amounts} per what?",
                      f"Add `per:` (quarter, year, month, request) so it reads "
                      f"'{_amount(missing[0])} per quarter'.")
        if not improved:
            card.lose("warning", "impact", {"triad": 1},
                      f"The triad is broken: the outcome does not stand on an improvement, because "
                      f"{p.metric.name} did not get better.",
                      "Anchor the outcome to the metric that moved: baseline -> result -> outcome.")
        if not any(o.money is not None for o in real):
            sentence = language.triad_sentence(p).rstrip(".")
            card.advise("impact", "No outcome in money: a dollar figure is what a panel remembers.",
                        f"If you can, add it: '{sentence}, which saved $N per quarter'.")
    _scale(card, p, verdict, thresholds)


def _scale(card: _Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
    if verdict.meets_bar:
        return
    min_requests = thresholds.min_requests.value
    credit = 0.0
    if verdict.requests is not None and min_requests > 0:
        credit = PARTIAL_SCALE_CREDIT * min(1.0, verdict.requests / min_requests)
    if verdict.requests is None and verdict.regression is None:
        message = (f"No production evidence: without a request count and a regression rate the "
                   f"project reads as prototype-only (the bar is {verdict.bar}).")
        fix = ("Add `scale:` with what it served, e.g. `requests: 13M`, `days: 14`, "
               "`regression: 1.7%`; if it never shipped, say so and what shipping would take.")
    else:
        message = verdict.sentence
        if verdict.requests is None:
            fix = ("Add `requests:` under `scale:` (how many requests it served); the regression alone "
                   "does not show production penetration.")
        else:
            fix = (f"It served {verdict.evidence}. If the full rollout served more or regressed less, give "
                   "those figures under `scale:`; if not, present it as a prototype and say what "
                   "reaching the bar would take.")
    card.lose("warning", "impact", {"scale": 1 - credit}, message, fix)


def _leadership(card: _Card, p: Project) -> None:
    lead = p.leadership
    principles = list(lead.principles) if lead else []
    story = (lead.story or "") if lead else ""
    texts = [story, *p.actions]
    vague = next((m.group(0) for t in texts if (m := _VAGUE_LED.search(t))), "")
    if not principles and not story:
        card.lose("error", "leadership", {"principle": 1, "story": 1, "team": 1},
                  "STAR-L stops before Leadership: no principle and no story of what you led"
                  + (f" ('{vague}' names neither)." if vague else "."),
                  "Add `leadership:` with a principle (for fine-tuning work most often Dive Deep or "
                  "Deliver Results) and a story naming whom you led, e.g. 'led two SDEs and a PM'.")
        return
    if not principles:
        card.lose("warning", "leadership", {"principle": 1},
                  "No leadership principle named" + (f" ('{vague}' with no principle)." if vague else "."),
                  f"Add `principles:`, e.g. [Dive Deep, Deliver Results], so it reads 'Deliver Results: "
                  f"{story.rstrip('.') or '<what you led>'}.'")
    if not story:
        card.lose("warning", "leadership", {"story": 1, "team": 1},
                  f"{', '.join(principles)} named, but no story of what you led.",
                  f"Add `story:` showing {principles[0]} and whom you led, e.g. 'Led two SDEs and a "
                  "PM through the retraining.'")
    elif not _TEAM.search(story):
        if vague:
            message = f"'{vague}' with no team: the story does not say whom you led."
        else:
            message = "The leadership story does not say whom you led (team size, cross-functional)."
        card.lose("warning", "leadership", {"team": 1}, message,
                  f"Name the team: '{story.rstrip('.')}, leading two SDEs and a PM' "
                  "(or the teams you brought along).")


# --- helpers ----------------------------------------------------------------------------------


def _without_backticks(value: Any) -> Any:
    """``value`` with every backtick in the brief's own words made an apostrophe, so that each
    backtick pair in a finding is one the rules wrote around a key or a snippet (`per:`), which
    the Markdown notes show as code while the user's words stay escaped text."""
    if isinstance(value, str):
        return value.replace("`", "'")
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _without_backticks(getattr(value, name))
                                        for name in type(value).model_fields})
    if isinstance(value, (list, tuple)):
        return type(value)(_without_backticks(item) for item in value)
    return value


def _without_outcomes(p: Project) -> Project:
    return p.model_copy(update={"outcomes": []})


def _concrete(action: str) -> bool:
    return any(ch.isdigit() for ch in action) or len(action.split()) >= _MIN_ACTION_WORDS


def _is_zero(o: Outcome) -> bool:
    amount = o.money if o.money is not None else o.change
    return amount is not None and amount.value == 0


def _needs_period(o: Outcome) -> bool:
    """Money and absolute counts need a period; percentages and durations are already rates."""
    return o.money is not None or (o.change is not None and o.change.kind == "number")


def _has_period(o: Outcome) -> bool:
    return bool(o.per) or any(_PERIOD_WORDS.search(t) for t in (o.metric or "", o.note or ""))


def _amount(o: Outcome) -> str:
    if o.money is not None:
        return format_quantity(o.money, signed=False)
    assert o.change is not None
    return f"{format_quantity(o.change, signed=True)} {o.metric}"


def _article(word: str) -> str:
    # "an accuracy", "an F1", "an MMLU", "a BLEU"
    return "an" if word[:1].lower() in "aeiou" or re.match(r"(f-?1|mmlu)\b", word, re.I) else "a"


def _verb(metric: Metric) -> str:
    return "Cut" if metric.better == "lower" else "Raise"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _round(value: float) -> float:
    return round(value + 0.0, 1) or 0.0


