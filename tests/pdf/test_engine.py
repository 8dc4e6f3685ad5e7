"""The PDF engine on pages of known geometry, where the right fit can be computed."""

from __future__ import annotations

import pytest

from briefgen.errors import FitError, RenderError
from briefgen.pdf import fit, grow
from briefgen.pdf.fit import LEGIBLE_BODY_PT, MIN_FIT
from briefgen.pdf.spec import PdfResult, Section

from ..conftest import pdf_of_html, pdf_pages
from ..pdf_fill import page_fill

# --- the fit engine on pages of known geometry -----------------------------------------------
# Letter with 0.5 in margins leaves 10 in = 960 px; each line below is 1.3rem + 0.5rem = 18 pt =
# 24 px at fit 1, whatever the font, so n lines need (24 * n - 20 / 3) * fit px (the last line's
# 5 pt bottom margin ends at the page end).

def lines_page(sections: dict[str, int], css: str = "", body_pt: float = 10) -> str:
    body = "".join(f'<div id="{name}">' + "".join(f"<p>{name} line {i:03d}</p>" for i in range(n))
                   + "</div>" for name, n in sections.items())
    return ('<!DOCTYPE html><html lang="en"><head><style>@page { size: letter; margin: 0.5in } '
            f"html {{ font-size: calc(var(--fit, 1) * {body_pt}pt) }} body {{ margin: 0 }} "
            f"p {{ margin: 0 0 0.5rem; line-height: 1.3rem; white-space: nowrap }} {css}</style>"
            f"</head><body><main>{body}</main></body></html>")


def engine(html: str, sections: list[Section] | None = None) -> PdfResult:
    return pdf_of_html(html, sections=tuple(sections or ()))


def test_engine_fits_as_designed_in_one_layout():
    result = engine(lines_page({"a": 39}))  # 929 px of 960: full enough not to grow
    assert (result.fit, result.pages, result.layouts) == (1.0, 1, 1)


def test_engine_chooses_the_fit_from_the_measured_overflow():
    result = engine(lines_page({"a": 44}))  # needs 1056 px of 960: 10% over
    ideal = 960 / (24 * 44 - 20 / 3)
    assert result.pages == 1
    assert ideal - 0.02 <= result.fit <= ideal + 0.001  # close to the largest fit, not a blind floor
    assert result.layouts <= 5
    text = pdf_pages(result.data)[0]
    assert all(f"a line {i:03d}" in text for i in range(44))


def test_engine_refuses_past_the_floor_with_the_measured_overflow():
    sections = [Section("a", "section a", 1), Section("b", "section b", 1),
                Section("c", "section c", 1)]
    with pytest.raises(FitError) as raised:
        engine(lines_page({"a": 10, "b": 30, "c": 20}), sections)
    report = raised.value.report
    expected_mm = ((24 * 60 - 20 / 3) * MIN_FIT - 960) * 25.4 / 96  # measured at the floor
    assert abs(report.overflow_mm - expected_mm) < 1
    assert report.unit == "mm"
    assert [label for label, _ in report.longest] == ["section b", "section c", "section a"]
    assert abs(report.longest[0][1] - 30 * 24 * MIN_FIT * 25.4 / 96) < 3


def test_engine_floor_keeps_small_body_text_legible(monkeypatch):
    """Body text designed at 9 pt may shrink only to 8.36 pt (fit 0.929), not to 88% (7.9 pt):
    49 lines of it would fit at 0.91, so they are refused."""
    with pytest.raises(FitError) as raised:
        engine(lines_page({"a": 49}, body_pt=9))
    report = raised.value.report
    assert report.body_pt == pytest.approx(9)
    assert report.fit == pytest.approx(round(LEGIBLE_BODY_PT / 9, 3))
    assert "body text 8.4 pt" in str(raised.value)
    monkeypatch.setattr(fit, "LEGIBLE_BODY_PT", 7.9)  # with a lower floor the same lines fit
    assert 0.88 <= engine(lines_page({"a": 49}, body_pt=9)).fit < 0.929


