"""The Scale-and-Ship bar (DOMAIN.md point 2), judged in one place.

A project meets the bar with at least ``min_requests`` requests AND regression strictly below
``max_regression``: exactly 10M requests and 1.99% regression meet the default bar, 2% does not.
The verdict carries its own words (the bar, the shortfalls, the sentence), so the brief, the
notes, the readiness check and the command line all say the same thing.

The bar judges shipped work. A project whose ``status`` is ``pilot`` or ``offline`` does not meet
it whatever its figures (DOMAIN.md point 8): its verdict says what it is ("a pilot, not yet
shipped") before any figure it falls short on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..input.models import Brief, Scale, Thresholds
from ..language.numbers import format_count, format_points, format_quantity, written_decimals


@dataclass(frozen=True)
class BarVerdict:
    meets_bar: bool
    requests: float | None
    regression: float | None  # percent
    shortfalls: tuple[str, ...]  # plain phrases that say by how much: "7.6M requests short of 10M"
    label: str  # "Meets the bar" / "Below the bar"
    sentence: str  # "Meets the Scale-and-Ship bar (at least 10M requests with under 2% regression)."
    bar: str = ""  # "at least 10M requests with under 2% regression"
    evidence: str = ""  # what was given, in the author's figures: "2.4M requests with 1.2% regression"
    status: str = "shipped"  # shipped | pilot | offline: what the evidence is

    @property
    def in_production(self) -> bool:
        """Whether its requests were served to real users (a pilot's were; an offline
        evaluation's were replayed)."""
        return self.status != "offline"


# What a project that is not shipped work is, said first among its shortfalls, and its label.
_NOT_SHIPPED = {"pilot": ("a pilot, not yet shipped", "Pilot"),
                "offline": ("evaluated offline, not shipped", "Offline evaluation")}


def bar_text(thresholds: Thresholds) -> str:
    return (f"at least {format_count(thresholds.min_requests.value)} requests with under "
            f"{format_quantity(thresholds.max_regression, signed=False)} regression")


def judge(scale: Scale | None, thresholds: Thresholds, status: str | None = None) -> BarVerdict:
    """Judge production evidence against the bar, saying by how much a project falls short.
    ``status`` is the project's (``None`` is shipped work, as when a brief does not say)."""
    status = status or "shipped"
    min_req = thresholds.min_requests.value
    max_reg = thresholds.max_regression.value
    max_text = format_quantity(thresholds.max_regression, signed=False)
    bar = bar_text(thresholds)
    requests = scale.requests.value if scale and scale.requests is not None else None
    regression = scale.regression.value if scale and scale.regression is not None else None
    evidence = []
    if scale is not None and scale.requests is not None:
        evidence.append(f"{format_count(scale.requests.value)} requests")
    if scale is not None and scale.regression is not None:
        evidence.append(f"{format_quantity(scale.regression, signed=False)} regression")
    shortfalls: list[str] = []
    if status in _NOT_SHIPPED:
        shortfalls.append(_NOT_SHIPPED[status][0])
    if status == "offline":
        pass  # replayed traffic is not production penetration: its figures are not compared
    elif requests is None and regression is None:
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
    label = "Meets the bar" if meets else _NOT_SHIPPED.get(status, ("", "Below the bar"))[1]
    return BarVerdict(
        meets_bar=meets,
        requests=requests,
        regression=regression,
        shortfalls=tuple(shortfalls),
        label=label,
        sentence=sentence,
        bar=bar,
        evidence=" with ".join(evidence),
        status=status,
    )

def judge_brief(brief: Brief) -> list[BarVerdict]:
    """Every project's verdict against the brief's own thresholds, in the brief's order."""
    return [judge(p.scale, brief.thresholds, p.status) for p in brief.projects]


def prototype_only(verdicts: list[BarVerdict]) -> bool:
    """A brief none of whose projects meets the bar reads as prototype-only to a panel."""
    return not any(v.meets_bar for v in verdicts)
