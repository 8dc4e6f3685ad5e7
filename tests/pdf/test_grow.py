"""Growing short content, driven by layouts made of arithmetic (no WeasyPrint)."""

from __future__ import annotations

import pytest

from briefgen.pdf.fit import Trial
from briefgen.pdf.grow import (
    GROW_LAYOUTS,
    MAX_BODY_PT,
    MAX_UNIT,
    SPREAD_ABOVE,
    grow,
    grow_guess,
    spread_units,
)
from briefgen.pdf.grow import (
    largest_fit as ceiling_fit,
)

from .test_fit import PowerLaw


class ShortContent(PowerLaw):
    """Content that fits with room to spare; each of its ``units`` units of ``spread`` px adds to
    its height without rewrapping anything."""

    def __init__(self, h1: float, k: float, units: int = 2, rewrap: float = 0.5):
        super().__init__(h1, k, rewrap=rewrap)
        self.units = units
        self.spreads: list[float] = []

    def layout(self, fit: float, spread: float = 0.0) -> Trial:
        self.count += 1
        self.fits_tried.append(fit)
        self.spreads.append(spread)
        needed = self.height(fit) + spread * self.units
        fits = needed <= self.page_px
        return Trial(fit=fit, fits=fits, content_px=needed if fits else 0.0,
                     flow_px=0.0 if fits else needed, spread=spread)


@pytest.mark.parametrize(("h1", "k", "rewrap"), [
    (700, 1.0, 0.0), (700, 1.5, 0.5), (600, 2.0, 1.0), (750, 1.3, 0.3), (800, 1.8, 0.6),
])
def test_grow_fills_the_page_within_the_layout_budget(h1, k, rewrap):
    layouts = ShortContent(h1, k, rewrap=rewrap)
    first = layouts.layout(1.0)
    trial = grow(layouts, 1000.0, 1.25, first, units=2)
    assert trial.fits
    assert trial.fit > 1.0
    # type grown, then the rest spread, or each unit as wide as it may be
    assert trial.content_px >= 0.95 * 1000 or trial.spread == pytest.approx(MAX_UNIT * 1000, abs=0.1)
    assert layouts.count - 1 <= GROW_LAYOUTS


def test_grow_stops_at_the_ceiling_and_caps_each_unit():
    layouts = ShortContent(300, 1.5, units=6)
    trial = grow(layouts, 1000.0, 1.2, layouts.layout(1.0), units=6)
    assert trial.fit == 1.2
    assert trial.spread == pytest.approx(MAX_UNIT * 1000, abs=0.1)  # air, not a hole
    assert trial.content_px < 1000 * 0.6
    assert layouts.count == 2  # the type at its limit and the spacing in the same layout


@pytest.mark.parametrize(("h1", "k", "estimated", "placed", "cost"), [
    (300, 1.5, 6, 6, 1),    # far from full: every unit at its widest, at once
    (650, 2.0, 12, 12, 1),  # grew as predicted: the one layout fills the page
    (650, 1.0, 12, 12, 2),  # grew less than predicted: air left, shared out by one more
    (660, 1.8, 24, 4, 3),   # fewer units than estimated: counted from two layouts, a third
    (650, 1.6, 2, 12, 3),   # more units than estimated: overflows; the type alone, then counted
    (650, 1.5, 6, 0, 2),    # a template without --spread: the type at its limit, as it is
    (650, 2.3, 6, 6, 2),    # steeper than the square (paragraphs gaining lines): overflows
])
def test_at_the_type_limit_spacing_comes_in_the_same_layout(h1, k, estimated, placed, cost):
    """Short content whose type stops at the ceiling: spaced at once, from a predicted height that
    errs high. Whatever the template's units, the result fits at the ceiling, the page is used,
    and it costs no more layouts than the type alone and the spacing after it used to."""
    layouts = ShortContent(h1, k, units=placed)
    first = layouts.layout(1.0)
    trial = grow(layouts, 1000.0, 1.2, first, units=estimated)
    assert trial.fits and trial.fit == 1.2
    assert layouts.count - 1 == cost
    target = 1000 * (1 - 0.005)
    used = trial.content_px >= target - SPREAD_ABOVE * 1000
    if estimated < placed:  # counted on an overflowing page, which errs low (see spread)
        typed = layouts.height(1.2)
        used = trial.content_px - typed >= 0.75 * (target - typed)
    assert used or trial.spread == pytest.approx(MAX_UNIT * 1000, abs=0.1) or placed == 0


