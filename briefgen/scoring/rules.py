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

import functools
import re
from pathlib import Path

from .. import language
from ..input.models import Brief, Metric, Outcome, Project, Thresholds
from ..language.numbers import format_quantity
from .bar import BarVerdict, judge, prototype_only
from .principles import coverage, shown_but_not_named
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

STARTER = Path(__file__).resolve().parent.parent / "starter.yaml"

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
    starter = _starter()
    projects = tuple(score_project(i + 1, p, brief.thresholds, weights,
                                   unedited=starter is not None and p in starter.projects)
                     for i, p in enumerate(brief.projects))
    overall = sum(p.score for p in projects) / len(projects)
    notes = []
    if starter is not None and (brief.candidate == starter.candidate
                                or any(p in starter.projects for p in brief.projects)):
        notes.append("This is the unedited `briefgen init` starter (Alex Kim's example): replace "
                     "every value with your own before you score it.")
    if prototype_only([p.verdict for p in projects]):
        notes.append(language.brief_scale_line([p.verdict for p in projects]))
    return Readiness(score=_round(overall), projects=projects, weights=weights,
                     thresholds=brief.thresholds, coverage=coverage(brief), notes=tuple(notes))


@functools.cache
def _starter() -> Brief | None:
    """The brief `briefgen init` writes, to recognise it when it comes back unedited."""
    from ..input.reader import read_source
    from ..input.validate import validate_source

    try:
        return validate_source(read_source(STARTER))
    except Exception:  # a broken starter is init's test to catch, not a reason to fail a check
        return None


def score_project(number: int, project: Project, thresholds: Thresholds,
                  weights: Weights = DEFAULT_WEIGHTS, *, unedited: bool = False) -> ProjectReadiness:
    card = _Card(weights)
    verdict = judge(project.scale, thresholds, project.status)
    if unedited:
        _unedited(card)
    else:
        _technical(card, project)
        _impact(card, project, verdict, thresholds)
        _leadership(card, project)
    axes = AxisScores(**{axis: _round(weights.of(axis) - card.lost[axis]) for axis in AXES})
    score = _round(sum(axes.of(axis) for axis in AXES))
    findings = tuple(sorted(card.findings, key=lambda f: SEVERITY_ORDER[f.severity]))
    return ProjectReadiness(number=number, title=project.title, score=score, axes=axes,
                            verdict=verdict, findings=findings, weights=weights)


class _Card:
    """The running score card of one project: points lost per axis and why."""

    def __init__(self, weights: Weights):
        self.weights = weights
        self.lost: dict[Axis, float] = {axis: 0.0 for axis in AXES}
        self.findings: list[Finding] = []
        self.spent: dict[tuple[Axis, str], float] = {}  # the fraction of each criterion lost so far

    def lose(self, severity: Severity, axis: Axis, shares: dict[str, float], message: str,
             fix: str) -> None:
        """Record a finding costing ``fraction`` of each named criterion on ``axis`` (a criterion
        is never lost more than once over)."""
        capped = {}
        for name, fraction in shares.items():
            already = self.spent.get((axis, name), 0.0)
            capped[name] = max(0.0, min(fraction, 1.0 - already))
            self.spent[(axis, name)] = already + capped[name]
        points = sum(SHARES[axis][name] * fraction for name, fraction in capped.items())
        points *= self.weights.of(axis)
        self.lost[axis] += points
        self.findings.append(Finding(severity, axis, _round(points), message, fix))

    def advise(self, axis: Axis, message: str, fix: str) -> None:
        self.findings.append(Finding("info", axis, 0.0, message, fix))


def _unedited(card: _Card) -> None:
    for axis in AXES:
        card.lose("error", axis, dict.fromkeys(SHARES[axis], 1.0),
                  "This is the starter project from `briefgen init`, unedited: its figures are an "
                  "example, not your work.",
                  "Replace the title, the STAR-L story, the metric, the outcomes and the scale with "
                  "your own project's, or delete it.")


