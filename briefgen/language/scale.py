"""Scale-and-Ship evidence in words: what a project served, over how long, with what regression.

The judgement against the bar is :mod:`briefgen.scoring.bar`'s; this module only phrases the
evidence and the brief's summary of the verdicts it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..input.models import Scale
from .numbers import format_count, format_decimal, format_quantity
from .words import capitalise

if TYPE_CHECKING:
    from ..scoring.bar import BarVerdict


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


def brief_scale_line(verdicts: list[BarVerdict]) -> str:
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
