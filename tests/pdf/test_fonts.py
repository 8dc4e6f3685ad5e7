"""The vendored script and emoji fallbacks: named as modified versions, licensed, complete enough
to shape their scripts, declared once and listed in both themes' stacks in a sensible order."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from briefgen.pdf.coverage import EXTRA_FAMILY
from briefgen.themes import templates_root, theme_names

FONTS = templates_root() / "fonts"
# family -> (file stem, OpenType script tags its GSUB must keep, characters it must map)
FALLBACKS = {
    "Brief Hebrew": ("BriefHebrew", {"hebr"}, "עברית שָׁלוֹם ₪"),
    "Brief Devanagari": ("BriefDevanagari", {"deva", "dev2"}, "हिन्दी क्षत्रिय । ₹"),
    "Brief Bengali": ("BriefBengali", {"beng", "bng2"}, "বাংলা স্ক্র ৳"),
    "Brief Tamil": ("BriefTamil", {"taml", "tml2"}, "தமிழ் ௐ"),
    "Brief Thai": ("BriefThai", {"thai"}, "ไทย ภาษา ฿"),
    "Brief Emoji": ("BriefEmoji", set(), "🚀👍🏽🇮🇳✅☀"),
}


def font_faces() -> dict[str, list[tuple[str, str]]]:
    """family -> [(file, weight)] as ``base/fonts.css`` declares them."""
    css = (templates_root() / "base" / "fonts.css").read_text(encoding="utf-8")
    faces: dict[str, list[tuple[str, str]]] = {}
    for rule in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        family = re.search(r'font-family:\s*"([^"]+)"', rule).group(1)
        url = re.search(r'url\("\.\./fonts/([^"]+)"\)', rule).group(1)
        weight = re.search(r"font-weight:\s*(\d+)", rule).group(1)
        faces.setdefault(family, []).append((url, weight))
    return faces


def stack(theme: str) -> list[str]:
    css = (templates_root() / theme / "style.css").read_text(encoding="utf-8")
    body = re.search(r"body\s*\{[^}]*?font-family:([^;]+);", css).group(1)
    return [name.strip().strip('"') for name in body.split(",")]


@pytest.mark.parametrize("family", FALLBACKS)
def test_fallback_is_declared_renamed_and_licensed(family):
    stem, scripts, sample = FALLBACKS[family]
    faces = font_faces()[family]
    expected = [(f"{stem}-Regular.ttf", "400")]
    if family != "Brief Emoji":  # Noto Emoji's weights differ little; one face keeps 866 KiB
        expected.append((f"{stem}-Bold.ttf", "700"))
    assert faces == expected
    notices = (FONTS / "LICENSE-Noto.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in notices
    for file, _ in faces:
        font = TTFont(FONTS / file)
        name = font["name"]
        assert name.getDebugName(1) == family
        assert name.getDebugName(16) in (None, family)
        assert "Noto" not in (name.getDebugName(4) or "") + (name.getDebugName(6) or "")
        assert "briefgen" in name.getDebugName(5)  # the version string says it is modified
        assert "Open Font License" in name.getDebugName(13)
        assert name.getDebugName(0) in notices  # its copyright notice ships with it
        assert f"{stem}-" in notices
        assert "fvar" not in font, "a static instance, not a variable font"
        cmap = font.getBestCmap()
        missing = [ch for ch in sample if ch != " " and ord(ch) not in cmap]
        assert not missing, (file, missing)
        assert ord(" ") in cmap  # Pango gives a space the font of the run it sits in
        if scripts:
            for table in ("GSUB", "GPOS"):
                tags = {record.ScriptTag for record in font[table].table.ScriptList.ScriptRecord}
                assert scripts <= tags, (file, table, tags)


def test_emoji_font_space_is_a_text_space():
    """Noto Emoji's 1.27 em space would open a gap after every symbol set in it."""
    font = TTFont(FONTS / "BriefEmoji-Regular.ttf")
    advance, _ = font["hmtx"][font.getBestCmap()[0x20]]
    assert advance / font["head"].unitsPerEm <= 0.25
    assert "GSUB" in font  # ZWJ sequences, flags and skin tones are ligatures


@pytest.mark.parametrize("theme", theme_names())
def test_both_themes_list_every_fallback_in_order(theme):
    names = stack(theme)
    assert names[0] == "Brief Sans"
    brief = [name for name in names if name.startswith("Brief ")]
    # "Brief Extra" is the coach's: declared by no packaged sheet, a script fallback of its own.
    assert set(brief) - {EXTRA_FAMILY} == set(font_faces()), "every declared family is used, and only those"
    assert EXTRA_FAMILY in brief and EXTRA_FAMILY not in font_faces()
    assert brief.index(EXTRA_FAMILY) == len(brief) - 2
    # Scripts before emoji, so a symbol a text font has is drawn as text; emoji last of ours.
    assert brief[-1] == "Brief Emoji"
    generic = names.index("sans-serif")
    assert all(names.index(name) < generic for name in brief)
    assert names.index("Brief Emoji") < names.index("Noto Sans Devanagari")  # HTML readers' names after ours


def test_subset_script_lists_every_vendored_fallback():
    """subset.py can rebuild what fonts.css declares (the Brief families and the older Noto cuts)."""
    script = (FONTS / "subset.py").read_text(encoding="utf-8")
    for family, (stem, _, _) in FALLBACKS.items():
        script_name = family.removeprefix("Brief ")
        assert f'"{script_name}"' in script or stem in script, family
