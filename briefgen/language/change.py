"""How a metric moved from baseline to result, judged against the direction that is better."""

from __future__ import annotations

from dataclasses import dataclass

from ..input.models import Metric
from ..input.quantities import Quantity
from .numbers import format_delta, format_exact, format_quantity, format_relative


@dataclass(frozen=True)
class MetricChange:
    """How a metric moved, already judged against the direction that is better."""

    baseline: str  # "12%"
    result: str  # "3%"
    relative: str  # "-75%", "+25%", "2.5x"; "" where undefined (zero or negative values, equal)
    points: str  # "-9 pp" for percentages, else ""
    direction: str  # "down", "up" or "flat"
    verdict: str  # "better", "worse" or "unchanged"
    summary: str  # "down 75% (9 pp), better"
    delta: str = ""  # result - baseline in the written unit: "-9 pp", "-850 ms", "+7"
    relative_value: float | None = None  # percent, unrounded
    emphasis: str = ""  # what goes in brackets after "from 12% to 3%": relative, else delta
    size: str = ""  # the change without its sign: "75%", "2x", "9 pp" ("" when unchanged)
    relative_only: bool = False  # only the movement is known (metric.change): no baseline, result


def relative_change(baseline: float, result: float) -> float | None:
    """Percent change from ``baseline`` to ``result``; ``None`` where a percentage would mislead:
    a zero baseline (no finite change) or negative values (the sign of a ratio flips)."""
    if baseline <= 0 or result < 0:
        return None
    return (result - baseline) / baseline * 100


def _comparable(q: Quantity) -> float:
    return q.seconds if q.kind == "duration" else q.value


def metric_change(metric: Metric) -> MetricChange:
    if metric.change is not None:
        return _relative_only(metric, metric.change)
    assert metric.baseline is not None and metric.result is not None  # guaranteed by the model
    base_q, res_q = metric.baseline, metric.result
    base, res = _comparable(base_q), _comparable(res_q)
    baseline_text = format_quantity(base_q, signed=None if base_q.value < 0 else False)
    result_text = format_quantity(res_q, signed=None if res_q.value < 0 else False)
    direction = "flat" if base == res else ("down" if res < base else "up")
    if direction != "flat" and baseline_text == result_text:
        # "from 1B to 1B" would hide a real change: show both values in full.
        baseline_text, result_text = format_exact(base_q), format_exact(res_q)
    verdict = _verdict(direction, metric.better)

    rel = relative_change(base, res) if direction != "flat" else None
    relative = format_relative(rel) if rel is not None else ""
    if relative == "0%":
        relative = ""  # a change too small to show as a percentage
    delta = format_delta(base_q, res_q) if direction != "flat" else ""
    points = delta if base_q.kind == "percent" else ""
    emphasis = relative or delta
    eliminated = verdict == "better" and direction == "down" and res == 0
    if eliminated:
        relative, emphasis = "", "eliminated"  # "from 12% to 0% (eliminated)", never "(-100%)"

    if direction == "flat":
        summary = "unchanged"
    elif eliminated:
        summary = "down to zero, better"
    else:
        size = relative.lstrip("+-") if relative else delta.lstrip("+-")
        extra = f" ({points.lstrip('+-')})" if points and relative else ""
        summary = f"{direction} {size}{extra}, {verdict}"
    return MetricChange(
        baseline=baseline_text,
        result=result_text,
        relative=relative,
        points=points,
        direction=direction,
        verdict=verdict,
        summary=summary,
        delta=delta,
        relative_value=rel,
        emphasis=emphasis,
        size=_size(relative, delta),
    )


def _verdict(direction: str, better: str) -> str:
    if direction == "flat":
        return "unchanged"
    return "better" if (direction == "down") == (better == "lower") else "worse"


def _size(relative: str, delta: str) -> str:
    """The change without its sign: '75%', '2x', '9 pp', '200 ms'."""
    return (relative or delta).lstrip("+-")


def _relative_only(metric: Metric, q: Quantity) -> MetricChange:
    """A headline known only by how it moved: '+12%', '-50%', '2x', '0.5x', '+3 pp', '-200 ms'."""
    if q.kind == "multiple":
        rel: float | None = (q.value - 1) * 100
        direction = "flat" if q.value == 1 else ("down" if q.value < 1 else "up")
    else:
        rel = q.value if q.kind == "percent" else None
        direction = "flat" if q.value == 0 else ("down" if q.value < 0 else "up")
    verdict = _verdict(direction, metric.better)
    relative = format_relative(rel) if rel is not None and direction != "flat" else ""
    if relative == "0%":
        relative = ""
    delta = "" if direction == "flat" or rel is not None else format_quantity(q, signed=True)
    points = delta if q.kind == "points" else ""
    eliminated = verdict == "better" and rel is not None and rel <= -100
    emphasis = "eliminated" if eliminated else (relative or delta)
    if eliminated:
        relative = ""
    if direction == "flat":
        summary = "unchanged"
    elif eliminated:
        summary = "down to zero, better"
    else:
        summary = f"{direction} {_size(relative, delta)}, {verdict}"
    return MetricChange(baseline="", result="", relative=relative, points=points,
                        direction=direction, verdict=verdict, summary=summary, delta=delta,
                        relative_value=rel, emphasis=emphasis, size=_size(relative, delta),
                        relative_only=True)


def spoken_change(change: MetricChange) -> str:
    """'down 75%', 'up 2.5x', 'up 40 points' for a script read aloud ('' where the sentence
    already says it: a relative-only headline, or one cut to zero)."""
    if change.direction == "flat" or not change.emphasis or change.relative_only \
            or change.emphasis == "eliminated":
        return ""
    size = change.emphasis.lstrip("+-").replace(" pp", " points")
    return f"{change.direction} {size}"
