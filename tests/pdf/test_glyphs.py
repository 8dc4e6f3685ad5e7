"""Every script a brief is likely to hold comes out as real glyphs of a vendored font, and
``briefgen.pdf.glyphs`` reports, with its element and field, what no font draws.

"Real" is checked in the written PDF, not in its text layer (which holds a character whether or
not anything drew it): each glyph a content stream shows is followed into the font program
embedded in the file and must be neither .notdef nor empty (``tests/pdf_glyphs.py``).

Most renders here use a font configuration without any system font (FONTCONFIG_FILE pointing
at an empty configuration), so the vendored fonts alone must do it, whatever the machine has
installed; the real-brief tests use the system configuration, as ``briefgen render`` does.
"""

from __future__ import annotations

import html
import os
import re

import pytest
import yaml

from briefgen.pdf.fetcher import safe_url_fetcher
from briefgen.pdf.glyphs import MissingGlyph, classify, describe, missing_glyphs
from briefgen.pipeline import prepare, render_bytes
from briefgen.themes import templates_root, theme_names

from ..conftest import FIXTURES_DIR, html_of, pdf_pages, pdf_text
from ..pdf_glyphs import DrawnGlyph, drawn_glyphs
from ..textcheck import contains

FIXTURES = FIXTURES_DIR
INTERNATIONAL = FIXTURES / "international.yaml"

# (id, text, the vendored family that must draw it, whether that family has a bold face)
SCRIPTS = [
    ("devanagari", "हिन्दी", "Brief-Devanagari", True),
    ("bengali", "বাংলা", "Brief-Bengali", True),
    ("tamil", "தமிழ்", "Brief-Tamil", True),
    ("thai", "ไทย", "Brief-Thai", True),
    ("hebrew", "עברית", "Brief-Hebrew", True),
    ("greek", "Ελληνικά", "Brief-Sans", True),
    ("cyrillic", "Русский", "Brief-Sans", True),
    ("han", "李雷", "Brief-CJK", False),
    ("hangul", "김민준", "Brief-Hangul", False),
    ("arabic", "العربية", "Brief-Arabic", True),
    # Emoji-presentation characters, a skin tone, a flag; and a text-presentation symbol (☀) that
    # the stack gives Brief Emoji. (❤️ is not here: Source Sans 3 has the text-default heart, and
    # which of the two draws ❤️ depends on the machine's fontconfig rules; both are real glyphs.)
    ("emoji", "🚀👍🏽🇮🇳✅🎉☀", "Brief-Emoji", False),
]
UNCOVERED = {"ᱚ": "Ol Chiki", "𐀀": "Linear B", "\ue000": "private use"}
# The families base/fonts.css declares: what briefgen ships.
VENDORED = set(re.findall(r'font-family:\s*"([^"]+)"',
                          (templates_root() / "base" / "fonts.css").read_text(encoding="utf-8")))

_EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="module")
def own_fonts_only(tmp_path_factory: pytest.TempPathFactory):
    """A WeasyPrint font configuration that knows no system font, only the @font-face files."""
    from weasyprint.text.fonts import FontConfiguration

    # fontconfig sets up some process-wide state with the first configuration made: let that be
    # the system's, as in any other render, whichever test runs first.
    FontConfiguration()
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(_EMPTY_FONTCONFIG.format(cache=folder / "cache"), encoding="utf-8")
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    try:
        config = FontConfiguration()  # fontconfig reads FONTCONFIG_FILE when the config is made
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before
    return config


def theme_page(body: str, theme: str, extra_css: str = "") -> str:
    """``body`` in a page styled like ``theme``: the vendored faces and the theme's own sheet."""
    root = templates_root()
    css = (root / "base" / "fonts.css").read_text(encoding="utf-8")
    css += (root / theme / "style.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}{extra_css}'
            f"</style></head><body>{body}</body></html>")


def lay_out(page: str, theme: str, font_config) -> object:
    import weasyprint

    return weasyprint.HTML(string=page, base_url=str(templates_root() / theme) + "/").render(
        font_config=font_config)


def ink_problems(glyphs: list[DrawnGlyph]) -> list[DrawnGlyph]:
    """Glyphs that paint a box or nothing where a character should show."""
    return [g for g in glyphs if g.notdef or (not g.outline and not g.text.isspace())]