def _technical(card: _Card, p: Project) -> None:
    change = language.metric_change(p.metric)
    name = p.metric.name
    if not p.technique:
        with_placeholder = language.resume_bullet(p.model_copy(update={"technique": "<technique>"}))
        card.lose("warning", "technical", {"technique": 1},
                  "No technique named: the panel cannot tell what you did to move the metric.",
                  f"Add `technique:` so the bullet reads '{with_placeholder.rstrip('.')}' "
                  "(e.g. LoRA adapters, DPO, int8 quantization).")
    if not p.actions:
        card.lose("warning", "technical", {"actions": 1},
                  "STAR-L is missing the Action: no `actions` say what you built.",
                  "Add 1-3 actions that say what you built, on what data and how much, e.g. "
                  f"'<Built what> with {p.technique or '<technique>'} on <how much data>.'")
    elif not any(_concrete(a) for a in p.actions):
        card.lose("warning", "technical", {"actions": 0.5},
                  f"The actions are vague ('{p.actions[0]}'): say what you built, on what data, "
                  "at what size.",
                  "Rewrite an action with a figure, e.g. '<What you did> with "
                  f"{p.technique or '<technique>'} on <how many> <examples, users or GPUs>.'")
    if not p.situation:
        stood = change.baseline or "<baseline>"
        card.lose("warning", "technical", {"situation": 1},
                  "STAR-L is missing the Situation: the problem is never stated.",
                  f"Add `situation:` with the problem and its size, e.g. '{_cap(name)} stood at "
                  f"{stood}, which <cost the business what>.'")
    if not p.task:
        start = f" from {change.baseline}" if change.baseline else ""
        # The goal as the brief's own metric, unless that metric got worse: then a placeholder,
        # so a fix never words the cost as the aim.
        goal = "<the goal you were given>" if change.verdict == "worse" else \
            f"{_verb(p.metric)} {name}{start}"
        card.lose("warning", "technical", {"task": 1},
                  "STAR-L is missing the Task: the goal you were given is never stated.",
                  f"Add `task:`, e.g. '{goal} without <the constraint: latency, cost, refusals>.'")
    if change.verdict == "unchanged":
        if change.relative_only:
            message = (f"No movement: `change: {p.metric.change.text if p.metric.change else ''}` "
                       f"says {name} did not move.")
            fix = (f"Give the change {name} made, or the baseline and result: "
                   f"'{_verb(p.metric)} {name} by <N>%'.")
        else:
            message = (f"No baseline: {name} is {change.result} before and after, so nothing moved "
                       "(a bare score such as 'BLEU 35' reads as academic).")
            fix = (f"Give the baseline you started from: '{_verb(p.metric)} {name} from <baseline> "
                   f"to {change.result}'.")
        card.lose("error", "technical", {"metric": 1}, message, fix)
    elif change.verdict == "worse":
        moved = (f"went from {change.baseline} to {change.result}" if not change.relative_only
                 else f"moved {change.emphasis}")
        card.lose("error", "technical", {"metric": 1},
                  f"The result is worse than the baseline: {name} {moved} ({change.summary}), "
                  f"and `better: {p.metric.better}`.",
                  f"Check `better:` and the figures. If {name} really got worse, make the metric "
                  "that improved the headline (`metric:`) and keep this one as an outcome with "
                  "`better:`, so the brief leads with the win and names this as the cost.")


