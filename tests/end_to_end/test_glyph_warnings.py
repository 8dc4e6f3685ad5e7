"""A character no embedded font draws is never a silent empty box: render, batch, watch and
`templates check` name the field (or the template line) it came from and how to add a font; a
coach's "Brief Extra" face then draws it, read back from the embedded font program."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefgen.cli import cli
from briefgen.pdf.coverage import EXTRA_FAMILY, glyph_warnings
from briefgen.pdf.spec import Undrawn
from briefgen.themes import templates_root

from ..pdf_glyphs import drawn_glyphs
from .test_coach_assets import font_programs

OL_CHIKI = "ᱚᱞ"  # Santali's script: no font briefgen ships draws it
BRIEF = """candidate:
  name: "Sona {name} Murmu"
  headline: Senior ML engineer, हिन्दी and emoji 🚀 welcome
projects:
  - title: Fraud scoring at checkout
    metric: {{name: fraud loss rate, baseline: 0.9%, result: 0.6%, better: lower}}
"""


def brief(tmp_path: Path, name: str = OL_CHIKI) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF.format(name=name), encoding="utf-8")
    return path


def ol_chiki_font(path: Path) -> None:
    """A real font program that draws the two Ol Chiki letters (with the outlines of O and L),
    named so that the PDF can only hold it if briefgen used the coach's file."""
    font = TTFont(templates_root() / "fonts" / "SourceSans3-Regular.otf")
    cmap = font.getBestCmap()
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x1C5A] = cmap[ord("O")]
            table.cmap[0x1C5E] = cmap[ord("L")]
    for record in list(font["name"].names):
        if record.nameID in (1, 4, 16):
            font["name"].setName("Coach Ol Chiki", record.nameID, record.platformID,
                                 record.platEncID, record.langID)
        elif record.nameID == 6:
            font["name"].setName("CoachOlChiki", 6, record.platformID, record.platEncID,
                                 record.langID)
    font["CFF "].cff.fontNames = ["CoachOlChiki"]
    path.parent.mkdir(parents=True, exist_ok=True)
    font.save(path)


def test_a_character_no_font_draws_is_named_with_its_field_and_line(runner, tmp_path):
    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["render", str(brief(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()  # a warning, not an error: the page is still the candidate's
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert len(warnings) == 1, result.stderr  # one line per field, both letters in it
    assert f"{tmp_path / 'brief.yaml'}:2: candidate.name: no font draws 'ᱚ' (Ol Chiki, U+1C5A" in warnings[0]
    assert "'ᱞ' (Ol Chiki, U+1C5E" in warnings[0] and "empty box" in warnings[0]
    assert f'font-family: "{EXTRA_FAMILY}"' in warnings[0]
    # The Devanagari and the emoji of the headline are drawn, so they are not named.
    assert "headline" not in result.stderr
    # ... and the PDF does show the boxes the warning is about: glyph 0 of some font.
    assert any(g.notdef for g in drawn_glyphs(out.read_bytes()))


def test_devanagari_and_emoji_draw_real_glyphs_without_a_warning(runner, tmp_path):
    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["render", str(brief(tmp_path, name="Sunita")), "-o", str(out)])
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr
    glyphs = drawn_glyphs(out.read_bytes())
    assert not any(g.notdef for g in glyphs)
    fonts = {g.font for g in glyphs if g.outline}
    assert any("Devanagari" in f for f in fonts) and any("Emoji" in f for f in fonts), fonts


def test_a_coach_font_named_brief_extra_draws_the_script(runner, tmp_path):
    coach = tmp_path / "coach"
    ol_chiki_font(coach / "fonts" / "OlChiki.otf")
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}{% block style %}{{ super() }}\n'
        f'@font-face {{ font-family: "{EXTRA_FAMILY}"; src: url("fonts/OlChiki.otf"); }}\n'
        "{% endblock %}", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["render", str(brief(tmp_path)), "--templates", str(coach),
                                 "-o", str(out)])
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr
    glyphs = drawn_glyphs(out.read_bytes())
    drawn = [g for g in glyphs if g.text in OL_CHIKI and g.text]
    assert {g.text for g in drawn} == set(OL_CHIKI)
    # WeasyPrint names the embedded font after the CSS family; the program inside is the coach's.
    assert all(g.font.startswith("Brief-Extra") and g.outline and not g.notdef for g in drawn), drawn
    assert "CoachOlChiki" in font_programs(out.read_bytes())


def test_the_warning_crosses_the_bounded_child_of_a_coach_render(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text('{% extends "classic/brief.html" %}', encoding="utf-8")
    result = runner.invoke(cli, ["render", str(brief(tmp_path)), "--templates", str(coach),
                                 "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0
    assert "candidate.name: no font draws 'ᱚ'" in result.stderr


def test_the_templates_own_text_is_located_in_render_and_templates_check(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}\n{% block header %}{{ super() }}\n'
        '<p class="motto">ᱚ coached with care</p>{% endblock %}', encoding="utf-8")
    result = runner.invoke(cli, ["render", str(brief(tmp_path, name="Sunita")), "--templates",
                                 str(coach), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0
    assert f"{coach / 'brief.html'}:3: the template's own text" in result.stderr, result.stderr
    check = runner.invoke(cli, ["templates", "check", str(coach), "-f", "pdf"])
    assert check.exit_code == 0, check.output  # warnings alone do not fail the check
    assert f"{coach / 'brief.html'}:3: the template's own text" in check.output
    assert "no font draws 'ᱚ'" in check.output


def test_a_batch_shows_each_briefs_warnings(runner, tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    brief(folder)
    (folder / "brief.yaml").rename(folder / "sona.yaml")
    (folder / "plain.yaml").write_text(BRIEF.format(name="Sunita"), encoding="utf-8")
    result = runner.invoke(cli, ["render", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Warning: ") == 1
    assert "sona.yaml:2: candidate.name" in result.stderr


@pytest.mark.parametrize("text, field", [
    ("Sona ᱚᱞ Murmu", "candidate.name"),
    ("Piloted with ᱚ users", "projects[0].title"),
])
def test_of_two_fields_with_the_character_the_one_whose_text_is_on_the_line_is_named(text, field):
    from briefgen.input.source import Source

    source = Source(data={"candidate": {"name": "Sona ᱚᱞ Murmu"},
                          "projects": [{"title": "Piloted with ᱚ users"}]},
                    file="b.yaml", text="", positions={("candidate", "name"): (2, 9),
                                                        ("projects", 0, "title"): (5, 12)})
    warnings = glyph_warnings([Undrawn("ᱚ", "Ol Chiki", "no font", text)], source,
                              lambda char: "brief.html")
    assert len(warnings) == 1 and f": {field}: no font draws 'ᱚ'" in warnings[0]


def test_every_script_briefgen_ships_a_font_for_renders_without_a_warning(runner, tmp_path):
    """Hindi, Bengali, Tamil, Thai, Hebrew, Arabic, Cyrillic, Greek, Chinese, Korean, emoji."""
    fixture = Path(__file__).parent.parent / "fixtures" / "international.yaml"
    out = tmp_path / "international.pdf"
    result = runner.invoke(cli, ["render", str(fixture), "-o", str(out)])
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr
    assert not any(g.notdef for g in drawn_glyphs(out.read_bytes()))
