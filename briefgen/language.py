"""Pure sentence builders: numbers in, the sentence a strong candidate would say out.

Nothing here touches files, templates or the network; every function is deterministic so the
Markdown, HTML and PDF show the same words and tests can pin them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Metric, Outcome, Project, Scale, Thresholds
from .quantities import Quantity, format_count, format_decimal, format_percent, format_quantity

# --- the metric triad ------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricChange:
    """How a metric moved, already judged against the direction that is better."""

    baseline: str  # "12%"
    result: str  # "3%"
    relative: str  # "-75%" or "" where undefined (zero baseline)
    points: str  # "-9 pp" for percentages, else ""
    direction: str  # "down", "up" or "flat"
    verdict: str  # "better", "worse" or "unchanged"
    summary: str  # "down 75%, -9 pp, better"


def relative_change(baseline: float, result: float) -> float | None:
    """Percent change from ``baseline`` to ``result``; ``None`` where it is not defined."""
    if baseline == 0:
        return None
    return (result - baseline) / abs(baseline) * 100


def metric_change(metric: Metric) -> MetricChange:
    base, res = _comparable(metric.baseline), _comparable(metric.result)
    rel = relative_change(base, res)
    direction = "flat" if res == base else ("down" if res < base else "up")
    if direction == "flat":
        verdict = "unchanged"
    elif (direction == "down") == (metric.better == "lower"):
        verdict = "better"
    else:
        verdict = "worse"
    relative = _signed_percent(rel) if rel is not None and direction != "flat" else ""
    points = ""
    if metric.baseline.kind == "percent" and direction != "flat":
        diff = metric.result.value - metric.baseline.value
        points = f"{'+' if diff > 0 else '-'}{format_decimal(abs(diff), 2)} pp"
    parts = []
    if direction != "flat":
        parts.append(f"{direction} {relative.lstrip('+-')}" if relative else direction)
    if points:
        parts.append(points)
    parts.append(verdict)
    return MetricChange(
        baseline=format_quantity(metric.baseline, signed=False),
        result=format_quantity(metric.result, signed=False),
        relative=relative,
        points=points,
        direction=direction,
        verdict=verdict,
        summary=", ".join(parts),
    )


def _comparable(q: Quantity) -> float:
    return q.seconds if q.kind == "duration" else q.value


def _signed_percent(value: float) -> str:
    text = format_percent(abs(value))
    if text == "0%":
        return "0%"
    return ("+" if value > 0 else "-") + text


def triad_sentence(project: Project) -> str:
    """'Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% and
    saving $1.2M per quarter.'"""
    metric = project.metric
    change = metric_change(metric)
    rel = f" ({change.relative})" if change.relative else ""
    if change.verdict == "unchanged":
        head = f"Held {metric.name} at {change.result}"
    elif change.verdict == "better":
        verb = "Cut" if change.direction == "down" else "Raised"
        head = f"{verb} {metric.name} from {change.baseline} to {change.result}{rel}"
    else:
        head = (f"{_capitalise(metric.name)} regressed from {change.baseline} to "
                f"{change.result}{rel}")
    clauses = [outcome_clause(o) for o in project.outcomes]
    if clauses:
        return f"{head}, {join_clauses(clauses)}."
    return f"{head}."


def outcome_clause(outcome: Outcome) -> str:
    """One business outcome as a participle clause: 'saving $1.2M per quarter'."""
    per = f" per {outcome.per}" if outcome.per else ""
    note = f" {outcome.note}" if outcome.note else ""
    money = outcome.money
    if money is not None:
        amount = format_quantity(money, signed=False)
        if outcome.money_kind == "savings":
            return f"saving {amount}{per}{note}"
        if outcome.money_kind == "revenue":
            return f"adding {amount} in revenue{per}{note}"
        return f"avoiding {amount} in costs{per}{note}"
    assert outcome.change is not None and outcome.metric is not None
    change = outcome.change
    amount = format_quantity(change, signed=False)
    if change.kind == "number" and change.value > 0:
        return f"adding {amount} {outcome.metric}{per}{note}"
    if change.value < 0:
        verb = "cutting" if change.kind == "duration" else "lowering"
        return f"{verb} {outcome.metric} by {amount}{per}{note}"
    if change.value > 0:
        return f"raising {outcome.metric} by {amount}{per}{note}"
    return f"holding {outcome.metric} steady{per}{note}"


