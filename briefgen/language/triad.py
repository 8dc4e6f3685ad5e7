"""The metric triad as one sentence: baseline -> result -> business outcome.

'Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% and saving
$1.2M per quarter.' The verb comes from the direction that is better and the actual change. A
change that went the worse way is a cost, never worded as a win: the sentence leads with the wins
and names the cost plainly ('Halved cost per request (-50%) at the cost of 2 pp of accuracy (92%
to 90%)'); with no win to lead with, the regression is said as one.
"""

from __future__ import annotations

import re

from ..input.models import Metric, Outcome, Project
from .change import MetricChange, metric_change
from .english import indefinite_article
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

# Where a project that is not shipped work was measured (DOMAIN.md point 8).
SETTINGS = {"offline": " in an offline evaluation", "pilot": " in a pilot"}

# A money note that qualifies the amount ("of GPU capacity", "in GPU time") sits right after it;
# one that ends in a participle ("of GPU capacity unlocked") also names the verb.
_AMOUNT_NOTE = re.compile(r"^(?:of|in)\s", re.IGNORECASE)
_PARTICIPLE_NOTE = re.compile(
    r"^(?P<phrase>(?:of|in)\s.+?)\s+(?P<verb>" + "|".join(sorted(PARTICIPLES, key=len, reverse=True))
    + r")$", re.IGNORECASE)

_MONEY_NOUN = {"savings": "", "revenue": " in revenue", "cost_avoided": " in costs"}


def outcome_clause_parts(outcome: Outcome) -> Clause:
    """One business outcome as a verb phrase whose verb can take any form. A cost keeps a
    neutral verb ('seeing a 4% rise in abandoned sessions'): never 'raising' or 'lowering'."""
    if outcome.is_cost and outcome.money is None:
        return Clause("see", cost_phrase(outcome))
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
        if kind == "percent" and value in (-50, 100, 200, 300):
            verb = {-50: "halve", 100: "double", 200: "triple", 300: "quadruple"}[int(value)]
            bracket = "-50%" if value < 0 else f"{int(value) // 100 + 1}x"
            return Clause(verb, f"{name} ({bracket}){tail}")
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
    if metric.baseline is None or metric.result is None:
        return "cut"
    if metric.baseline.value > 0 and metric.result.value >= 0:
        return "cut"
    return "lower"


_WHOLE_MULTIPLES = {-50.0: "halve", 100.0: "double", 200.0: "triple", 300.0: "quadruple"}


def metric_phrase(metric: Metric, change: MetricChange, form: Form, *, emphasis: bool = True) -> str:
    """'cut hallucination rate from 12% to 3% (-75%)' for a better result, 'raised NPS by 12%' or
    'halved cost per request (-50%)' for a relative-only one, 'held BLEU steady at 35' for an
    unchanged one. Not for a regression: see :func:`regression_phrase`."""
    if change.verdict == "unchanged":
        at = f" at {change.result}" if change.result else ""
        return f"{conjugate('hold', form)} {metric.name} steady{at}"
    if change.relative_only:
        return _relative_phrase(metric, change, form, emphasis=emphasis)
    verb = improvement_verb(metric, change)
    bracket = f" ({change.emphasis})" if emphasis and change.emphasis else ""
    return f"{conjugate(verb, form)} {metric.name} from {change.baseline} to {change.result}{bracket}"


def _relative_phrase(metric: Metric, change: MetricChange, form: Form, *, emphasis: bool) -> str:
    """'raised NPS by 12%', 'halved cost per request (-50%)', 'doubled throughput (2x)',
    'eliminated manual reviews', 'raised throughput 2.5x'."""
    if change.emphasis == "eliminated":
        return f"{conjugate('eliminate', form)} {metric.name}"
    rel = change.relative_value
    whole = _WHOLE_MULTIPLES.get(round(rel, 9)) if rel is not None else None
    if whole is not None:
        bracket = f" ({change.relative})" if emphasis else ""
        return f"{conjugate(whole, form)} {metric.name}{bracket}"
    verb = improvement_verb(metric, change)
    if change.size.endswith("x"):
        return f"{conjugate(verb, form)} {metric.name} {change.size}"
    return f"{conjugate(verb, form)} {metric.name} by {change.size}"


def regression_phrase(metric: Metric, change: MetricChange, *, start: bool,
                      emphasis: bool = True) -> str:
    """'the hallucination rate regressed from 3% to 12% (4x)'; 'NPS regressed by 12%'."""
    subject = metric_subject(metric.name, start=start)
    if change.relative_only:
        by = "" if change.size.endswith("x") else "by "
        return f"{subject} regressed {by}{change.size}"
    bracket = f" ({change.emphasis})" if emphasis and change.emphasis else ""
    return f"{subject} regressed from {change.baseline} to {change.result}{bracket}"


