"""What the candidate says: a resume bullet, a first-person script, a 'Not ..., but ...' line.

All three are built from the same figures as the triad, so the resume, the rehearsal notes and
the PDF never disagree, and none of them turns a regression into a win.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..input.models import Metric, Project, Scale
from .change import MetricChange, metric_change, spoken_change
from .numbers import format_count
from .scale import requests_phrase, scale_clauses
from .triad import key_outcomes, metric_phrase, outcome_clause, regression_phrase
from .words import (
    Form,
    capitalise,
    conjugate,
    first_person,
    join_clauses,
    metric_subject,
    noun_phrase,
    principles_spoken,
    sentence,
    to_infinitive,
)

if TYPE_CHECKING:
    from ..scoring.bar import BarVerdict

OPEN_QUOTE, CLOSE_QUOTE = "\u2018", "\u2019"


def _where(scale: Scale | None) -> str:
    """' across 13M requests' or ' in a 12M-request A/B test' ('' without a request count)."""
    if scale is None or scale.requests is None:
        return ""
    if scale.ab_test:
        return f" in a {format_count(scale.requests.value)}-request A/B test"
    return f" across {requests_phrase(scale.requests.value)}"


def _with(project: Project) -> str:
    return f" with {noun_phrase(project.technique)}" if project.technique else ""


def resume_bullet(project: Project) -> str:
    """One past-tense line, figures first: 'Cut hallucination rate from 12% to 3% (-75%) across
    13M requests with LoRA adapters, lowering repeat-call volume by 15% and saving $1.2M per
    quarter.' A bullet keeps at most two outcomes (always the money, if there is any)."""
    metric = project.metric
    change = metric_change(metric)
    outcomes = key_outcomes(project.outcomes)
    where, technique = _where(project.scale), _with(project)
    if change.verdict == "worse":
        regressed = regression_phrase(metric, change, start=False)
        if outcomes:
            wins = capitalise(join_clauses([outcome_clause(o, "past") for o in outcomes]))
            return f"{wins}{technique}{where}, but {regressed}."
        if project.technique:
            return f"Applied {noun_phrase(project.technique)}{where}, but {regressed}."
        return capitalise(regression_phrase(metric, change, start=True)) + f"{where}."
    head = capitalise(metric_phrase(metric, change, "past"))
    clauses = [outcome_clause(o) for o in outcomes]
    tail = f", {join_clauses(clauses)}" if clauses else ""
    return f"{head}{where}{technique}{tail}."


def contrast_line(project: Project) -> str:
    """DOMAIN.md point 5: "Not 'I used LoRA adapters', but 'I used LoRA adapters to cut ... and
    save $1.2M per quarter'." The weak version is the bare technique, or the bare score when no
    technique is named. Empty for a regression with no outcome: there is no strong claim to make.
    """
    metric = project.metric
    change = metric_change(metric)
    outcomes = key_outcomes(project.outcomes)
    if project.technique:
        weak = f"I used {noun_phrase(project.technique)}"
        opener = weak + " to "
    else:
        weak = f"{metric.name} {change.result}"
        opener = "I "
    form: Form = "base" if project.technique else "past"
    if change.verdict == "unchanged" and not outcomes:
        return ""  # 'I held BLEU at 35' is no stronger than the bare score
    if change.verdict == "worse":
        if not outcomes:
            return ""
        wins = join_clauses([outcome_clause(o, form) for o in outcomes])
        strong = f"{opener}{wins}, though {regression_phrase(metric, change, start=False)}"
    else:
        clauses = [_plain_phrase(metric, change, form)]
        clauses += [outcome_clause(o, form) for o in outcomes]
        strong = opener + join_clauses(clauses)
    return f"Not {_quote(weak)}, but {_quote(strong)}."


def _quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


_SPOKEN_OPENINGS = (("A/B-tested on", "We A/B-tested it on"), ("validated", "We validated it"))


def _spoken_scale(scale: Scale | None, verdict: BarVerdict) -> list[str]:
    """'It served 13M requests over 14 days with 1.7% regression, holding a 99.9% SLA. That
    clears the Scale-and-Ship bar of ...' ([] without evidence: there is nothing to say)."""
    main, sla = scale_clauses(scale)
    # The same evidence as the brief's scale line, given a speaker: "It served ...", "We
    # A/B-tested it on ...", "It held a 99.9% SLA".
    for clause, spoken in _SPOKEN_OPENINGS:
        if main.startswith(clause):
            main = spoken + main[len(clause):]
            break
    else:
        main = f"It {main}" if main else ""
    if sla:
        main = f"{main}, {sla}" if main else "It held" + sla[len("holding"):]
    if not main:
        return []
    if verdict.meets_bar:
        judged = f"That clears the Scale-and-Ship bar of {verdict.bar}."
    else:
        judged = (f"That is still below the bar of {verdict.bar}: "
                  f"{'; '.join(verdict.shortfalls)}.")
    return [main + ".", judged]


def spoken_script(project: Project, verdict: BarVerdict) -> str:
    """A first-person answer to rehearse aloud, in STAR-L order, built only from the facts given
    and the project's Scale-and-Ship ``verdict``."""
    metric = project.metric
    change = metric_change(metric)
    lines: list[str] = []
    if project.situation:
        lines.append(sentence(project.situation))
    if project.task:
        goal = to_infinitive(project.task)
        lines.append(f"My task was to {goal}." if goal else f"My task: {sentence(project.task)}")
    actions = [first_person(a) for a in project.actions if a.strip()]
    lines.extend(actions)

    how = spoken_change(change)
    how_text = f", {how}" if how else ""
    if change.verdict == "worse":
        lines.append(f"{metric_subject(metric.name, start=True)} regressed from {change.baseline} "
                     f"to {change.result}{how_text}.")
        lead = "It still"
    else:
        phrase = _plain_phrase(metric, change)
        if actions:
            lines.append(f"That {_past(phrase)}{how_text}.")
        elif project.technique:
            lines.append(f"I used {noun_phrase(project.technique)} to {phrase}{how_text}.")
        else:
            lines.append(f"I {_past(phrase)}{how_text}.")
        lead = "In business terms, that" if change.verdict == "better" else "In business terms, it"
    if project.outcomes:
        lines.append(f"{lead} {join_clauses([outcome_clause(o, 'past') for o in project.outcomes])}.")
    lines.extend(_spoken_scale(project.scale, verdict))

    lead_part = project.leadership
    if lead_part is not None and (lead_part.principles or lead_part.story):
        story = first_person(lead_part.story) if lead_part.story else ""
        if lead_part.principles:
            tie = f"I'd tie this {principles_spoken(list(lead_part.principles))}"
            lines.append(f"{tie}: {story}" if story else f"{tie}.")
        else:
            lines.append(story)
    return " ".join(line for line in lines if line)


def _plain_phrase(metric: Metric, change: MetricChange, form: Form = "base") -> str:
    """The improvement without the bracketed figure, for sentences said aloud."""
    return metric_phrase(metric, change, form, emphasis=False)


def _past(phrase: str) -> str:
    verb, _, rest = phrase.partition(" ")
    return f"{conjugate(verb, 'past')} {rest}"
