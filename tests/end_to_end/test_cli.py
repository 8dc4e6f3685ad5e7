"""The command line, driven through click's CliRunner, with real PDFs read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from briefgen import __version__
from briefgen.cli import cli

from ..conftest import normalise, pdf_page_size_pt, pdf_pages

REFERENCE_FIGURES = ["Priya Raman", "12%", "3%", "$1.2M", "13M", "1.7%", "28", "35",
                     "Dive Deep", "Deliver Results", "Frugality", "Invent and Simplify"]


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("init", "validate", "render", "schema"):
        assert command in result.output


def test_render_reference_pdf_is_one_letter_page(runner, reference, tmp_path):
    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", str(reference), "--format", "pdf", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    pages = pdf_pages(data)
    assert len(pages) == 1
    width, height = pdf_page_size_pt(data)
    assert (round(width), round(height)) == (612, 792)
    text = normalise(pages[0])
    for figure in REFERENCE_FIGURES:
        assert figure in text, figure


def test_render_reference_markdown_is_commonmark_with_the_figures(runner, reference, tmp_path):
    out = tmp_path / "x.md"
    result = runner.invoke(cli, ["render", str(reference), "--format", "md", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert headings and headings[0].tag == "h1"
    inline = " ".join(t.content for t in tokens if t.type == "inline")
    plain = re.sub(r"\\(.)", r"\1", inline)
    for figure in REFERENCE_FIGURES:
        assert figure in plain, figure


def test_render_reference_html_is_self_contained(runner, reference, tmp_path):
    out = tmp_path / "x.html"
    result = runner.invoke(cli, ["render", str(reference), "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for figure in REFERENCE_FIGURES:
        assert figure in html.replace("&#36;", "$"), figure
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//|file:)""", html)
    assert "<link" not in html and "@import" not in html


def test_default_output_goes_to_output_folder(runner, reference, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", str(reference), "--format", "md"])
    assert result.exit_code == 0, result.output
    expected = "brief.md" if reference.stem == "brief" else f"{reference.stem}-brief.md"
    assert (tmp_path / "output" / expected).is_file()


def test_review_copy_has_its_own_default_name_and_shows_the_verdicts(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample = Path(__file__).resolve().parents[2] / "samples" / "one-project.yaml"
    panel = runner.invoke(cli, ["render", str(sample), "-f", "html"])
    review = runner.invoke(cli, ["render", str(sample), "-f", "html", "--review"])
    assert panel.exit_code == 0 and review.exit_code == 0, (panel.output, review.output)
    panel_html = (tmp_path / "output" / "one-project-brief.html").read_text(encoding="utf-8")
    review_html = (tmp_path / "output" / "one-project-brief-review.html").read_text(encoding="utf-8")
    assert "7.6M requests short of 10M" not in panel_html and "Below the bar" not in panel_html
    assert "7.6M requests short of 10M" in review_html and "Below the bar" in review_html
    assert "review" in runner.invoke(cli, ["render", "--help"]).output


def test_a4_page_size(runner, tmp_path):
    from ..conftest import SAMPLES

    out = tmp_path / "a4.pdf"
    result = runner.invoke(cli, ["render", str(SAMPLES / "one-project.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    width, height = pdf_page_size_pt(out.read_bytes())
    assert (round(width), round(height)) == (595, 842)


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(cli, ["init"])
    assert first.exit_code == 0, first.output
    assert runner.invoke(cli, ["validate", "brief.yaml"]).exit_code == 0
    before = Path("brief.yaml").read_bytes()
    second = runner.invoke(cli, ["init"])
    assert second.exit_code == 1
    assert "--force" in second.output
    assert Path("brief.yaml").read_bytes() == before
    assert runner.invoke(cli, ["init", "--force"]).exit_code == 0


def test_validate_reports_ok_summary(runner, reference):
    result = runner.invoke(cli, ["validate", str(reference)])
    assert result.exit_code == 0
    assert "2 projects" in result.output
    assert "2 of 2 meet" in result.output


def test_validate_bad_input_is_located_without_traceback(runner, reference, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(reference.read_text().replace("baseline: 12%", "baseine: 12%"))
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert re.search(r"bad\.yaml:\d+:\d+: projects\[0\]\.metric\.baseine: unknown key", result.output)
    assert "did you mean 'baseline'" in result.output
    assert "Traceback" not in result.output


def test_validate_reads_stdin(runner, reference):
    result = runner.invoke(cli, ["validate", "-"], input=reference.read_text())
    assert result.exit_code == 0, result.output


def test_render_failure_writes_nothing(runner, reference, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(reference.read_text().replace("better: lower", "better: sideways"))
    out = tmp_path / "bad.pdf"
    result = runner.invoke(cli, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_schema_is_json_schema_that_knows_the_contract(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["required"]) >= {"candidate", "projects"}
    assert "Brief" in schema.get("title", "")


def test_sample_copy_matches_the_shared_reference(reference):
    from ..conftest import SAMPLES

    ours = yaml.safe_load((SAMPLES / "priya-raman.yaml").read_text())
    assert ours == yaml.safe_load(reference.read_text())


def test_library_render_file_writes_atomically(reference, tmp_path):
    """The one-call library API: a good render replaces the file, a bad one leaves it intact."""
    from briefgen.errors import InputError
    from briefgen.pipeline import render_file

    out = tmp_path / "notes.md"
    assert render_file(reference, out, "md") == out
    before = out.read_bytes()
    assert before.startswith(b"# Priya Raman")
    bad = tmp_path / "bad.yaml"
    bad.write_text(reference.read_text().replace("better: lower", "better: sideways"))
    with pytest.raises(InputError):
        render_file(bad, out, "md")
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "notes.md"]


def test_every_command_is_listed_and_a_mistyped_one_gets_a_suggestion(runner):
    from briefgen.cli import COMMANDS

    listed = runner.invoke(cli, ["--help"])
    assert listed.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", listed.output, re.MULTILINE), name
    wrong = runner.invoke(cli, ["rendr", "brief.yaml"])
    assert wrong.exit_code == 2
    assert "No such command 'rendr'." in wrong.output
    assert "Did you mean 'render'?" in wrong.output
