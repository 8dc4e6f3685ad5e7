"""`briefgen templates check`: your own briefs, the dense briefs near the one-page limit, and a
warning for a folder whose markup and style come from different themes (CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.cli import cli

from ..conftest import REFERENCE, SAMPLES, pdf_pages

LOGO_CSS = (".coach-logo { margin: 0 0 0.4rem; font-size: 1.6rem; line-height: 1.1; "
            "font-weight: bold; color: var(--accent); }")


def coach(tmp_path: Path, html: str, name: str = "coach") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "brief.html").write_text(html, encoding="utf-8")
    return folder


def with_logo(tmp_path: Path, theme: str) -> Path:
    """A coach's brand: a logo line above the masthead, on a packaged theme."""
    return coach(tmp_path, f'{{% extends "{theme}/brief.html" %}}\n'
                           f"{{% block style %}}{{{{ super() }}}}\n{LOGO_CSS}\n{{% endblock %}}\n"
                           '{% block header %}<p class="coach-logo">ACME INTERVIEW COACHING</p>'
                           "{{ super() }}{% endblock %}\n")


def check(runner, folder: Path, *args: str):
    result = runner.invoke(cli, ["templates", "check", str(folder), *args])
    assert "Traceback" not in result.output
    return result


# --- --brief FILE...: a coach's own briefs -------------------------------------------------------


def test_check_with_own_briefs_renders_only_those(runner, tmp_path):
    folder = with_logo(tmp_path, "classic")
    own = tmp_path / "client.yaml"
    own.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    result = check(runner, folder, "--brief", str(own), "--brief", str(SAMPLES / "one-project.yaml"),
                   "-f", "pdf")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"OK {folder}: 2 briefs x pdf (2 renders) rendered cleanly"