@pytest.mark.parametrize("css", [
    "main { height: 5in }",  # WeasyPrint drops what this pushes past the page end (#2346)
    "main { height: 5in; overflow: hidden }",
    "html, body { height: 100%; overflow: hidden }",
    "body { display: flex; flex-direction: column; height: 8in } "
    "main { overflow: hidden; flex: 1; min-height: 0 }",
])
def test_engine_never_returns_clipped_content(css):
    try:
        result = engine(lines_page({"a": 44}, css))
    except RenderError as exc:  # refusing is fine (FitError is a RenderError); clipping is not
        assert "cuts part of it off" in str(exc) or isinstance(exc, FitError)
        return
    pages = pdf_pages(result.data)
    assert len(pages) == 1
    assert all(f"a line {i:03d}" in pages[0] for i in range(44))


def test_engine_does_not_mistake_hidden_elements_for_clipping():
    result = engine(lines_page({"a": 40}, "p:nth-child(3) { display: none }"))
    assert (result.fit, result.pages) == (1.0, 1)
    assert result.layouts == 2  # one layout plus one tall-page check of the missing text


def test_short_content_grows_to_the_largest_body_size_in_one_layout():
    result = engine(lines_page({"a": 20}))  # 473 px of 960, lines that never rewrap
    assert result.fit == pytest.approx(grow.MAX_BODY_PT / 10, abs=0.001)
    assert (result.pages, result.layouts, result.spread) == (1, 2, 0.0)  # no sections: no gaps


def engine_units(html: str, units: int) -> PdfResult:
    return pdf_of_html(html, sections=(Section("a", "a", 10), Section("b", "b", 10)),
                       spread_units=units)


def test_spare_height_is_spread_in_units_no_wider_than_the_cap():
    css = "main > div + div { margin-top: var(--spread, 0px) }"  # one unit, as estimated
    result = engine_units(lines_page({"a": 12, "b": 12}, css), 1)
    assert result.fit == pytest.approx(grow.MAX_BODY_PT / 10, abs=0.001)
    assert result.spread == pytest.approx(grow.MAX_UNIT * 960, abs=0.1)  # capped: air, no hole
    assert result.layouts == 2  # the type at its limit and the spacing in one layout
    assert "b line 011" in pdf_pages(result.data)[0]


@pytest.mark.parametrize("estimated", [1, 60])
def test_spread_follows_the_units_a_template_really_places(estimated):
    """22 units (between every two lines) against an estimate of 1 (the first try overflows) or
    60 (air is left): the engine measures the count and shares the height out again."""
    css = "p + p { margin-top: calc(0.5rem + var(--spread, 0px)) }"
    result = engine_units(lines_page({"a": 12, "b": 12}, css), estimated)
    assert result.pages == 1 and result.layouts <= 4
    assert 0 < result.spread < grow.MAX_UNIT * 960
    last_line = page_fill(result.data).footer_top  # no footer here: the lowest line is the last
    assert last_line > 792 - 36 - 45  # within about two lines of the bottom margin
    assert "b line 011" in pdf_pages(result.data)[0]


def test_engine_refuses_a_template_that_forces_a_second_page():
    with pytest.raises(RenderError, match="forced page break"):
        engine(lines_page({"a": 10}, "p:nth-child(3) { break-before: page }"))


def test_a_first_guess_that_overshoots_costs_one_layout_more(monkeypatch):
    """Lines that never rewrap: a guess that counts on rewrapping is too large, and the next one,
    from the overshoot's own height, fits."""
    monkeypatch.setattr(fit, "first_guess", lambda high, target, rewrap: 0.99)
    result = engine(lines_page({"a": 44}))
    ideal = 960 / (24 * 44 - 20 / 3)
    assert result.pages == 1
    assert ideal - 0.02 <= result.fit <= ideal + 0.001
    assert result.layouts <= 4
