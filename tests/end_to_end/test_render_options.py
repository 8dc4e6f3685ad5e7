"""`render --page/--accent` and `render -`'s default output, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import cli

from ..conftest import REFERENCE, SAMPLES, pdf_page_size_pt


def reference_named(name: str) -> str:
    return REFERENCE.read_text(encoding="utf-8").replace("name: Priya Raman", f"name: {name}", 1)


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


# --- `render -`: named after the candidate, never over another brief's file --------------------


@pytest.mark.parametrize(("name", "file"), [
    ("Priya Raman", "priya-raman-brief.md"),
    ("José Müller", "josé-müller-brief.md"),
    ("李雷", "李雷-brief.md"),
    ("Dr. Seán O'Brien-Nakamura", "dr-seán-obrien-nakamura-brief.md"),
    ('"../../etc/passwd"', "etc-passwd-brief.md"),
    ('"🚀"', "brief.md"),
])
def test_stdin_is_named_after_the_candidate(runner, tmp_path, monkeypatch, name, file):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", "-", "-f", "md"], input=reference_named(name))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Wrote output/{file}"
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [".briefgen-written.json", file]


def test_stdin_into_a_folder_uses_the_candidates_name(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(cli, ["render", "-", "-f", "md", "-o", str(out)],
                           input=reference_named("李雷"))
    assert result.exit_code == 0, result.output
    assert (out / "李雷-brief.md").is_file()


def test_stdin_renders_again_over_its_own_file(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    brief = reference_named("Li Lei")
    assert runner.invoke(cli, ["render", "-", "-f", "md"], input=brief).exit_code == 0
    changed = brief.replace("Alexa AI", "Alexa Shopping")
    result = runner.invoke(cli, ["render", "-", "-f", "md"], input=changed)
    assert result.exit_code == 0, result.output
    assert "Alexa Shopping" in Path("output/li-lei-brief.md").read_text(encoding="utf-8")


def test_stdin_never_replaces_another_candidates_brief(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["render", "-", "-f", "md"], input=reference_named("Li Lei")).exit_code == 0
    notes = Path("output/li-lei-brief.md")
    before = notes.read_bytes()
    result = runner.invoke(cli, ["render", "-", "-f", "md"], input=reference_named("LI-LEI"))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: output/li-lei-brief.md is the brief of Li Lei, not of LI-LEI; give another file "
        "with -o, or replace it with --force")
    assert notes.read_bytes() == before
    # The ways out: another name, or --force.
    result = runner.invoke(cli, ["render", "-", "-f", "md", "-o", "output/li-lei-2.md"],
                           input=reference_named("LI-LEI"))
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["render", "-", "-f", "md", "--force"], input=reference_named("LI-LEI"))
    assert result.exit_code == 0, result.output
    assert b"LI-LEI" in notes.read_bytes()
    record = json.loads(Path("output/.briefgen-written.json").read_text(encoding="utf-8"))
    assert record["files"]["li-lei-brief.md"]["candidate"] == "LI-LEI"


def test_stdin_keeps_notes_edited_by_hand(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    brief = reference_named("Li Lei")
    assert runner.invoke(cli, ["render", "-", "-f", "md"], input=brief).exit_code == 0
    notes = Path("output/li-lei-brief.md")
    notes.write_text(notes.read_text(encoding="utf-8") + "\nMy own rehearsal notes.\n", encoding="utf-8")
    edited = notes.read_bytes()
    result = runner.invoke(cli, ["render", "-", "-f", "md"], input=brief)
    assert result.exit_code == 1
    assert "output/li-lei-brief.md was changed since briefgen wrote it for Li Lei" in result.output
    assert notes.read_bytes() == edited


def test_stdin_never_replaces_a_file_it_did_not_write(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # The same name from a file render (output/<file>-brief.md), and a file of the user's own.
    assert runner.invoke(cli, ["render", str(REFERENCE), "-f", "md", "-o",
                               "output/priya-raman-brief.md"]).exit_code == 0
    Path("output/mine-brief.md").write_text("mine\n", encoding="utf-8")
    for name, file in (("Priya Raman", "priya-raman-brief.md"), ("Mine", "mine-brief.md")):
        before = Path("output", file).read_bytes()
        result = runner.invoke(cli, ["render", "-", "-f", "md"], input=reference_named(name))
        assert result.exit_code == 1
        assert (f"output/{file} already exists, and briefgen has no record of writing it for "
                f"{name} from standard input") in result.output
        assert Path("output", file).read_bytes() == before


def test_an_explicit_output_file_is_replaced_as_asked(runner, tmp_path):
    out = tmp_path / "notes.md"
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", "-", "-f", "md", "-o", str(out)],
                           input=reference_named("Li Lei"))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Li Lei")


def test_help_and_readme_document_the_options(runner):
    from ..conftest import ROOT

    help_text = runner.invoke(cli, ["render", "--help"]).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for option in ("--page", "--accent", "--force"):
        assert option in help_text and option in readme, option
    assert "output/.briefgen-written.json" in readme