@pytest.mark.parametrize("theme", theme_names())
@pytest.mark.parametrize(("script", "text", "family", "has_bold"), SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_script_is_drawn_with_real_glyphs_of_a_vendored_font(script, text, family, has_bold, theme,
                                                             own_fonts_only):
    # A bold heading (the name) and regular body text (the summary), as in a brief.
    body = f'<h1 class="name">{html.escape(text)}</h1><p class="summary">{html.escape(text)} ok</p>'
    document = lay_out(theme_page(body, theme), theme, own_fonts_only)
    assert missing_glyphs(document, vendored=VENDORED) == []
    glyphs = drawn_glyphs(document.write_pdf())

    assert glyphs, "nothing drawn"
    assert ink_problems(glyphs) == []
    assert all(g.font.startswith("Brief-") for g in glyphs), {g.font for g in glyphs}
    ours = [g for g in glyphs if g.font.startswith(family)]
    # The family's glyphs carry every character of the sample in their ToUnicode text, so the
    # glyphs checked above are the sample's and not a neighbour's.
    wanted = set(text)
    assert wanted <= set("".join(g.text for g in ours)), (wanted, [g.text for g in ours])
    if has_bold:
        assert any("Bold" in g.font for g in ours), {g.font for g in ours}


@pytest.mark.parametrize("theme", theme_names())
def test_uncovered_characters_are_reported_with_their_element_and_field(theme, own_fonts_only):
    body = ('<header data-field="candidate"><h1 class="name" id="who">Priya ᱚ</h1></header>'
            '<section data-field="projects[0].title"><h2 class="title big">Linear B 𐀀</h2></section>'
            '<p class="summary">Private <span class="icon">\ue000</span> use</p>')
    document = lay_out(theme_page(body, theme), theme, own_fonts_only)
    found = {m.char: m for m in missing_glyphs(document)}

    assert set(found) == set(UNCOVERED)
    for char, kind in UNCOVERED.items():
        assert found[char].kind == kind
        assert found[char].reason == "no font"
        assert found[char].page == 1
    assert (found["ᱚ"].tag, found["ᱚ"].element_id, found["ᱚ"].classes, found["ᱚ"].field) == (
        "h1", "who", ("name",), "candidate")
    assert (found["𐀀"].tag, found["𐀀"].element_id, found["𐀀"].classes, found["𐀀"].field) == (
        "h2", None, ("title", "big"), "projects[0].title")
    assert (found["\ue000"].tag, found["\ue000"].classes, found["\ue000"].field) == ("span", ("icon",), None)
    assert "Priya" in found["ᱚ"].text
    lines = describe(found.values())
    assert any(line.startswith("U+1C5A 'ᱚ' (Ol Chiki) in <h1#who.name> (field candidate) on page 1")
               for line in lines), lines

    # What the check reports is what the PDF shows: boxes, though the text layer has the characters.
    data = document.write_pdf()
    boxes = {g.text for g in ink_problems(drawn_glyphs(data))}
    assert set(UNCOVERED) <= boxes
    assert "ᱚ" in pdf_text(data)


def test_a_font_that_maps_a_character_to_nothing_or_to_notdef_is_reported(tmp_path, own_fonts_only):
    """A font can claim a character yet draw an empty glyph, or substitute .notdef for it."""
    from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
    from fontTools.ttLib import TTFont

    font = TTFont(templates_root() / "fonts" / "BriefThai-Regular.ttf")
    cmap = font.getBestCmap()
    for table in font["cmap"].tables:
        if 0x0E01 in table.cmap:
            table.cmap[0x0E01] = cmap[0x20]  # ก drawn with the (empty) space glyph
    addOpenTypeFeaturesFromString(font, f"feature ccmp {{ sub {cmap[0x0E02]} by .notdef; }} ccmp;")
    path = tmp_path / "broken.ttf"
    font.save(str(path))
    css = (f'@font-face {{ font-family: "Broken"; src: url("{path.as_uri()}"); }}'
           '.broken { font-family: "Broken"; }')
    body = '<p class="broken" id="b">ก ข ค</p>'
    document = lay_out(theme_page(body, "classic", css), "classic", own_fonts_only)
    found = {(m.char, m.reason, m.font) for m in missing_glyphs(document)}
    assert found == {("ก", "blank", "Broken"), ("ข", "notdef", "Broken")}


@pytest.mark.parametrize("theme", theme_names())
def test_international_brief_renders_every_script_with_vendored_glyphs(theme):
    """The whole pipeline, with the machine's own font configuration, as ``briefgen render``.

    Emoji are only required to be real glyphs here: Pango sets emoji-presentation characters in
    whatever fontconfig calls "emoji", which is a colour font where the machine has one (the
    test above proves Brief Emoji draws them when there is none)."""
    import weasyprint

    prepared = prepare(INTERNATIONAL, theme=theme)
    data = render_bytes(prepared, "pdf")
    assert len(pdf_pages(data)) == 1
    glyphs = drawn_glyphs(data)
    emoji = [g for g in glyphs if g.text and classify(g.text[0]) == "emoji"]
    text_glyphs = [g for g in glyphs if g not in emoji]
    assert len(emoji) >= 3
    assert not any(g.notdef for g in emoji)
    assert ink_problems(text_glyphs) == []
    fonts = {g.font for g in text_glyphs}
    assert all(name.startswith("Brief-") for name in fonts), fonts
    for family in ("Brief-Devanagari", "Brief-Bengali", "Brief-Tamil", "Brief-Thai", "Brief-Hebrew",
                   "Brief-Sans"):
        assert any(name.startswith(family) for name in fonts), (family, fonts)
    text = pdf_text(data)
    # (pdfium reads a line mixing Hebrew and Latin in its own order: single words only)
    for words in ("Priya Sharma", "Thai", "Hebrew", "தமிழ்", "Customer Obsession"):
        assert contains(text, words), words

    html_text = html_of(prepared)
    document = weasyprint.HTML(string=html_text, base_url=str(templates_root() / theme) + "/",
                               url_fetcher=safe_url_fetcher([templates_root()], [])).render()
    assert missing_glyphs(document) == []


def test_a_name_no_font_covers_is_reported_in_the_real_brief(tmp_path):
    import weasyprint

    data = yaml.safe_load(INTERNATIONAL.read_text(encoding="utf-8"))
    data["candidate"]["name"] = "ᱥᱟᱱᱛᱟᱲᱤ Soren"  # Santali in Ol Chiki
    path = tmp_path / "ol-chiki.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    prepared = prepare(path)
    html_text = html_of(prepared)
    document = weasyprint.HTML(string=html_text,
                               base_url=str(templates_root() / prepared.view.theme) + "/").render()
    missing = missing_glyphs(document)
    in_name = [m for m in missing if m.tag == "h1"]
    assert in_name and all(m.kind == "Ol Chiki" and "name" in m.classes for m in in_name), missing
    assert {m.char for m in in_name} == set("ᱥᱟᱱᱛᱟᱲᱤ")


def test_characters_drawn_by_a_font_briefgen_does_not_ship_can_be_reported(own_fonts_only):
    thai = (templates_root() / "fonts" / "BriefThai-Regular.ttf").as_uri()
    css = (f'@font-face {{ font-family: "Some Thai"; src: url("{thai}"); }}'
           '.other { font-family: "Some Thai"; }')
    document = lay_out(theme_page('<p class="other">ไทย</p><p class="summary">ไทย</p>', "classic", css),
                       "classic", own_fonts_only)
    assert missing_glyphs(document) == []
    found = missing_glyphs(document, vendored=VENDORED)
    assert {(m.char, m.reason, m.font, m.classes) for m in found} == {
        (ch, "not vendored", "Some Thai", ("other",)) for ch in "ไทย"}


def test_repeated_characters_are_counted_once_per_element(own_fonts_only):
    document = lay_out(theme_page('<p class="summary">ᱚ ᱚ ᱚ</p><p class="headline">ᱚ</p>', "classic"),
                       "classic", own_fonts_only)
    missing = missing_glyphs(document)
    assert [(m.tag, m.classes, m.count) for m in missing] == [("p", ("summary",), 3), ("p", ("headline",), 1)]
    assert describe(missing)[0].endswith(", 3 times")


def test_invisible_text_is_not_reported(own_fonts_only):
    body = '<p style="visibility: hidden">ᱚ</p><p class="summary">ok</p>'
    document = lay_out(theme_page(body, "classic"), "classic", own_fonts_only)
    assert missing_glyphs(document) == []


@pytest.mark.parametrize(("char", "kind"), [
    ("😀", "emoji"), ("🇮", "emoji"), ("🏽", "emoji"), ("❤", "emoji"), ("\ufe0f", "emoji"),
    ("ह", "Devanagari"), ("ক", "Bengali"), ("த", "Tamil"), ("ก", "Thai"), ("ע", "Hebrew"),
    ("Ж", "Cyrillic"), ("λ", "Greek"), ("李", "Han"), ("김", "Hangul"), ("ع", "Arabic"),
    ("ᱚ", "Ol Chiki"), ("𐀀", "Linear B"), ("a", "Latin"), ("1", "Common"), ("→", "Common"),
    ("\u0301", "Inherited"), ("\ue000", "private use"), ("\U000F0000", "private use"),
    ("\u0378", "unassigned"),
])
def test_classify(char, kind):
    assert classify(char) == kind


def test_missing_glyph_record_says_where_it_is():
    record = MissingGlyph(char="ᱚ", kind="Ol Chiki", block="Ol Chiki", reason="no font", tag="h1",
                          element_id="who", classes=("name", "big"), field="candidate.name",
                          font=None, page=1, text="ᱚ Priya")
    assert record.codepoint == "U+1C5A"
    assert record.where == "<h1#who.name.big> (field candidate.name) on page 1"
