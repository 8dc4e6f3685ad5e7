"""The score card of one project, the share of its axis each criterion is worth, and the small
readings of a story every rule shares."""

from __future__ import annotations

import re

from ..input.models import Metric, Outcome, Project
from ..language.numbers import format_quantity
from .result import (
    AXES,
    Axis,
    Finding,
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

# A period written into the outcome's own words ("daily users", "per week").
_PERIOD_WORDS = re.compile(
    r"\b(daily|weekly|monthly|quarterly|yearly|annual(?:ly)?|per|each|every|a (?:day|week|month|"
    r"quarter|year)|/(?:day|week|month|quarter|year))\b", re.IGNORECASE)

# An action is concrete when it says enough to picture it: a figure, or a full clause.
_MIN_ACTION_WORDS = 6


class Card:
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
        self.findings.append(Finding(severity, axis, round_points(points), message, fix))

    def advise(self, axis: Axis, message: str, fix: str) -> None:
        self.findings.append(Finding("info", axis, 0.0, message, fix))


def without_outcomes(p: Project) -> Project:
    return p.model_copy(update={"outcomes": []})


def concrete(action: str) -> bool:
    return any(ch.isdigit() for ch in action) or len(action.split()) >= _MIN_ACTION_WORDS


def is_zero(o: Outcome) -> bool:
    amount = o.money if o.money is not None else o.change
    return amount is not None and amount.value == 0


def needs_period(o: Outcome) -> bool:
    """Money and absolute counts need a period; percentages and durations are already rates."""
    return o.money is not None or (o.change is not None and o.change.kind == "number")


def has_period(o: Outcome) -> bool:
    return bool(o.per) or any(_PERIOD_WORDS.search(t) for t in (o.metric or "", o.note or ""))


def amount(o: Outcome) -> str:
    if o.money is not None:
        return format_quantity(o.money, signed=False)
    assert o.change is not None
    return f"{format_quantity(o.change, signed=True)} {o.metric}"


def article(word: str) -> str:
    # "an accuracy", "an F1", "an MMLU", "a BLEU"
    return "an" if word[:1].lower() in "aeiou" or re.match(r"(f-?1|mmlu)\b", word, re.I) else "a"


def verb(metric: Metric) -> str:
    return "Cut" if metric.better == "lower" else "Raise"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def round_points(value: float) -> float:
    return round(value + 0.0, 1) or 0.0




def yaml_name(name: str) -> str:
    """A principle as written in a YAML flow list: quoted when it holds a comma."""
    return f'"{name}"' if "," in name or ";" in name else name
