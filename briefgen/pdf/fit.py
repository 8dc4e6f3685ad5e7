"""The one-page fit as a pure search: which scale to lay a brief out at, given what layouts say.

Themes size everything in ``rem`` from ``html { font-size: calc(var(--fit, 1) * ...) }``, so one
number scales the whole design. This module decides that number; it never touches WeasyPrint
(the engine lays out, :mod:`~briefgen.pdf.measure` reads the boxes), so it is tested with
layouts made of arithmetic.

A layout that overflows at full size tells the content's height (its pages added up) and how much
of it is prose that rewraps. From that, :func:`first_guess` predicts the fit that fills the page,
erring low; a guess that overshoots is followed by one that assumes height shrinks only as fast as
the type. Only when that fails too is the floor measured on a tall page, where a brief that cannot
fit is refused. A fit that works is refined while the bracket promises visibly larger type,
fitting a power law ``height = h1 * fit**k`` through two measurements (``k`` is about 1 for
one-line text and 2 for prose that rewraps). One PDF is written at the end, however many layouts
it took.

Short content grows instead: :mod:`~briefgen.pdf.grow`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import RenderError

MIN_FIT = 0.88  # never shrink below 88% of the design, whatever its body size
LEGIBLE_BODY_PT = 8.36  # nor body text below this (classic's 9.5 pt * 0.88); compact starts at 8.5
MAX_LAYOUTS = 7  # 1 at full size + 2 measurements + the fitted layout + up to 3 refinements
# A layout that shows less text than its HTML holds is checked once on a tall page (to tell hidden
# elements from dropped text), so a render never takes more than this many layouts:
LAYOUT_BOUND = MAX_LAYOUTS + 1
HEIGHT_MARGIN = 0.005  # aim 0.5% under the page so a rewrapped line does not tip it over
MIN_GAIN = 0.02  # refine a fit that works only for 2% larger type (0.2 pt of 9.5 pt) or more
# How much of the prose's rewrapping the first guess counts on: with 0.75 it stayed below the
# largest fit that fits for the samples and 20 longer test briefs (2-5 projects, both themes,
# Letter and A4); 1.0 overshot two of them, costing a layout more.
REWRAP_CREDIT = 0.75
TOLERANCE_PX = 0.5
TEMPLATE_PAGE_LOGIC = (
    "the brief is short enough for one page, but the template spreads it over more than one page "
    "or cuts part of it off (a forced page break, or a fixed height with hidden overflow?)")


def wider_than_its_column(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return (f"{shown!r} is wider than its column and would be drawn past the edge of the page; "
            "shorten it, or give it spaces where it may wrap")


@dataclass
class Trial:
    """One layout on the real page."""

    fit: float
    fits: bool  # one page, nothing clipped, below the content area or lost
    content_px: float  # how far the first page's content reaches (meaningful when it fits)
    flow_px: float  # every page's content height added up (when it does not fit)
    document: Any = None  # the engine's laid-out document, kept to be written if chosen
    wide: str | None = None  # text that reaches past the sides of the page, when some does
    spread: float = 0.0  # px added before each project (--spread)


@dataclass
class Measure:
    """A layout on a page tall enough for everything: how high the content really is."""

    fit: float
    needed_px: float
    sections_px: dict[str, float] = field(default_factory=dict)
    characters: int = 0  # visible characters laid out


class Layouts(Protocol):
    """What the search needs from the engine."""

    count: int  # layouts made so far

    def layout(self, fit: float, spread: float = 0.0) -> Trial: ...

    def measure(self, fit: float) -> Measure: ...

    def rewrap_share(self, trial: Trial) -> float: ...


class DoesNotFit(Exception):
    """Even the floor overflows the page: ``floor`` is its measurement, for the report."""

    def __init__(self, floor: Measure):
        super().__init__(floor)
        self.floor = floor


def legible_floor(body_pt: float, min_fit: float = MIN_FIT) -> float:
    """The smallest fit: ``min_fit``, or the one that sets the body text at ``LEGIBLE_BODY_PT``,
    whichever is larger (never above 1: a design already below the floor is not shrunk)."""
    if body_pt <= 0:
        return min_fit
    return max(min_fit, min(1.0, round(LEGIBLE_BODY_PT / body_pt, 3)))


def shrink(layouts: Layouts, available: float, floor_fit: float, overflowing: Trial) -> Trial:
    """The largest fit in [floor_fit, 1) whose layout is one unclipped page (to within
    ``MIN_GAIN``, or the best found in ``MAX_LAYOUTS``), given ``overflowing``, the full-size
    layout that did not fit. Raises :class:`DoesNotFit` past the floor."""
    target = available * (1 - HEIGHT_MARGIN)
    high = _overflow(layouts, overflowing.flow_px, 1.0, available)  # smallest fit known not to fit
    # Within HEIGHT_MARGIN of the page, a block that may not break moves whole to page 2 although
    # the tall page says it all fits: shrinking a little solves that. Far below it, only the
    # template's own page logic (a forced break, a fixed height) can make a second page.
    if high.needed_px <= target:
        if overflowing.wide:  # tall enough to fit, but something is wider than the page
            raise RenderError(wider_than_its_column(overflowing.wide))
        raise RenderError(TEMPLATE_PAGE_LOGIC)
    best: Trial | None = None
    low: Measure | None = None  # the largest fit known to fit, measured
    guess = first_guess(high, target, layouts.rewrap_share(overflowing))
    for retry in (False, True):
        if guess <= floor_fit:
            break
        trial = layouts.layout(guess)
        if trial.fits:
            best, low = trial, Measure(guess, trial.content_px)
            break
        high = _overflow(layouts, trial.flow_px, guess, available)  # bounds from above
        # Rounding or the template's page logic, or no room left for a retry, its measurement,
        # the floor's and a layout there: the floor's measurement tells.
        if retry or high.needed_px <= target or MAX_LAYOUTS - layouts.count < 4:
            break
        # Height never shrinks slower than the type (k = 1), so this fits but for rounding and
        # for the margin a page break swallowed from the estimate: aim HEIGHT_MARGIN lower.
        guess = math.floor(target * (1 - HEIGHT_MARGIN) / high.needed_px * guess * 1000) / 1000
    if low is None:
        floor = layouts.measure(floor_fit)
        if floor.needed_px > available + TOLERANCE_PX:
            raise DoesNotFit(floor)
        low = floor
    while (left := MAX_LAYOUTS - layouts.count) > 0:
        # With one layout left and nothing that fits yet, take the fit measured to fit.
        fit = low.fit if left == 1 and best is None else interpolate(low, high, target)
        if best is not None and fit < low.fit + MIN_GAIN:
            break  # what fits is within a hair of the largest fit that could
        trial = layouts.layout(fit)
        if trial.fits:
            best, low = trial, Measure(fit, trial.content_px)
        elif fit == low.fit:
            break  # measured to fit in height, yet not one page: the template's own page logic
        elif MAX_LAYOUTS - layouts.count >= 2:  # room to measure this fit and lay out once more
            high = layouts.measure(fit)  # the law was optimistic here: narrow the bracket
        elif best is not None:
            break
    if best is None:
        raise RenderError(TEMPLATE_PAGE_LOGIC)
    return best


def _overflow(layouts: Layouts, flow_px: float, fit: float, available: float) -> Measure:
    """How tall the content of a layout at ``fit`` that did not fit really is, given ``flow_px``,
    its pages' content heights added up.

    That sum comes to about what a tall page would measure (a block pushed whole to the next page
    leaves a gap the sum leaves out, so the estimate errs low, and a guess from it errs high by as
    much). That saves a layout; where it is ambiguous, measure.
    """
    if flow_px > available * (1 + 2 * HEIGHT_MARGIN):
        return Measure(fit, flow_px)
    return layouts.measure(fit)


def first_guess(high: Measure, target_px: float, rewrap: float) -> float:
    """The fit at which content measured ``high`` should need ``target_px``, rounded down.

    Prose that wraps over several lines loses lines as the type shrinks, so its height goes with
    the square of the fit; the rest (single lines, spacing) goes with the fit. ``rewrap`` is the
    prose's share of the height; only ``REWRAP_CREDIT`` of it is counted, since a paragraph keeps
    its lines until its last one empties and a column beside a taller one saves nothing. Never
    below the fit that assumes no rewrapping at all (which fits but for rounding).
    """
    ratio = target_px / high.needed_px
    b = REWRAP_CREDIT * rewrap
    a = 1 - b
    scale = (-a + math.sqrt(a * a + 4 * b * ratio)) / (2 * b) if b > 0 else ratio
    return math.floor(high.fit * max(scale, ratio) * 1000) / 1000


def interpolate(low: Measure, high: Measure, target_px: float) -> float:
    """The fit where ``needed = target`` on the power law through two measurements."""
    if low.needed_px <= 0 or high.needed_px <= low.needed_px or high.fit <= low.fit:
        return low.fit
    k = math.log(high.needed_px / low.needed_px) / math.log(high.fit / low.fit)
    fit = high.fit * (target_px / high.needed_px) ** (1 / k)
    # Stay strictly inside the bracket; round down so the CSS value never exceeds the estimate.
    return max(low.fit, min(math.floor(fit * 1000) / 1000, high.fit - 0.001))
