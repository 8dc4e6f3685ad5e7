"""The metric triad as one sentence: baseline -> result -> business outcome.

'Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% and saving
$1.2M per quarter.' The verb comes from the direction that is better and the actual change; a
result worse than its baseline is said plainly ('... but the hallucination rate regressed ...').
"""

from __future__ import annotations

import re

from ..input.models import Metric, Outcome, Project
from .change import MetricChange, metric_change
from .numbers import format_quantity
from .words import (
    PARTICIPLES,
    Clause,
    Form,
    capitalise,
    clean_note,
    conjugate,
    is_measure,
    join_clauses,
    metric_subject,
    normalise_per,
    note_tail,
    per_adjective,
    split_hedge,
)

# A money note that qualifies the amount ("of GPU capacity", "in GPU time") sits right after it;
# one that ends in a participle ("of GPU capacity unlocked") also names the verb.
_AMOUNT_NOTE = re.compile(r"^(?:of|in)\s", re.IGNORECASE)
_PARTICIPLE_NOTE = re.compile(
    r"^(?P<phrase>(?:of|in)\s.+?)\s+(?P<verb>" + "|".join(sorted(PARTICIPLES, key=len, reverse=True))
    + r")$", re.IGNORECASE)

_MONEY_NOUN = {"savings": "", "revenue": " in revenue", "cost_avoided": " in costs"}


def outcome_clause_parts(outcome: Outcome) -> Clause:
    """One business outcome as a verb phrase whose verb can take any form."""
    per = normalise_per(outcome.per)
    hedge, note = split_hedge(clean_note(outcome.note))
    money = outcome.money
    if money is not None:
        return _money_clause(outcome.money_kind or "savings", money.value,
                             hedge + format_quantity(money, signed=False), per, note)
    assert outcome.change is not None and outcome.metric is not None  # guaranteed by the model
    return _change_clause(outcome.metric, outcome.change.value, outcome.change.kind,
                          hedge + format_quantity(outcome.change, signed=False), per, note)


def _money_clause(kind: str, value: float, amount: str, per: str, note: str) -> Clause:
    verb = ""
    noun = ""
    if note and _AMOUNT_NOTE.match(note):
        participle = _PARTICIPLE_NOTE.match(note)
        if participle:
            verb = PARTICIPLES[participle["verb"].lower()]
            note = participle["phrase"]
        noun, note = " " + note, ""
    per_text = f" per {per}" if per else ""
    tail = note_tail(note)
    if value == 0:
        what = {"savings": "costs", "revenue": "revenue", "cost_avoided": "costs"}[kind]
        return Clause("hold", f"{what} flat{per_text}{tail}")
    if value < 0:
        # Negative money is a loss; it is never phrased as a saving or a gain.
        if kind == "revenue":
            return Clause("lose", f"{amount}{noun or ' in revenue'}{per_text}{tail}")
        return Clause("add", f"{amount}{noun or ' in costs'}{per_text}{tail}")
    default_verb = {"savings": "save", "revenue": "add", "cost_avoided": "avoid"}[kind]
    return Clause(verb or default_verb, f"{amount}{noun or _MONEY_NOUN[kind]}{per_text}{tail}")


def _change_clause(name: str, value: float, kind: str, amount: str, per: str, note: str) -> Clause:
    tail = note_tail(note)
    adjective = per_adjective(per) if per else ""
    names_per = bool(adjective) and name.lower().startswith(adjective)
    if value == 0:
        return Clause("hold", f"{name} steady{tail}")
    if kind in ("percent", "points"):
        # A relative change happens to the metric measured per period: "weekly escalations".
        if per and not names_per:
            name = f"{adjective} {name}" if adjective else f"{name} per {per}"
        return Clause("lower" if value < 0 else "raise", f"{name} by {amount}{tail}")
    per_text = f" per {per}" if per and not names_per else ""
    if kind == "duration":
        return Clause("cut" if value < 0 else "raise", f"{name} by {amount}{per_text}{tail}")
    if is_measure(name):
        verb = ("cut" if kind == "money" else "lower") if value < 0 else "raise"
        return Clause(verb, f"{name} by {amount}{per_text}{tail}")
    if value > 0:
        return Clause("add", f"{amount} {name}{per_text}{tail}")
    return Clause("cut", f"{name} by {amount}{per_text}{tail}")


def outcome_clause(outcome: Outcome, form: Form = "gerund") -> str:
    """'saving $1.2M per quarter' (gerund), 'saved ...' (past), 'save ...' (base)."""
    return outcome_clause_parts(outcome).render(form)


def outcome_line(outcome: Outcome) -> str:
    """An outcome as a stand-alone line: 'Saved $1.2M per quarter'."""
    return capitalise(outcome_clause(outcome, "past"))


def improvement_verb(metric: Metric, change: MetricChange) -> str:
    """The verb for a change that is better: 'cut' going down (the spec's word), 'lower' when
    the values are not positive amounts, 'raise' going up."""
    if change.direction == "up":
        return "raise"
    if metric.baseline.value > 0 and metric.result.value >= 0:
        return "cut"
    return "lower"


def metric_phrase(metric: Metric, change: MetricChange, form: Form, *, emphasis: bool = True) -> str:
    """'cut hallucination rate from 12% to 3% (-75%)' for a better result; 'held BLEU steady at
    35' for an unchanged one. Not for a regression: see :func:`regression_phrase`."""
    if change.verdict == "unchanged":
        return f"{conjugate('hold', form)} {metric.name} steady at {change.result}"
    verb = improvement_verb(metric, change)
    bracket = f" ({change.emphasis})" if emphasis and change.emphasis else ""
    return f"{conjugate(verb, form)} {metric.name} from {change.baseline} to {change.result}{bracket}"


def regression_phrase(metric: Metric, change: MetricChange, *, start: bool) -> str:
    """'the hallucination rate regressed from 3% to 12% (4x)'."""
    emphasis = f" ({change.emphasis})" if change.emphasis else ""
    return (f"{metric_subject(metric.name, start=start)} regressed from {change.baseline} to "
            f"{change.result}{emphasis}")


def triad_sentence(project: Project) -> str:
    """'Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% and
    saving $1.2M per quarter.'"""
    return triad_for(project.metric, project.outcomes)


def triad_for(metric: Metric, outcomes: list[Outcome]) -> str:
    change = metric_change(metric)
    if change.verdict == "worse":
        if not outcomes:
            return capitalise(regression_phrase(metric, change, start=True)) + "."
        wins = join_clauses([outcome_clause(o, "past") for o in outcomes])
        return f"{capitalise(wins)}, but {regression_phrase(metric, change, start=False)}."
    head = capitalise(metric_phrase(metric, change, "past"))
    clauses = [outcome_clause(o) for o in outcomes]
    if clauses:
        return f"{head}, {join_clauses(clauses)}."
    return f"{head}."


def key_outcomes(outcomes: list[Outcome], limit: int = 2) -> list[Outcome]:
    """The outcomes a one-line bullet keeps: the user's order, but a money outcome is never the
    one dropped (money is what a panel remembers)."""
    if len(outcomes) <= limit:
        return list(outcomes)
    money = [o for o in outcomes if o.money is not None]
    others = [o for o in outcomes if o.money is None]
    keep = others[: max(0, limit - min(len(money), 1))]
    keep += money[: limit - len(keep)]
    return [o for o in outcomes if any(o is k for k in keep)]
