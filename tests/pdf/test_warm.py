"""The PDF worker warms the default theme while it waits: the same page, found ready, and it
stops as soon as the job is there."""

from __future__ import annotations

import re

import pytest

from briefgen.input.design import Overrides
from briefgen.pdf import styles
from briefgen.pdf.engine import Engine
from briefgen.pdf.warm import default_roots, theme_sheet, warm
from briefgen.pipeline import prepare, render_job
from briefgen.renderer import default_renderer
from briefgen.themes import DEFAULT_THEME, packaged_themes

from ..conftest import REFERENCE
from .test_faces import BRIEF_SANS_FACES, registered
from .test_styles import bitmap


def job_and_html(theme: str = DEFAULT_THEME):
    job = render_job(prepare(REFERENCE, Overrides(theme=theme)), "pdf")
    assert job.pdf is not None
    return job.pdf, default_renderer().html_for_pdf(job)


def test_the_warmed_scope_is_the_default_themes():
    assert list(default_roots()) == packaged_themes()[DEFAULT_THEME].search_path()
    assert job_and_html()[0].allowed_roots == default_roots()


def test_a_warmed_engine_has_the_faces_and_draws_the_same_page():
    job, html = job_and_html()
    warmed = Engine()
    assert warm(warmed, lambda: False) == 6
    assert registered(warmed) == BRIEF_SANS_FACES  # registered ahead, under the same names
    config = warmed.fonts(tuple(str(r) for r in job.allowed_roots))
    result = warmed.write_pdf(html, job)
    assert warmed.fonts(tuple(str(r) for r in job.allowed_roots)) is config
    assert registered(warmed) == BRIEF_SANS_FACES  # nothing registered twice
    cold = Engine().write_pdf(html, job)
    assert (result.fit, result.layouts) == (cold.fit, cold.layouts)
    assert bitmap(result.data) == bitmap(cold.data)


def test_another_theme_after_warming_is_unaffected():
    job, html = job_and_html("compact")
    warmed = Engine()
    warm(warmed, lambda: False)
    assert bitmap(warmed.write_pdf(html, job).data) == bitmap(Engine().write_pdf(html, job).data)


def test_warming_stops_when_the_job_is_there():
    assert warm(Engine(), lambda: True) == 0
    calls = iter([False, True])
    assert warm(Engine(), lambda: next(calls)) == 1


@pytest.mark.parametrize("theme", sorted(packaged_themes()))
def test_the_theme_sheet_is_the_text_of_the_themes_own_style_element(theme):
    """What the warm-up parses is exactly the text the template writes, so the first layout
    finds it parsed; the per-brief part (accent, page size) is a <style> of its own."""
    job, html = job_and_html(theme)
    first, own = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert "--accent" in first and "@page" in first and "@font-face" not in first
    assert theme_sheet(job.allowed_roots) == own
    other = render_job(prepare(REFERENCE, Overrides(theme=theme, page="a4", accent="#7a1f4e")), "pdf")
    assert re.findall(r"<style>(.*?)</style>", default_renderer().html_for_pdf(other), re.S)[1] == own


def test_the_first_layout_after_warming_parses_no_sheet(monkeypatch):
    job, html = job_and_html()
    warmed = Engine()
    warm(warmed, lambda: False)
    parsed: list[str] = []
    real = styles.parse_sheet
    monkeypatch.setattr(styles, "parse_sheet", lambda text, *a: parsed.append(text) or real(text, *a))
    warmed.write_pdf(html, job)
    assert [text for text in parsed if "@font-face" in text or ".masthead" in text] == []


@pytest.mark.parametrize("theme", sorted(packaged_themes()))
def test_the_skeleton_sets_every_size_and_weight_the_brief_does(theme, monkeypatch):
    """The warm-up's skeleton brief makes Pango's font for every size, weight and style a brief
    in the theme sets at the design size, so its first layout makes none of its own."""
    import weasyprint.text.line_break as line_break

    from briefgen.themes import packaged_search_path

    real = line_break.get_font_description
    seen: set[tuple] = set()

    def spy(style):
        seen.add((style["font_family"], style["font_size"], style["font_weight"],
                  style["font_style"], style["lang"]))
        return real(style)

    monkeypatch.setattr(line_break, "get_font_description", spy)
    engine = Engine()
    warm(engine, lambda: False, tuple(packaged_search_path(theme)))
    skeleton = set(seen)
    job, html = job_and_html(theme)
    seen.clear()
    engine.layout_once(html, job, 1.0)
    assert seen and seen <= skeleton
