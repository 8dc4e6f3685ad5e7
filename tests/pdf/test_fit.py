"""The fit search on its own, driven by layouts made of arithmetic (no WeasyPrint)."""

from __future__ import annotations

import math

import pytest

from briefgen.errors import RenderError
from briefgen.pdf.fit import (
    MAX_LAYOUTS,
    MIN_GAIN,
    DoesNotFit,
    Measure,
    Trial,
    first_guess,
    interpolate,
    legible_floor,
    shrink,
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
