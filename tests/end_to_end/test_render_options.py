"""`render --page/--accent` and `render -`'s default output, through click's CliRunner."""

from __future__ import annotations

import pytest

from briefgen.cli import cli

from ..conftest import REFERENCE, SAMPLES, pdf_page_size_pt


# --- --page and --accent ------------------------------------------------------------------------


@pytest.mark.parametrize(("sample", "page", "size"), [
    (REFERENCE, "a4", (595, 842)),  # the reference says letter
    (SAMPLES / "one-project.yaml", "LETTER", (612, 792)),  # this one says a4
])
def test_page_replaces_design_page(runner, tmp_path, sample, page, size):
    out = tmp_path / "b.pdf"
    result = runner.invoke(cli, ["render", str(sample), "--page", page, "-o", str(out)])
    assert result.exit_code == 0, result.output
    width, height = pdf_page_size_pt(out.read_bytes())
    assert (round(width), round(height)) == size


def test_accent_replaces_design_accent(runner, tmp_path):
    out = tmp_path / "b.html"
    result = runner.invoke(cli, ["render", str(REFERENCE), "-f", "html", "--accent", "#aa0000",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "--accent: #aa0000;" in html and "#1f4e79" not in html


@pytest.mark.parametrize(("args", "expected"), [
    (["--page", "legal"], "--page: 'legal' is not one of: letter, a4"),
    (["--page", "leter"], "--page: 'leter' is not one of: letter, a4 (did you mean 'letter'?)"),
    (["--accent", "red"], "--accent: 'red' is not a CSS colour briefgen accepts (e.g. --accent"),
    (["--accent", "#fff; } body { display: none"], "--accent: '#fff; } body { display: none' is not"),
])
def test_a_bad_page_or_accent_names_the_option_and_writes_nothing(runner, tmp_path, args, expected):
    out = tmp_path / "b.md"
    result = runner.invoke(cli, ["render", str(REFERENCE), "-f", "md", "-o", str(out), *args])
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_batch_reports_a_bad_option_once_and_renders_nothing(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(REFERENCE), str(SAMPLES / "one-project.yaml"),
                                 "-f", "md", "-o", str(out), "--page", "legal"])
    assert result.exit_code == 1
    assert result.output.count("--page: 'legal' is not one of") == 1, result.output
    assert not out.exists()


def test_a_batch_takes_page_and_accent(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(REFERENCE), str(SAMPLES / "one-project.yaml"),
                                 "-f", "html", "-o", str(out), "--page", "a4", "--accent", "navy"])
    assert result.exit_code == 0, result.output
    for html in out.glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "--accent: navy;" in text and "size: A4;" in text, html


def test_watch_refuses_a_bad_option_before_watching(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(REFERENCE), "--watch", "-o", str(tmp_path / "b.pdf"),
                                 "--accent", "url(x)"])
    assert result.exit_code == 1
    assert "--accent: 'url(x)' is not a CSS colour" in result.output
    assert "Watching" not in result.output


def test_templates_check_takes_page(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text('{% extends "classic/brief.html" %}\n', encoding="utf-8")
    args = ["templates", "check", str(coach), "--brief", str(REFERENCE), "-f", "pdf"]
    result = runner.invoke(cli, [*args, "--page", "a4"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, [*args, "--page", "A5"])
    assert result.exit_code == 1
    assert "--page: 'a5' is not one of: letter, a4" in result.output  # as design.page: A5 reads


def test_page_completes_in_the_shell(runner):
    from click.shell_completion import ShellComplete

    from briefgen.cli import cli as group

    complete = ShellComplete(group, {}, "briefgen", "_BRIEFGEN_COMPLETE")
    found = [c.value for c in complete.get_completions(["render", "b.yaml", "--page"], "")]
    assert found == ["letter", "a4"]
