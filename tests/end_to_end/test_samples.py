"""Every bundled sample validates and renders to one page in every format."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from briefgen.pipeline import prepare, render_bytes

from ..conftest import SAMPLES, normalise, pdf_pages, sample_files
from ..textcheck import contains


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_sample_renders_to_one_page(sample):
    prepared = prepare(sample)
    pages = pdf_pages(render_bytes(prepared, "pdf"))
    assert len(pages) == 1
    text = normalise(pages[0])
    for project in prepared.brief.projects:
        assert normalise(project.title) in text


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_sample_markdown_parses(sample):
    text = render_bytes(prepare(sample), "md").decode()
    tokens = MarkdownIt("commonmark").parse(text)
    assert any(t.type == "heading_open" for t in tokens)


DENSE = sorted((SAMPLES / "checks").glob("*.yaml"))


@pytest.mark.parametrize("page", ["letter", "a4"])
@pytest.mark.parametrize("brief", DENSE, ids=lambda p: p.stem)
def test_dense_check_briefs_fit_their_theme_close_to_the_limit(brief, page):
    """`templates check`'s dense briefs fit the packaged theme, with little room to spare: that
    is what makes them show a coach's addition that real briefs cannot take."""
    from briefgen.input.design import Overrides
    from briefgen.pipeline import render_pdf

    prepared = prepare(brief, Overrides(page=page))
    result = render_pdf(prepared)
    assert result.pages == 1
    assert result.fit < 0.95, result.fit  # shrunk towards the legibility floor (0.88)
    text = pdf_pages(result.data)[0]
    for project in prepared.brief.projects:
        assert contains(text, project.title), project.title
    expected = {"classic": 3, "compact": 4}[prepared.design.theme.name]
    assert len(prepared.brief.projects) == expected
    assert not all(p.verdict.meets_bar for p in prepared.view.projects)  # not a tidy story
