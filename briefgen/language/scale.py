"""Scale-and-Ship: production evidence per project, judged against the brief's thresholds.

The bar (DOMAIN.md point 2) is at least ``min_requests`` requests AND regression strictly below
``max_regression``; exactly 10M requests and 1.99% regression meet the default bar, 2% does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..input.models import Scale, Thresholds
from ..input.quantities import format_count, format_decimal, format_points, format_quantity, written_decimals
from .words import capitalise


@dataclass(frozen=True)
class ScaleVerdict:
    meets_bar: bool
    requests: float | None
    regression: float | None  # percent
    shortfalls: tuple[str, ...]  # plain phrases that say by how much: "7.6M requests short of 10M"
    label: str  # "Meets the bar" / "Below the bar"
    sentence: str  # "Meets the Scale-and-Ship bar (at least 10M requests with under 2% regression)."
    bar: str = ""  # "at least 10M requests with under 2% regression"


def bar_text(thresholds: Thresholds) -> str:
    return (f"at least {format_count(thresholds.min_requests.value)} requests with under "
            f"{format_quantity(thresholds.max_regression, signed=False)} regression")


def scale_verdict(scale: Scale | None, thresholds: Thresholds) -> ScaleVerdict:
    """Judge production evidence against the bar, saying by how much a project falls short."""
    min_req = thresholds.min_requests.value
    max_reg = thresholds.max_regression.value
    max_text = format_quantity(thresholds.max_regression, signed=False)
    bar = bar_text(thresholds)
    requests = scale.requests.value if scale and scale.requests is not None else None
    regression = scale.regression.value if scale and scale.regression is not None else None
    shortfalls: list[str] = []
    if requests is None and regression is None:
        shortfalls.append("no request count or regression rate given")
    else:
        if requests is None:
            shortfalls.append("no request count given")
        elif requests < min_req and not math.isclose(requests, min_req, rel_tol=1e-12):
            gap = format_count(min_req - requests)
            noun = "request" if gap == "1" else "requests"
            shortfalls.append(f"{gap} {noun} short of {format_count(min_req)}")
        if regression is None:
            shortfalls.append("no regression rate given")
        elif regression >= max_reg or math.isclose(regression, max_reg, rel_tol=1e-12, abs_tol=1e-12):
            assert scale is not None and scale.regression is not None
            reg_text = format_quantity(scale.regression, signed=False)
            over = regression - max_reg
            if math.isclose(regression, max_reg, rel_tol=1e-12, abs_tol=1e-12):
                shortfalls.append(f"regression of {reg_text} sits exactly at the {max_text} limit "
                                  "(it must be below it)")
            else:
                decimals = max(written_decimals(scale.regression),
                               written_decimals(thresholds.max_regression))
                shortfalls.append(f"regression of {reg_text} is {format_points(over, decimals=decimals)} "
                                  f"over the {max_text} limit")
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
        bar=bar,
    )


def _has_evidence(scale: Scale | None) -> bool:
    return scale is not None and any(
        v is not None for v in (scale.requests, scale.days, scale.regression, scale.sla, scale.ab_test))


def days_phrase(days: float) -> str:
    """'14 days', '1 day', '3.5 days'."""
    text = format_decimal(days, 1)
    return f"{text} day" if text == "1" else f"{text} days"


def requests_phrase(value: float) -> str:
    """'13M requests', '1 request'."""
    text = format_count(value)
    return f"{text} request" if text == "1" else f"{text} requests"


def scale_clauses(scale: Scale | None) -> tuple[str, str]:
    """The evidence as (main clause, SLA clause) without a subject: ('served 13M requests over 14
    days with 1.7% regression', 'holding a 99.9% SLA'). Either may be empty."""
    if scale is None or not _has_evidence(scale):
        return "", ""
    window = f" over {days_phrase(scale.days)}" if scale.days else ""
    if scale.requests is not None:
        verb = "A/B-tested on" if scale.ab_test else "served"
        main = f"{verb} {requests_phrase(scale.requests.value)}{window}"
    elif scale.ab_test:
        main = f"validated in an A/B test{window}"
    elif scale.days:
        main = f"ran in production{window}"
    else:
        main = ""
    if scale.regression is not None:
        reg = f"{format_quantity(scale.regression, signed=False)} regression"
        main = f"{main} with {reg}" if main else f"ran with {reg}"
    sla = f"holding a {format_quantity(scale.sla, signed=False)} SLA" if scale.sla is not None else ""
    return main, sla


def scale_sentence(scale: Scale | None) -> str:
    """'Served 13M requests over 14 days with 1.7% regression, holding a 99.9% SLA.'"""
    main, sla = scale_clauses(scale)
    if main and sla:
        return capitalise(f"{main}, {sla}.")
    if main:
        return capitalise(f"{main}.")
    if sla:
        return f"Held a {format_quantity(scale.sla, signed=False)} SLA." if scale and scale.sla else ""
    return ""


def brief_scale_line(verdicts: list[ScaleVerdict]) -> str:
    """'2 of 3 projects meet the Scale-and-Ship bar; 66.5M requests served in production.'"""
    met = sum(v.meets_bar for v in verdicts)
    total = len(verdicts)
    served = sum(v.requests or 0 for v in verdicts)
    if total == 1:
        line = ("The project meets the Scale-and-Ship bar" if met
                else "The project is below the Scale-and-Ship bar")
    elif met == total:
        line = f"{'Both' if total == 2 else f'All {total}'} projects meet the Scale-and-Ship bar"
    elif met == 0:
        line = f"None of the {total} projects meets the Scale-and-Ship bar yet"
    else:
        line = f"{met} of {total} projects meet the Scale-and-Ship bar"
    if served:
        line += f"; {requests_phrase(served)} served in production"
    return line + "."
