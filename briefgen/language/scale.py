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


def scale_clauses(scale: Scale | None, status: str | None = None) -> tuple[str, str]:
    """The evidence as (main clause, SLA clause) without a subject: ('served 13M requests over 14
    days with 1.7% regression', 'holding a 99.9% SLA'). Either may be empty. A pilot or an
    offline evaluation is said as what it is: 'piloted on 2.4M requests over 7 days',
    'evaluated offline on 2.4M requests'."""
    if status == "offline":
        return _offline_clause(scale), ""
    if scale is None or not _has_evidence(scale):
        return ("piloted" if status == "pilot" else ""), ""
    window = f" over {days_phrase(scale.days)}" if scale.days else ""
    pilot = status == "pilot"
    if scale.requests is not None:
        if scale.ab_test:
            verb = "piloted in an A/B test on" if pilot else "A/B-tested on"
        else:
            verb = "piloted on" if pilot else "served"
        main = f"{verb} {requests_phrase(scale.requests.value)}{window}"
    elif scale.ab_test:
        main = f"{'piloted' if pilot else 'validated'} in an A/B test{window}"
    elif scale.days:
        main = f"piloted{window}" if pilot else f"ran in production{window}"
    else:
        main = "piloted" if pilot else ""
    if scale.regression is not None:
        reg = f"{format_quantity(scale.regression, signed=False)} regression"
        main = f"{main} with {reg}" if main else f"ran with {reg}"
    sla = f"holding a {format_quantity(scale.sla, signed=False)} SLA" if scale.sla is not None else ""
    return main, sla


def _offline_clause(scale: Scale | None) -> str:
    """'evaluated offline on 2.4M requests from 30 days of traffic' (replayed, not served)."""
    main = "evaluated offline"
    if scale is not None and scale.requests is not None:
        main += f" on {requests_phrase(scale.requests.value)}"
        if scale.days:
            main += f" from {days_phrase(scale.days)} of traffic"
    elif scale is not None and scale.days:
        main += f" on {days_phrase(scale.days)} of traffic"
    if scale is not None and scale.regression is not None:
        main += f" with {format_quantity(scale.regression, signed=False)} regression"
    return main


def scale_sentence(scale: Scale | None, status: str | None = None) -> str:
    """'Served 13M requests over 14 days with 1.7% regression, holding a 99.9% SLA.'"""
    main, sla = scale_clauses(scale, status)
    if main and sla:
        return capitalise(f"{main}, {sla}.")
    if main:
        return capitalise(f"{main}.")
    if sla:
        return f"Held a {format_quantity(scale.sla, signed=False)} SLA." if scale and scale.sla else ""
    return ""


def _served(verdicts: list[BarVerdict]) -> str:
    """'; 66.5M requests served in production' ('' when none were): offline evaluations'
    replayed requests do not count."""
    served = sum(v.requests or 0 for v in verdicts if v.in_production)
    return f"; {requests_phrase(served)} served in production" if served else ""


def brief_scale_line(verdicts: list[BarVerdict]) -> str:
    """The brief against the bar, for the candidate's notes and the review copy: '2 of 3 projects
    meet the Scale-and-Ship bar; 66.5M requests served in production.' A brief with no project
    at the bar says that it reads as prototype-only."""
    met = sum(v.meets_bar for v in verdicts)
    total = len(verdicts)
    if total == 1:
        line = ("The project meets the Scale-and-Ship bar" if met
                else "The project is below the Scale-and-Ship bar, so the brief reads as prototype-only")
    elif met == total:
        line = f"{'Both' if total == 2 else f'All {total}'} projects meet the Scale-and-Ship bar"
    elif met == 0:
        line = (f"None of the {total} projects meets the Scale-and-Ship bar yet, so the brief reads "
                "as prototype-only")
    else:
        line = f"{met} of {total} projects meet the Scale-and-Ship bar"
    return line + _served(verdicts) + "."


def brief_evidence_line(verdicts: list[BarVerdict]) -> str:
    """The brief's production evidence for the panel's copy: what meets the bar and what was
    served, never what falls short ('' when there is nothing to show). 'Both projects meet the
    Scale-and-Ship bar; 25M requests served in production.', '2.4M requests served in
    production.'"""
    met = sum(v.meets_bar for v in verdicts)
    total = len(verdicts)
    served = _served(verdicts)
    if not met:
        return capitalise(served[2:]) + "." if served else ""
    if met == total:
        if total == 1:
            line = "The project meets the Scale-and-Ship bar"
        else:
            line = f"{'Both' if total == 2 else f'All {total}'} projects meet the Scale-and-Ship bar"
    else:
        line = "One project meets" if met == 1 else f"{met} projects meet"
        line += " the Scale-and-Ship bar"
    return line + served + "."
