"""Which characters of a laid-out brief no font draws: the boxes (.notdef) a PDF would show.

WeasyPrint silently draws a missing character as an empty box (it only logs a warning), and the
PDF's text layer still holds the character, so reading the text back cannot tell. This module
looks where the glyphs are chosen: every text box of a laid-out ``weasyprint.Document`` holds a
Pango layout, and for each run Pango picked a font and HarfBuzz shaped it into glyphs. A glyph
is reported when

- Pango found no font for the character (``PANGO_GLYPH_UNKNOWN_FLAG``: WeasyPrint then draws
  the ``.notdef`` box; reason ``"no font"``),
- the font chose its own ``.notdef`` (glyph 0; reason ``"notdef"``), or
- the glyph has no ink although its cluster holds a visible character (a font that maps the
  character to an empty glyph; reason ``"blank"``), or
- with ``vendored`` given, a font of another family drew it (a system font: the PDF then looks
  different on another machine; reason ``"not vendored"``).

The layouts are rebuilt exactly as WeasyPrint's drawing code rebuilds them (``reactivate``,
single-paragraph mode, first line), so what is checked is what ``write_pdf`` will draw.

Self-contained (the standard library, plus fontTools and WeasyPrint, imported inside functions
only): ``missing_glyphs(document)`` returns :class:`MissingGlyph` records in page order, one per
character, element and reason; :func:`describe` turns them into one readable line each.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Characters that count as emoji for :func:`classify`: Unicode 15.0 Extended_Pictographic plus
# the skin-tone modifiers, regional indicators (flags), the combining keycap, VS16 and the tag
# characters, without ASCII (generated from emoji-data.txt of Debian's unicode-data 15.0.0).
_EMOJI_RANGES: tuple[tuple[int, int], ...] = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x20E3, 0x20E3),
    (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B),
    (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF), (0x23E9, 0x23F3), (0x23F8, 0x23FA),
    (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE),
    (0x2600, 0x2605), (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712),
    (0x2714, 0x2714), (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728),
    (0x2733, 0x2734), (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297),
    (0x3299, 0x3299), (0xFE0F, 0xFE0F), (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F), (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171), (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AD, 0x1F1FF),
    (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A), (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F53D), (0x1F546, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F774, 0x1F77F), (0x1F7D5, 0x1F7FF),
    (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F), (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF), (0x1FC00, 0x1FFFD), (0xE0020, 0xE007F),
)

# Characters whose glyph has no ink by design: spaces, controls, format characters (joiners,
# direction marks), marks that may be absorbed into their base.
_INKLESS_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"}


@dataclass(frozen=True)
class MissingGlyph:
    """A character that comes out as a box (or nothing) in the PDF, and where it sits."""

    char: str
    kind: str  # "emoji", a Unicode script name ("Ol Chiki"), "private use" or "unassigned"
    block: str  # its Unicode block, for the message ("Linear B Syllabary")
    reason: str  # "no font", "notdef", "blank" or "not vendored" (see the module docstring)
    tag: str  # the element the text sits in ("h1", "p::before" for generated content)
    element_id: str | None
    classes: tuple[str, ...]
    field: str | None  # data-field of the element or of its nearest ancestor that has one
    font: str | None  # the family Pango used for the run ("Brief Sans"), None without a font
    page: int  # 1-based
    text: str  # the line of text it sits in
    count: int = 1  # how often it occurs in that element for that reason

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def where(self) -> str:
        ident = f"#{self.element_id}" if self.element_id else ""
        classes = "".join(f".{name}" for name in self.classes)
        field = f" (field {self.field})" if self.field else ""
        return f"<{self.tag}{ident}{classes}>{field} on page {self.page}"


def classify(char: str) -> str:
    """``"emoji"``, the character's Unicode script name (``"Devanagari"``, ``"Common"`` for
    punctuation and symbols), ``"private use"`` or ``"unassigned"``."""
    from fontTools import unicodedata as ucd

    cp = ord(char)
    if _is_emoji(cp):
        return "emoji"
    script = ucd.script(char)
    if script != "Zzzz":
        return str(ucd.script_name(script))
    category = unicodedata.category(char)
    if category == "Co":
        return "private use"
    if category == "Cs":
        return "surrogate"
    return "unassigned"


def missing_glyphs(document: Any, vendored: Collection[str] | None = None) -> list[MissingGlyph]:
    """Every character of ``document`` (a laid-out ``weasyprint.Document``) that no font draws,
    in page order, merged per character, element and reason. With ``vendored`` (font family
    names as the CSS declares them, ``{"Brief Sans", ...}``), characters drawn by any other
    family are reported too."""
    found: dict[tuple[str, int, str], MissingGlyph] = {}
    parents: dict[Any, Any] = {}
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        if not parents:
            parents = _parent_map(page_box)
        for box in _text_boxes(page_box):
            for char, reason, font, line in _bad_glyphs(box, vendored):
                key = (char, id(box.element), reason)
                if key in found:
                    old = found[key]
                    found[key] = _replace_count(old, old.count + 1)
                    continue
                found[key] = _record(char, reason, font, line, box, number, parents)
    return list(found.values())


def describe(missing: Iterable[MissingGlyph]) -> list[str]:
    """One line per record: ``U+1C5A 'ᱚ' (Ol Chiki) in <h1.name> on page 1: no font draws it``."""
    why = {"no font": "no font draws it", "notdef": "the font draws its missing-glyph box",
           "blank": "the font draws nothing for it",
           "not vendored": "drawn by a font briefgen does not ship"}
    lines = []
    for m in missing:
        times = f", {m.count} times" if m.count > 1 else ""
        lines.append(f"{m.codepoint} {m.char!r} ({m.kind}) in {m.where}: {why[m.reason]}{times}")
    return lines


def _is_emoji(cp: int) -> bool:
    lo, hi = 0, len(_EMOJI_RANGES)
    while lo < hi:
        mid = (lo + hi) // 2
        first, last = _EMOJI_RANGES[mid]
        if cp < first:
            hi = mid
        elif cp > last:
            lo = mid + 1
        else:
            return True
    return False


def _record(char: str, reason: str, font: str | None, line: str, box: Any, page: int,
            parents: dict[Any, Any]) -> MissingGlyph:
    from fontTools import unicodedata as ucd

    element = box.element
    tag = str(getattr(box, "element_tag", "") or _local_name(element))
    classes: tuple[str, ...] = ()
    element_id = None
    if element is not None:
        element_id = element.get("id") or None
        classes = tuple((element.get("class") or "").split())
    field = None
    node = element
    while node is not None:
        if node.get("data-field") is not None:
            field = node.get("data-field")
            break
        node = parents.get(node)
    return MissingGlyph(char=char, kind=classify(char), block=str(ucd.block(char)), reason=reason,
                        tag=tag, element_id=element_id, classes=classes, field=field, font=font,
                        page=page, text=line)


def _replace_count(record: MissingGlyph, count: int) -> MissingGlyph:
    from dataclasses import replace

    return replace(record, count=count)


def _local_name(element: Any) -> str:
    if element is None:
        return "?"
    tag = str(element.tag)
    return tag.rsplit("}", 1)[-1]


def _parent_map(page_box: Any) -> dict[Any, Any]:
    """child element -> parent element for the whole document (ElementTree keeps no parents)."""
    for box in page_box.children:
        element = getattr(box, "element", None)
        if element is not None and _local_name(element) == "html":
            return {child: parent for parent in element.iter() for child in parent}
    return {}


def _text_boxes(box: Any) -> Iterator[Any]:
    """Every text box under ``box``, in tree order (margin boxes and running elements included)."""
    from weasyprint.formatting_structure.boxes import TextBox

    stack = [box]
    while stack:
        current = stack.pop()
        if isinstance(current, TextBox):
            yield current
            continue
        children = getattr(current, "children", None)
        if children:
            stack.extend(reversed(children))


def _bad_glyphs(box: Any, vendored: Collection[str] | None) -> Iterator[tuple[str, str, str | None, str]]:
    """(character, reason, font family, line text) for each glyph of ``box`` that draws no
    character, mirroring ``weasyprint.draw.text.draw_first_line``."""
    from weasyprint.text.ffi import ffi, pango

    style = box.style
    layout = getattr(box, "pango_layout", None)
    if (layout is None or style["visibility"] != "visible" or not box.text.strip()
            or style["font_size"] < 1e-6):
        return
    layout.reactivate(style)
    try:
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        line, _ = layout.get_first_line()
        utf8 = layout.text.encode()
        line_text = layout.text
        ink = ffi.new("PangoRectangle *")
        logical = ffi.new("PangoRectangle *")
        extents: dict[tuple[Any, int], bool] = {}
        run = line.runs
        while run != ffi.NULL:
            glyph_item = ffi.cast("PangoGlyphItem *", run.data)
            run = run.next
            item = glyph_item.item
            font = item.analysis.font
            family = _family(font)
            foreign = vendored is not None and family is not None and family not in vendored
            glyphs = glyph_item.glyphs
            count = glyphs.num_glyphs
            item_text = utf8[item.offset:item.offset + item.length]
            # Glyphs of one cluster share its log_clusters value (the cluster's first byte).
            clusters: dict[int, list[int]] = {}
            for i in range(count):
                clusters.setdefault(glyphs.log_clusters[i], []).append(i)
            starts = sorted(clusters)
            for n, start in enumerate(starts):
                end = starts[n + 1] if n + 1 < len(starts) else len(item_text)
                text = item_text[start:end].decode("utf-8", "replace")
                blank, reported = True, False  # blank: no glyph of the cluster has ink (yet)
                for i in clusters[start]:
                    glyph = glyphs.glyphs[i].glyph
                    if glyph == pango.PANGO_GLYPH_EMPTY:
                        continue
                    if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                        codepoint = glyph & ~pango.PANGO_GLYPH_UNKNOWN_FLAG
                        if 0 <= codepoint <= 0x10FFFF:
                            yield chr(codepoint), "no font", family, line_text
                        blank, reported = False, True
                        continue
                    if glyph == 0:
                        for char in _visible(text)[:1] or text[:1]:
                            yield char, "notdef", family, line_text
                        blank, reported = False, True
                        continue
                    if blank and font != ffi.NULL:
                        key = (font, glyph)
                        if key not in extents:
                            pango.pango_font_get_glyph_extents(font, glyph, ink, logical)
                            extents[key] = ink.width > 0 and ink.height > 0
                        if extents[key]:
                            blank = False
                if not (blank or (foreign and not reported)):
                    continue  # inked and vendored (most clusters): nothing to look at in its text
                visible = _visible(text)
                if blank and visible:
                    yield visible[0], "blank", family, line_text
                elif foreign and visible and not reported:
                    for char in visible:
                        yield char, "not vendored", family, line_text
    finally:
        layout.deactivate()


def _visible(text: str) -> str:
    """The characters of ``text`` that must leave ink."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INKLESS_CATEGORIES)


def _family(font: Any) -> str | None:
    from weasyprint.text.ffi import ffi, pango

    if font == ffi.NULL:
        return None
    description = ffi.gc(pango.pango_font_describe_with_absolute_size(font),
                         pango.pango_font_description_free)
    family = pango.pango_font_description_get_family(description)
    return None if family == ffi.NULL else ffi.string(family).decode()