def _impact(card: _Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
    change = language.metric_change(p.metric)
    improved = change.verdict == "better"
    triad = language.triad_sentence(_without_outcomes(p)).rstrip(".")
    real = [o for o in p.outcomes if not _is_zero(o)]
    zero = [o for o in p.outcomes if _is_zero(o)]
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
        missing = [o for o in wins if _needs_period(o) and not _has_period(o)]
        if missing:
            amounts = ", ".join(_amount(o) for o in missing)
            card.lose("warning", "impact", {"period": len(missing) / len(wins)},
                      f"An outcome without a period: {amounts} per what?",
                      f"Add `per:` (quarter, year, month, request) so it reads "
                      f"'{_amount(missing[0])} per quarter'.")
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
        return (f"Only {_article(name)} {name} figure: a loss, perplexity or bare benchmark score "
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


def _looks_like_a_cost(card: _Card, p: Project) -> None:
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


def _trade_off(card: _Card, p: Project, change: language.MetricChange) -> None:
    """A story with a cost: panels reward it named plainly and argued for (DOMAIN.md point 7)."""
    wins = [o for o in p.outcomes if not o.is_cost and not _is_zero(o)]
    costs = [o for o in p.outcomes if o.is_cost]
    if not (costs or change.verdict == "worse") or not (wins or change.verdict == "better"):
        return
    card.advise("impact", "A trade-off: the brief leads with the win and names the cost plainly, "
                "which a panel rewards when you can say why it was worth paying.",
                "Say why in the Task or the leadership story ('<why the cost was worth paying>'); "
                "it shows Are Right, A Lot or Have Backbone; Disagree and Commit.")


def _scale(card: _Card, p: Project, verdict: BarVerdict, thresholds: Thresholds) -> None:
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


def _leadership(card: _Card, p: Project) -> None:
    lead = p.leadership
    principles = list(lead.principles) if lead else []
    story = (lead.story or "") if lead else ""
    texts = [story, *p.actions]
    vague = next((m.group(0) for t in texts if (m := _VAGUE_LED.search(t))), "")
    shown = shown_but_not_named(p)
    if not principles and not story:
        card.lose("error", "leadership", {"principle": 1, "story": 1, "team": 1},
                  "STAR-L stops before Leadership: no principle and no story of what you led"
                  + (f" ('{vague}' names neither)." if vague else "."),
                  "Add `leadership:` with a principle (for fine-tuning work most often Dive Deep or "
                  "Deliver Results) and a story naming whom you led: 'Led <whom you led> through "
                  "<what>.'")
    else:
        if not principles:
            names = [s.principle for s in shown[:2]] or ["Dive Deep", "Deliver Results"]
            card.lose("warning", "leadership", {"principle": 1},
                      "No leadership principle named"
                      + (f" ('{vague}' with no principle)." if vague else "."),
                      f"Add `principles:`, e.g. [{', '.join(_yaml_name(n) for n in names)}], so it reads "
                      f"'{names[-1]}: {story.rstrip('.') or '<what you led>'}.'")
        if not story:
            card.lose("warning", "leadership", {"story": 1, "team": 1},
                      f"{', '.join(principles)} named, but no story of what you led.",
                      f"Add `story:` showing {principles[0]} and whom you led: 'Led <whom you led> "
                      "through <what>.'")
        elif not _TEAM.search(story):
            if vague:
                message = f"'{vague}' with no team: the story does not say whom you led."
            else:
                message = "The leadership story does not say whom you led (team size, cross-functional)."
            card.lose("warning", "leadership", {"team": 1}, message,
                      f"Name the team: '{story.rstrip('.')}, leading <whom you led>' "
                      "(or the teams you brought along).")
    if principles and len(principles) < 4:
        for s in shown[:2]:
            card.advise("leadership", f"The story shows {s.principle} ('{s.words}') without naming it.",
                        f"If it is the point of the story, add it: `principles: "
                        f"[{', '.join(_yaml_name(n) for n in [*principles, s.principle])}]`.")


def _yaml_name(name: str) -> str:
    """A principle as written in a YAML flow list: quoted when it holds a comma."""
    return f'"{name}"' if "," in name or ";" in name else name


def _money_plausible(p: Project) -> bool:
    texts = [p.metric.name, p.situation or "", p.task or "",
             *(o.metric or "" for o in p.outcomes)]
    return any(o.money is not None for o in p.outcomes) or any(_MONEY_PLAUSIBLE.search(t) for t in texts)


# --- helpers ----------------------------------------------------------------------------------


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


