"""Which theme a coach folder is built on, and the warning for markup and style of two themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.templating.check import dense_briefs, dense_briefs_for
from briefgen.templating.export import export_theme
from briefgen.templating.provenance import built_on, markup_origin, mixed_theme_warning, style_origin
from briefgen.themes import samples_root


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "coach"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_that_extends_a_theme_is_built_on_it(tmp_path):
    folder = folder_with(tmp_path, {"brief.html": '{% extends "compact/brief.html" %}\n'})
    assert built_on(folder) == "compact"
    origin = markup_origin(folder, "classic")
    assert (origin.theme, origin.how) == ("compact", "brief.html extends compact/brief.html")
    assert style_origin(folder, "classic").theme == "classic"  # no style.css: the theme's
    assert "compact's markup" in mixed_theme_warning(folder, "classic")
    assert mixed_theme_warning(folder, "compact") is None


@pytest.mark.parametrize("theme", ["classic", "compact"])
def test_an_export_is_built_on_its_theme_even_after_edits(tmp_path, theme):
    folder = tmp_path / "coach"
    export_theme(folder, theme)
    assert built_on(folder) == theme
    assert markup_origin(folder, "classic").how == f"brief.html is {theme}'s, exported"
    css = folder / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.coach { color: navy; }\n", encoding="utf-8")
    assert style_origin(folder, "classic").how == f"style.css is {theme}'s, edited"
    (folder / "brief.html").write_text('{% extends "base/brief.html" %}\n{% block footer %}x'
                                       "{% endblock %}\n", encoding="utf-8")
    assert markup_origin(folder, "classic") is None  # its own markup now; the style still tells
    assert built_on(folder) == theme
    other = "compact" if theme == "classic" else "classic"
    assert f"still looks like {theme}" in mixed_theme_warning(folder, other)
    assert mixed_theme_warning(folder, theme) is None


@pytest.mark.parametrize("files", [
    {"brief.md": "# {{ candidate.name }}\n"},  # only the notes: the page is the theme's
    {"brief.html": '{% extends "base/brief.html" %}\n', "style.css": "html { font-size: 10pt; }\n"},
    {"brief.html": '{% extends theme ~ "/brief.html" %}\n'},  # builds on whichever is selected
])
def test_a_folder_that_works_under_any_theme_gets_no_warning(tmp_path, files):
    folder = folder_with(tmp_path, files)
    assert built_on(folder) is None
    for theme in ("classic", "compact"):
        assert mixed_theme_warning(folder, theme) is None


def test_the_dense_briefs_are_packaged_one_per_theme():
    found = dense_briefs()
    assert sorted(found) == ["classic", "compact"]
    assert found["classic"] == samples_root() / "checks" / "dense-three-projects.yaml"
    assert found["compact"] == samples_root() / "checks" / "dense-four-projects.yaml"


def test_the_dense_brief_follows_the_theme_a_folder_is_checked_in(tmp_path):
    classic = folder_with(tmp_path, {"brief.html": '{% extends "classic/brief.html" %}\n'})
    found = dense_briefs()
    assert dense_briefs_for(classic, None) == [(found["classic"], "classic")]
    assert dense_briefs_for(classic, "compact") == [(found["compact"], "compact")]
    anywhere = tmp_path / "notes"
    anywhere.mkdir()
    (anywhere / "brief.md").write_text("x\n", encoding="utf-8")
    assert sorted(dense_briefs_for(anywhere, None)) == sorted(
        [(found["classic"], "classic"), (found["compact"], "compact")])
