"""The fit search on its own, driven by layouts made of arithmetic (no WeasyPrint)."""

from __future__ import annotations

import math

import pytest

from briefgen.errors import RenderError
from briefgen.pdf.fit import (
    GROW_LAYOUTS,
    MAX_BODY_PT,
    MAX_LAYOUTS,
    MAX_UNIT,
    MIN_GAIN,
    SPREAD_ABOVE,
    DoesNotFit,
    Measure,
    Trial,
    first_guess,
    grow,
    grow_guess,
    interpolate,
    legible_floor,
    shrink,
    spread_units,
)
from briefgen.pdf.fit import (
    largest_fit as ceiling_fit,
)


class PowerLaw:
    """Content whose height is ``h1 * fit**k`` (k = 1 for single lines, 2 for prose), laid out on
    a page ``page_px`` tall; a layout fits when the content does."""

    def __init__(self, h1: float, k: float, page_px: float = 1000.0, rewrap: float = 0.0):
        self.h1, self.k, self.page_px, self.rewrap = h1, k, page_px, rewrap
        self.count = 0
        self.fits_tried: list[float] = []

    def height(self, fit: float) -> float:
        return self.h1 * fit ** self.k

    def layout(self, fit: float) -> Trial:
        self.count += 1
        self.fits_tried.append(fit)
        needed = self.height(fit)
        fits = needed <= self.page_px
        return Trial(fit=fit, fits=fits, content_px=needed if fits else 0.0,
                     flow_px=0.0 if fits else needed)

    def measure(self, fit: float) -> Measure:
        self.count += 1
        return Measure(fit, self.height(fit))

    def rewrap_share(self, trial: Trial) -> float:
        return self.rewrap


def largest_fit(layouts: PowerLaw) -> float:
    return (layouts.page_px / layouts.h1) ** (1 / layouts.k)


@pytest.mark.parametrize(("h1", "k", "rewrap"), [
    (1050, 1.0, 0.0), (1100, 1.0, 0.0), (1100, 2.0, 1.0), (1080, 1.5, 0.5), (1130, 1.2, 0.3),
])
def test_shrink_finds_nearly_the_largest_fit_that_fits(h1, k, rewrap):
    layouts = PowerLaw(h1, k, rewrap=rewrap)
    trial = shrink(layouts, 1000.0, 0.88, layouts.layout(1.0))
    assert trial.fits
    assert largest_fit(layouts) - MIN_GAIN - 0.006 <= trial.fit <= largest_fit(layouts)
    assert layouts.count <= MAX_LAYOUTS


def test_linear_content_that_overflows_a_little_takes_two_layouts():
    layouts = PowerLaw(1040, 1.0)
    shrink(layouts, 1000.0, 0.88, layouts.layout(1.0))
    assert layouts.count == 2


def test_past_the_floor_the_floor_is_measured_and_refused():
    layouts = PowerLaw(1300, 1.0)
    with pytest.raises(DoesNotFit) as raised:
        shrink(layouts, 1000.0, 0.88, layouts.layout(1.0))
    assert raised.value.floor.fit == 0.88
    assert raised.value.floor.needed_px == pytest.approx(1300 * 0.88)


def test_content_that_fits_in_height_but_not_on_one_page_is_the_templates_page_logic():
    class ForcedBreak(PowerLaw):
        def layout(self, fit: float) -> Trial:
            trial = super().layout(fit)
            return Trial(fit=fit, fits=False, content_px=0.0, flow_px=trial.content_px or trial.flow_px)

    layouts = ForcedBreak(600, 1.0)
    with pytest.raises(RenderError, match="forced page break"):
        shrink(layouts, 1000.0, 0.88, layouts.layout(1.0))


def test_first_guess_credits_rewrapping_prose_but_never_guesses_below_linear_shrinking():
    high = Measure(1.0, 1100.0)
    linear = first_guess(high, 1000.0, 0.0)
    assert linear == math.floor(1000 / 1100 * 1000) / 1000
    with_prose = first_guess(high, 1000.0, 0.6)
    all_prose = (1000 / 1100) ** 0.5  # height going with the square of the fit
    assert linear < with_prose < all_prose


def test_interpolate_stays_inside_the_bracket():
    low, high = Measure(0.9, 950.0), Measure(1.0, 1100.0)
    fit = interpolate(low, high, 1000.0)
    assert 0.9 <= fit < 1.0
    assert interpolate(Measure(0.9, 0.0), high, 1000.0) == 0.9  # nothing to fit a law through


@pytest.mark.parametrize(("body_pt", "floor"), [(9.6, 0.88), (9.0, 0.929), (8.5, 0.984), (8.0, 1.0),
                                                (0.0, 0.88)])
def test_the_floor_keeps_body_text_legible(body_pt, floor):
    assert legible_floor(body_pt) == pytest.approx(floor)


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