def metric_cost(metric: Metric, change: MetricChange, *, spoken: bool = False) -> str:
    """A headline that got worse, as the cost a win was paid with: '2 pp of accuracy (92% to
    90%)', 'a 20% rise in p95 latency (350 ms to 420 ms)', 'a 12% drop in NPS'."""
    size = (change.points or change.relative or change.delta).lstrip("+-")
    values = ""
    if not change.relative_only:
        values = f" ({'from ' if spoken else ''}{change.baseline} to {change.result})"
    if change.points and metric.better == "higher":
        # what was given up: "2 pp of accuracy"
        return f"{size.replace(' pp', ' points') if spoken else size} of {metric.name}{values}"
    return _movement(size, "rise" if change.direction == "up" else "drop", metric.name,
                     spoken=spoken) + values


def _movement(size: str, movement: str, name: str, *, spoken: bool, hedge: str = "") -> str:
    """'a 4% rise in abandoned sessions', 'a 2-point drop in accuracy' (said aloud), 'a rise of
    25 in NPS' (a bare number), 'a rise of about 4% in ...' (a hedged amount)."""
    if spoken and size.endswith(" pp"):
        size = size[:-3] + "-point"
    if hedge or not re.search(r"[%x]$|pp$|-point$|[a-z]$", size):
        return f"a {movement} of {hedge}{size} in {name}"
    return f"{indefinite_article(size)} {size} {movement} in {name}"


def cost_phrase(outcome: Outcome, *, spoken: bool = False) -> str:
    """An outcome that is a cost, as a noun phrase: 'a 4% rise in abandoned sessions', '2 pp of
    accuracy', '$50K in added costs per year', '$20K in lost revenue'."""
    per = normalise_per(outcome.per)
    hedge, note = split_hedge(clean_note(outcome.note))
    tail = note_tail(note)
    money = outcome.money
    if money is not None:
        amount = hedge + format_quantity(money, signed=False)
        what = " in lost revenue" if outcome.money_kind == "revenue" else " in added costs"
        return f"{amount}{what}{f' per {per}' if per else ''}{tail}"
    assert outcome.change is not None and outcome.metric is not None
    size = format_quantity(outcome.change, signed=False)
    name = outcome.metric
    adjective = per_adjective(per) if per else ""
    if per and not name.lower().startswith(adjective or "\0"):
        name = f"{adjective} {name}" if adjective else f"{name} per {per}"
    if outcome.change.kind == "points" and outcome.better == "higher":
        return f"{hedge}{size.replace(' pp', ' points') if spoken else size} of {name}{tail}"
    movement = "rise" if outcome.change.value > 0 else "drop"
    return _movement(size, movement, name, spoken=spoken, hedge=hedge) + tail


def triad_sentence(project: Project) -> str:
    """'Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% and
    saving $1.2M per quarter.'"""
    return triad_for(project.metric, project.outcomes, project.status)


def split_costs(outcomes: list[Outcome]) -> tuple[list[Outcome], list[Outcome]]:
    """(wins, costs), each in the user's order."""
    return [o for o in outcomes if not o.is_cost], [o for o in outcomes if o.is_cost]


def costs_of(metric: Metric, change: MetricChange, costs: list[Outcome], *,
             spoken: bool = False) -> list[str]:
    """Every cost of a story as noun phrases: the headline first when it got worse."""
    phrases = [cost_phrase(o, spoken=spoken) for o in costs]
    if change.verdict == "worse":
        phrases.insert(0, metric_cost(metric, change, spoken=spoken))
    return phrases


def at_the_cost(lead: str, costs: list[str], *, lead_is_one_phrase: bool) -> str:
    """'<lead> at the cost of X and Y' (a comma first when the lead already has clauses)."""
    if not costs:
        return lead
    return f"{lead}{'' if lead_is_one_phrase else ','} at the cost of {join_clauses(costs)}"


def triad_for(metric: Metric, outcomes: list[Outcome], status: str | None = None) -> str:
    change = metric_change(metric)
    setting = SETTINGS.get(status or "", "")
    wins, costs = split_costs(outcomes)
    cost_texts = costs_of(metric, change, costs)
    if change.verdict == "worse":
        if wins:
            lead = capitalise(join_clauses([outcome_clause(o, "past") for o in wins])) + setting
            return at_the_cost(lead, cost_texts, lead_is_one_phrase=len(wins) == 1) + "."
        head = capitalise(regression_phrase(metric, change, start=True)) + setting
        extra = cost_texts[1:]
        return head + (f", with {join_clauses(extra)}" if extra else "") + "."
    head = capitalise(metric_phrase(metric, change, "past")) + setting
    clauses = [outcome_clause(o) for o in wins]
    text = f"{head}, {join_clauses(clauses)}" if clauses else head
    return at_the_cost(text, cost_texts, lead_is_one_phrase=not clauses) + "."


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