@pytest.mark.parametrize(("estimated", "placed", "h1"), [
    (4, 12, 900), (12, 4, 950), (6, 7, 880), (7, 6, 890), (1, 30, 700), (12, 4, 800),
])
def test_spread_shares_the_height_by_the_units_the_template_really_places(estimated, placed, h1):
    """A coach's template may place more units than the packaged themes (the first try overflows)
    or fewer (air is left): the first layout's growth tells, and one more shares it exactly."""
    layouts = ShortContent(h1, 1.0, units=placed)
    first = layouts.layout(1.0)
    trial = grow(layouts, 1000.0, 1.0, first, units=estimated)  # no type to grow: spacing only
    assert trial.fits
    assert trial.spread > 0
    target = 1000.0 * (1 - 0.005)
    if estimated < placed:  # counted on an overflowing page, which errs low: 15% and a unit kept
        filled = trial.content_px - first.content_px >= 0.75 * (target - first.content_px)
    else:  # within what is not worth a layout more, or a tenth of a unit and rounding
        filled = trial.content_px >= target - max(SPREAD_ABOVE * 1000, 0.15 * trial.spread
                                                  + 0.1 * placed)
    assert filled or trial.spread == pytest.approx(MAX_UNIT * 1000, abs=0.1)
    assert layouts.count - 1 <= 2


def test_a_template_without_spread_keeps_its_layout():
    layouts = ShortContent(800, 1.0, units=0)
    first = layouts.layout(1.0)
    assert grow(layouts, 1000.0, 1.0, first, units=6) is first
    assert layouts.count == 2  # one layout to learn that nothing moved


def test_the_packaged_themes_units():
    assert spread_units([]) == 0
    assert spread_units([5]) == 6  # one above a project alone
    assert spread_units([5, 5]) == 12  # two between the projects
    assert spread_units([4, 5, 3]) == 16


def test_an_overshooting_guess_falls_back_to_the_law_through_both_layouts():
    # Steeper than the guess assumes (k = 2.6 > 2): the guess overflows, the second try fits.
    layouts = ShortContent(800, 2.6, rewrap=1.0)
    trial = grow(layouts, 1000.0, 1.25, layouts.layout(1.0), units=2)
    assert not ShortContent(800, 2.6).layout(layouts.fits_tried[1]).fits
    assert trial.fits and trial.fit > 1.0
    assert layouts.count - 1 <= GROW_LAYOUTS


def test_a_full_page_does_not_grow():
    layouts = ShortContent(985, 1.0)
    first = layouts.layout(1.0)
    assert grow(layouts, 1000.0, 1.25, first, units=2) is first
    assert layouts.count == 1


def test_the_largest_fit_sets_body_text_at_its_limit():
    assert ceiling_fit(9.6) == pytest.approx(MAX_BODY_PT / 9.6, abs=0.001)
    assert ceiling_fit(12.0) == 1.0  # a design already above the limit is not grown
    assert ceiling_fit(0) == 1.0


@pytest.mark.parametrize(("content", "rewrap"), [(500, 0.0), (500, 1.0), (800, 0.4)])
def test_grow_guess_errs_low(content, rewrap):
    guess = grow_guess(1.0, content, 1000.0, rewrap)
    # With the prose's share growing as the square, the content at the guess fits.
    assert content * ((1 - rewrap) * guess + rewrap * guess ** 2) <= 1000.0
    assert guess >= 1.0


def test_growing_stays_within_its_budget_when_every_guess_at_the_limit_overflows():
    """Steep content at the type limit: the spaced layout overflows, so does the type alone; the
    law through both finds a fit, and spacing gets what is left of the budget."""
    layouts = ShortContent(650, 2.6, units=6, rewrap=0.5)
    trial = grow(layouts, 1000.0, 1.2, layouts.layout(1.0), units=6)
    assert layouts.fits_tried[1:3] == [1.2, 1.2]  # spaced, then alone: both too tall
    assert trial.fits and 1.0 < trial.fit < 1.2
    assert layouts.count - 1 <= GROW_LAYOUTS
