"""Every bundled sample validates and renders to one page in every format."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from briefgen.pipeline import prepare, render_bytes

from ..conftest import normalise, pdf_pages, sample_files


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