def join_clauses(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Scale-and-Ship --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleVerdict:
    meets_bar: bool
    requests: float | None
    regression: float | None  # percent
    shortfalls: tuple[str, ...]  # plain phrases: "3M requests short of 10M"
    label: str  # "Meets the bar" / "Below the bar"
    sentence: str  # "Meets the Scale-and-Ship bar (>= 10M requests, < 2% regression)."


def scale_verdict(scale: Scale | None, thresholds: Thresholds) -> ScaleVerdict:
    """Judge production evidence against the bar: at least N requests, regression below M%."""
    min_req = thresholds.min_requests.value
    max_reg = thresholds.max_regression.value
    bar = f"at least {format_count(min_req)} requests with under {format_percent(max_reg)} regression"
    requests = scale.requests.value if scale and scale.requests else None
    regression = scale.regression.value if scale and scale.regression else None
    shortfalls: list[str] = []
    if requests is None:
        shortfalls.append("no request count given")
    elif requests < min_req:
        shortfalls.append(f"{format_count(min_req - requests)} requests short of "
                          f"{format_count(min_req)}")
    if regression is None:
        shortfalls.append("no regression rate given")
    elif regression >= max_reg:
        over = regression - max_reg
        shortfalls.append(
            f"regression {format_percent(regression)} is not under {format_percent(max_reg)}"
            + (f" ({format_decimal(over, 2)} pp over)" if over > 0 else ""))
    meets = not shortfalls
    if meets:
        sentence = f"Meets the Scale-and-Ship bar ({bar})."
    else:
        sentence = f"Below the Scale-and-Ship bar ({bar}): {'; '.join(shortfalls)}."
    return ScaleVerdict(
        meets_bar=meets,
        requests=requests,
        regression=regression,
        shortfalls=tuple(shortfalls),
        label="Meets the bar" if meets else "Below the bar",
        sentence=sentence,
    )


def scale_sentence(scale: Scale | None) -> str:
    """'Served 13M requests over 14 days with 1.7% regression, holding a 99.9% SLA.'"""
    if scale is None or not any(
            v is not None for v in (scale.requests, scale.days, scale.regression, scale.sla,
                                    scale.ab_test)):
        return ""
    parts = []
    if scale.requests is not None:
        window = f" over {format_decimal(scale.days, 1)} days" if scale.days else ""
        noun = "A/B-tested on" if scale.ab_test else "Served"
        parts.append(f"{noun} {format_count(scale.requests.value)} requests{window}")
    elif scale.ab_test:
        parts.append("Validated in an A/B test")
    if scale.regression is not None:
        reg = f"with {format_percent(scale.regression.value)} regression"
        parts.append(reg if parts else _capitalise(reg))
    text = " ".join(parts)
    if scale.sla is not None:
        sla = f"holding a {format_percent(scale.sla.value)} SLA"
        text = f"{text}, {sla}" if text else _capitalise(sla)
    return text + "." if text else ""


def brief_scale_line(verdicts: list[ScaleVerdict]) -> str:
    """'2 of 2 projects meet the Scale-and-Ship bar; 25M requests served in production.'"""
    met = sum(v.meets_bar for v in verdicts)
    total = len(verdicts)
    served = sum(v.requests or 0 for v in verdicts)
    noun = "project meets" if total == 1 else "projects meet"
    line = f"{met} of {total} {noun} the Scale-and-Ship bar"
    if served:
        line += f"; {format_count(served)} requests served in production"
    return line + "."
