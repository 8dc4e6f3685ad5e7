"""The page is used: where the last line of content sits, read back from each sample's PDF.

A two- or three-project brief reaches at least 85% of the height between its first line and its
footer; a one-project brief, which no legible type can stretch that far, is composed: its type
grown as far as it may go (body text 11.5 pt), its figures set large, and air shared between the
parts of its story in units no wider than about two lines (as designed it used 24-35% of the
page; composed, 45-60%).
"""

from __future__ import annotations

import pytest

from briefgen.input.design import Overrides
from briefgen.pdf.grow import MAX_BODY_PT, MAX_UNIT
from briefgen.pipeline import prepare, render_job, render_pdf
from briefgen.renderer import default_renderer

from ..conftest import SAMPLES
from ..pdf_fill import page_fill

BODY_PT = {"classic": 9.6, "compact": 9.5}  # the themes' root size: body text is 1rem


@pytest.mark.parametrize("page", ["letter", "a4"])
@pytest.mark.parametrize("theme", ["classic", "compact"])
@pytest.mark.parametrize("sample", ["priya-raman", "rlhf-research-scientist", "one-project"])
def test_the_content_uses_the_page(sample, theme, page):
    prepared = prepare(SAMPLES / f"{sample}.yaml", Overrides(theme=theme, page=page))
    result = render_pdf(prepared)
    fill = page_fill(result.data)
    projects = len(prepared.brief.projects)
    assert fill.footer_top > fill.bottom  # the footer stays below the content
    if projects >= 2:
        assert fill.fill >= 0.85, f"{fill.fill:.0%} of the page used"
        return
    assert result.fit * BODY_PT[theme] == pytest.approx(MAX_BODY_PT, abs=0.02)  # as large as may be
    # Air between the parts of the story, as much as a unit may hold and no more: no hole.
    content_px = (fill.footer_top - fill.top) * 96 / 72
    assert 0.5 * MAX_UNIT * content_px < result.spread <= MAX_UNIT * content_px * 1.1
    assert fill.fill > 0.42, f"{fill.fill:.0%} of the page used"


def test_a_full_page_is_measured_as_full_and_an_empty_one_as_empty():
    """The measurement itself: the long sample is nearly full, the one-project one is not, as
    designed (fit 1) before anything grew."""
    long = render_pdf(prepare(SAMPLES / "rlhf-research-scientist.yaml"))
    assert page_fill(long.data).fill > 0.9
    job = render_job(prepare(SAMPLES / "one-project.yaml"), "pdf")
    assert job.pdf is not None
    renderer = default_renderer()
    as_designed = renderer.engine.layout_once(renderer.html_for_pdf(job), job.pdf, 1.0)
    assert page_fill(as_designed.document.write_pdf()).fill < 0.4
