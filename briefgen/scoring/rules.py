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
from typing import Any

from pydantic import BaseModel

from .. import language
from ..input.models import Brief, Project, Thresholds
from .bar import judge, prototype_only
from .card import SHARES, Card, cap, concrete, round_points, verb, yaml_name
from .impact import impact
from .principles import coverage, shown_but_not_named
from .result import (
    AXES,
    DEFAULT_WEIGHTS,
    SEVERITY_ORDER,
    AxisScores,
    ProjectReadiness,
    Readiness,
    Weights,
)

STARTER = Path(__file__).resolve().parent.parent / "starter.yaml"

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
    return Readiness(score=round_points(overall), projects=projects, weights=weights,
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
    title = project.title
    project = _without_backticks(project)
    card = Card(weights)
    verdict = judge(project.scale, thresholds, project.status)
    if unedited:
        _unedited(card)
    else:
        _technical(card, project)
        impact(card, project, verdict, thresholds)
        _leadership(card, project)
    axes = AxisScores(**{axis: round_points(weights.of(axis) - card.lost[axis]) for axis in AXES})
    score = round_points(sum(axes.of(axis) for axis in AXES))
    findings = tuple(sorted(card.findings, key=lambda f: SEVERITY_ORDER[f.severity]))
    return ProjectReadiness(number=number, title=title, score=score, axes=axes,
                            verdict=verdict, findings=findings, weights=weights)


def _unedited(card: Card) -> None:
    for axis in AXES:
        card.lose("error", axis, dict.fromkeys(SHARES[axis], 1.0),
                  "This is the starter project from `briefgen init`, unedited: its figures are an "
                  "example, not your work.",
                  "Replace the title, the STAR-L story, the metric, the outcomes and the scale with "
                  "your own project's, or delete it.")


def _technical(card: Card, p: Project) -> None:
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
    elif not any(concrete(a) for a in p.actions):
        card.lose("warning", "technical", {"actions": 0.5},
                  f"The actions are vague ('{p.actions[0]}'): say what you built, on what data, "
                  "at what size.",
                  "Rewrite an action with a figure, e.g. '<What you did> with "
                  f"{p.technique or '<technique>'} on <how many> <examples, users or GPUs>.'")
    if not p.situation:
        stood = change.baseline or "<baseline>"
        card.lose("warning", "technical", {"situation": 1},
                  "STAR-L is missing the Situation: the problem is never stated.",
                  f"Add `situation:` with the problem and its size, e.g. '{cap(name)} stood at "
                  f"{stood}, which <cost the business what>.'")
    if not p.task:
        start = f" from {change.baseline}" if change.baseline else ""
        # The goal as the brief's own metric, unless that metric got worse: then a placeholder,
        # so a fix never words the cost as the aim.
        goal = "<the goal you were given>" if change.verdict == "worse" else \
            f"{verb(p.metric)} {name}{start}"
        card.lose("warning", "technical", {"task": 1},
                  "STAR-L is missing the Task: the goal you were given is never stated.",
                  f"Add `task:`, e.g. '{goal} without <the constraint: latency, cost, refusals>.'")
    if change.verdict == "unchanged":
        if change.relative_only:
            message = (f"No movement: `change: {p.metric.change.text if p.metric.change else ''}` "
                       f"says {name} did not move.")
            fix = (f"Give the change {name} made, or the baseline and result: "
                   f"'{verb(p.metric)} {name} by <N>%'.")
        else:
            message = (f"No baseline: {name} is {change.result} before and after, so nothing moved "
                       "(a bare score such as 'BLEU 35' reads as academic).")
            fix = (f"Give the baseline you started from: '{verb(p.metric)} {name} from <baseline> "
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


def _leadership(card: Card, p: Project) -> None:
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
                      f"Add `principles:`, e.g. [{', '.join(yaml_name(n) for n in names)}], so it reads "
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
                        f"[{', '.join(yaml_name(n) for n in [*principles, s.principle])}]`.")


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