def test_check_with_own_brief_reports_when_it_no_longer_fits(runner, tmp_path):
    """A client's brief that fits the packaged theme but not the coach's: named, exit 1."""
    folder = with_logo(tmp_path, "classic")
    client = tmp_path / "client.yaml"
    client.write_text((SAMPLES / "checks" / "dense-three-projects.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert runner.invoke(cli, ["render", str(client), "-o", str(tmp_path / "plain.pdf")]).exit_code == 0
    result = check(runner, folder, "--brief", str(client), "-f", "pdf")
    assert result.exit_code == 1
    assert "the PDF does not fit on one page" in result.output
    assert "(in client.yaml pdf)" in result.output
    assert "1 problem in 1 brief x pdf (1 renders)" in result.output


def test_check_with_a_brief_that_is_not_there_is_a_usage_error(runner, tmp_path):
    folder = with_logo(tmp_path, "classic")
    result = check(runner, folder, "--brief", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml" in result.output and "does not exist" in result.output


# --- the dense briefs: a logo pushes real briefs off the page here first -----------------------


@pytest.mark.parametrize(("theme", "dense"), [("classic", "dense-three-projects.yaml"),
                                              ("compact", "dense-four-projects.yaml")])
def test_an_untouched_theme_passes_with_its_dense_brief(runner, tmp_path, theme, dense):
    folder = coach(tmp_path, f'{{% extends "{theme}/brief.html" %}}\n')
    result = check(runner, folder, "-f", "pdf", "--theme", theme)
    assert result.exit_code == 0, result.output
    assert f"OK {folder}: 4 briefs x pdf (4 renders) rendered cleanly" in result.output


def test_a_logo_pushes_the_dense_brief_off_the_page_before_the_samples(runner, tmp_path):
    folder = with_logo(tmp_path, "classic")
    result = check(runner, folder, "-f", "pdf")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("the PDF does not fit on one page: ")
    assert lines[0].endswith("(in dense-three-projects.yaml pdf)")
    assert lines[-1] == f"{folder}: 1 problem in 4 briefs x pdf (4 renders)"
    # Every client-like sample still fits: only the dense brief shows the cost of the logo.
    for sample in sorted(SAMPLES.glob("*.yaml")):
        out = tmp_path / f"{sample.stem}.pdf"
        rendered = runner.invoke(cli, ["render", str(sample), "-t", str(folder), "-o", str(out)])
        assert rendered.exit_code == 0, rendered.output
        assert len(pdf_pages(out.read_bytes())) == 1


def test_an_extra_line_per_project_pushes_the_four_project_brief_off_in_compact(runner, tmp_path):
    folder = coach(tmp_path, '{% extends "compact/brief.html" %}\n{% block story %}{{ super() }}'
                             '<p>Be ready for: why {{ project.metric_name }}, and what next?</p>'
                             "{% endblock %}\n")
    result = check(runner, folder, "-f", "pdf", "--theme", "compact")
    assert result.exit_code == 1
    assert "(in dense-four-projects.yaml pdf)" in result.output
    assert "1 problem in 4 briefs" in result.output


# --- markup from one theme, style from another ---------------------------------------------------


def test_classic_markup_in_compact_style_is_a_warning(runner, tmp_path):
    folder = coach(tmp_path, '{% extends "classic/brief.html" %}\n')
    result = check(runner, folder, "--theme", "compact", "-f", "md")
    assert result.exit_code == 0, result.output  # a warning: the check itself passes
    assert ("warning: under theme compact, the page is classic's markup (brief.html extends "
            "classic/brief.html) in compact's CSS (the compact theme's style.css)") in result.output
    assert result.output.splitlines()[-1] == (
        f"OK {folder}: 4 briefs x md (4 renders) rendered cleanly (1 warning)")


def test_an_exported_folder_under_another_theme_is_a_warning(runner, tmp_path):
    folder = tmp_path / "coach"
    assert runner.invoke(cli, ["templates", "export", str(folder)]).exit_code == 0
    css = folder / "style.css"
    css.write_text(css.read_text(encoding="utf-8").replace("--tint: #f3f5f8", "--tint: #fdf6e3"),
                   encoding="utf-8")  # edited, still recognisably classic's
    result = check(runner, folder, "--theme", "compact", "-f", "md")
    assert result.exit_code == 0, result.output
    assert ("warning: under theme compact, the page still looks like classic (style.css is "
            "classic's, edited)") in result.output
    assert "briefgen templates export DIR --theme compact" in result.output


@pytest.mark.parametrize("theme", ["classic", "compact"])
def test_a_folder_that_matches_its_theme_gets_no_warning(runner, tmp_path, theme):
    folder = tmp_path / "coach"
    assert runner.invoke(cli, ["templates", "export", str(folder), "--theme", theme]).exit_code == 0
    result = check(runner, folder, "--theme", theme, "-f", "md")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


# --- an exported folder works under --theme and design.theme -------------------------------------


@pytest.mark.parametrize("exported", ["classic", "compact"])
@pytest.mark.parametrize("selected", ["classic", "compact"])
def test_an_exported_folder_renders_under_theme_and_design_theme(runner, tmp_path, exported, selected):
    folder = tmp_path / "coach"
    assert runner.invoke(cli, ["templates", "export", str(folder), "--theme", exported]).exit_code == 0
    out = tmp_path / "a.pdf"
    by_option = runner.invoke(cli, ["render", str(REFERENCE), "-t", str(folder), "--theme", selected,
                                    "-o", str(out)])
    assert by_option.exit_code == 0, by_option.output
    assert len(pdf_pages(out.read_bytes())) == 1
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["design"] = {"theme": selected, "templates": "coach"}
    brief = tmp_path / "brief.yaml"
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    by_yaml = runner.invoke(cli, ["render", str(brief), "-f", "html", "-o", str(tmp_path / "b.html")])
    assert by_yaml.exit_code == 0, by_yaml.output
    assert f'class="page-letter theme-{selected}"' in (tmp_path / "b.html").read_text(encoding="utf-8")
