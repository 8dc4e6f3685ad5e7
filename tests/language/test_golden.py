"""The Markdown notes, end to end: golden files per sample, valid CommonMark, the same words as
the composed view (and so as the PDF).

Regenerate the golden files after a deliberate wording change with
``.venv/bin/python -m pytest tests/test_language_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from briefgen.pipeline import prepare, render_bytes

from ..conftest import GOLDEN_DIR, REFERENCE, sample_files

GOLDEN = GOLDEN_DIR


def plain_text(markdown: str) -> list[str]:
    """The text of each block as a reader sees it (escapes resolved, markup dropped)."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks = []
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            blocks.append("".join(c.content if c.type in ("text", "code_inline") else
                                  (" " if c.type in ("softbreak", "hardbreak") else "")
                                  for c in token.children))
    return blocks


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_markdown_matches_golden(sample, update_golden):
    text = render_bytes(prepare(sample), "md").decode("utf-8")
    golden = GOLDEN / f"{sample.stem}.md"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {sample.name}; run pytest with --update-golden"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_markdown_says_what_the_view_says(sample):
    """Every finished sentence of the view reaches the reader intact: escaping hides nothing and
    no value turns into markup (a link, emphasis, a heading)."""
    prepared = prepare(sample)
    markdown = render_bytes(prepared, "md").decode("utf-8")
    blocks = plain_text(markdown)
    text = "\n".join(blocks)
    view = prepared.view
    assert view.scale_verdict in text  # the notes are the candidate's: the verdicts, not the evidence
    for project in view.projects:
        assert f"- {project.bullet}" not in text  # list markers are markup, not text
        assert project.bullet in blocks
        assert f"Result: {project.triad}" in blocks
        assert project.script in blocks
        for part in project.star:
            assert f"{part.label}: {part.text}" in blocks
        if project.contrast:
            assert f"Say it with the numbers: {project.contrast}" in blocks
    tokens = MarkdownIt("commonmark").parse(markdown)
    kinds = {t.type for t in tokens}
    assert "link_open" not in kinds and "html_block" not in kinds and "html_inline" not in kinds
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [h.tag for h in headings].count("h2") == len(view.projects) + 1  # bullets + projects


def test_reference_reads_like_the_spec():
    blocks = plain_text(render_bytes(prepare(REFERENCE), "md").decode("utf-8"))
    assert ("Result: Cut hallucination rate from 12% to 3% (-75%), lowering repeat-call volume by 15% "
            "and saving $1.2M per quarter.") in blocks
    assert any("unlocking $400K of GPU capacity per year" in b for b in blocks)
    assert not any("per year of GPU capacity" in b for b in blocks)
    assert ("Scale and ship: Both projects meet the Scale-and-Ship bar; 25M requests served in "
            "production.") in blocks
    assert "Leadership principles: Dive Deep · Deliver Results" in blocks


def test_missing_optional_parts_leave_no_empty_labels(tmp_path):
    brief = tmp_path / "bare.yaml"
    brief.write_text(
        "candidate:\n  name: Ada\nprojects:\n  - title: Bare\n    metric:\n      name: BLEU\n"
        "      baseline: 35\n      result: 33\n      better: higher\n", encoding="utf-8")
    markdown = render_bytes(prepare(brief), "md").decode("utf-8")
    blocks = plain_text(markdown)
    assert "Result: BLEU regressed from 35 to 33 (-5.7%)." in blocks
    for label in ("Situation:", "Task:", "Action:", "Leadership:", "Interviewing for:",
                  "Leadership principles:", "Say it with the numbers:"):
        assert not any(b.startswith(label) for b in blocks), label
    assert "\n\n\n" not in markdown
