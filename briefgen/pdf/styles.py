"""The template's ``<style>`` sheets, parsed once per process instead of once per layout.

WeasyPrint parses and preprocesses every inline ``<style>`` again on each ``HTML.render()``: with
the vendored ``@font-face`` rules that is about a tenth of a layout, paid by every layout of every
brief although a theme's CSS hardly ever changes. :meth:`SheetCache.inline_sheets` hands WeasyPrint
ready-made ``CSS`` objects instead, cached by their text (and base URL), so an edited coach sheet
in ``--watch`` is simply a new entry; WeasyPrint only sees the ``<style>`` elements emptied in
the tree it lays out (the HTML output file is never touched).

Style sheets passed to ``render()`` cascade with *user* origin where inline ones have *author*
origin. For the sheets this module accepts the result is the same: the only other sources in a
brief are WeasyPrint's user-agent sheet (it has no ``!important``), briefgen's own override sheet
(``!important``, user origin, later in order) and the attributes WeasyPrint maps to
``-weasy-lang``/``-weasy-anchor``. So a sheet is taken only when it has no ``!important``, sets no
``-weasy-*`` property, and holds only style rules, ``@media``, ``@page`` and ``@font-face``
(``@import``, ``@layer``, ``@counter-style`` ... keep per-document state); and only when the
document has no ``style`` attribute and no ``<link rel=stylesheet>``. Anything else renders the
way WeasyPrint does by itself (:meth:`SheetCache.inline_sheets` returns None).

Parsing a cached sheet registers no font: its ``@font-face`` rules are recorded, and each
document registers those it can use (:mod:`~briefgen.pdf.faces`). The packaged themes' sheets
are taken as cacheable without the check's parse (:data:`PACKAGED_FACTS`; a test parses them).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import faces
from .faces import Face

CACHE_SIZE = 16  # sheets kept: a few themes times a few coach folders; --watch edits evict
_ALLOWED_AT_RULES = {"media", "page", "font-face"}
_PAGE_MARGIN_PREFIXES = ("top-", "bottom-", "left-", "right-", "footnote", "note-area")
_PROPRIETARY = {"anchor", "lang", "link"}  # what WeasyPrint also derives from HTML attributes
_FONT_PROPERTIES = {"font-family", "font"}
_GENERATING_PROPERTIES = {"list-style", "list-style-type", "content", "text-transform"}

@dataclass(frozen=True)
class SheetFacts:
    """What one parse of a cacheable sheet tells besides that it is cacheable: the values of its
    ``font-family``/``font`` declarations and whether it may make another script out of ASCII
    (both for :mod:`~briefgen.pdf.faces`)."""

    font_values: tuple[str, ...] = ()
    scripted: bool = False


# A packaged sheet, known without parsing it: cacheable, every stack led by Brief Sans, no
# script-making keyword (tests/pdf/test_styles.py checks each packaged theme against this).
PACKAGED_FACTS = SheetFacts()


@dataclass(frozen=True)
class _Entry:
    sheet: Any  # weasyprint.CSS
    faces: tuple[Face, ...]
    facts: SheetFacts


class SheetCache:
    """Parsed style sheets of one process, by text and base URL, least recently used dropped."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._sheets: OrderedDict[tuple[str, str | None, tuple[str, ...]], _Entry | None] = OrderedDict()

    def inline_sheets(self, html: Any, font_config: Any, scope: tuple[str, ...] = (),
                      packaged: bool = False) -> list[Any] | None:
        """Parsed sheets for the ``<style>`` elements of ``html`` (a ``weasyprint.HTML``), emptying
        those elements, or None (``html`` untouched) when WeasyPrint must read them itself.
        ``scope`` (the template folders) is part of
        the key, since the same sheet finds its fonts elsewhere for another coach's folder;
        ``packaged``: the sheets are the packaged themes' own (:data:`PACKAGED_FACTS`).
        The sheets' font faces are registered in ``font_config``, those the document can use."""
        styles = []
        for wrapper in html.wrapper_element.query_all("style", "link"):
            element = wrapper.etree_element
            if element.tag == "link":
                if "stylesheet" in (element.get("rel") or "").lower():
                    return None  # fetched by URL: its order among the sheets must stay WeasyPrint's
                continue
            if element.tag != "style" or len(element) or element.get("type") or element.get("media"):
                return None
            styles.append(element)
        if not styles or any(e.get("style") is not None for e in html.etree_element.iter()):
            return None
        texts = [e.text or "" for e in styles]
        entries = [self._entry(text, html.base_url, html.url_fetcher, html.media_type, scope,
                               PACKAGED_FACTS if packaged else None) for text in texts]
        if any(entry is None for entry in entries):
            return None
        for element in styles:
            element.text = None
        found = [entry for entry in entries if entry is not None]
        all_faces = [face for entry in found for face in entry.faces]
        chars = None
        eager: frozenset[str] = frozenset()
        if faces.lazy(all_faces) and not any(entry.facts.scripted for entry in found):
            chars = faces.document_characters(html.etree_element, texts)
            families = {face.family for face in all_faces if face.beyond is not None}
            eager = faces.eager_families([v for e in found for v in e.facts.font_values], families)
        faces.register(font_config, all_faces, html.url_fetcher, chars, eager)
        return [entry.sheet for entry in found]

    def packaged_sheet(self, text: str, base_url: str, fetcher: Any,
                       scope: tuple[str, ...]) -> tuple[Any, tuple[Face, ...]]:
        """Parse a packaged theme's sheet ahead of the document that holds it (the PDF worker's
        warm-up): the document's own ``<style>`` of the same text then finds it parsed. Returns
        the sheet and its font faces, registered nowhere yet."""
        entry = self._entry(text, base_url, fetcher, "print", scope, PACKAGED_FACTS)
        assert entry is not None
        return entry.sheet, entry.faces

    def override_sheet(self, text: str, fetcher: Any) -> Any:
        """briefgen's own small sheet (the ``--fit`` value, the tall page), parsed once per text."""
        entry = self._entry(text, None, fetcher, "print", (), PACKAGED_FACTS)
        assert entry is not None
        return entry.sheet

    def _entry(self, text: str, base_url: str | None, fetcher: Any, media_type: str,
               scope: tuple[str, ...], facts: SheetFacts | None) -> _Entry | None:
        key = (text, base_url, scope)
        if key in self._sheets:
            self._sheets.move_to_end(key)
            return self._sheets[key]
        if facts is None:
            facts = sheet_facts(text)
            if facts is None:
                self._remember(key, None)
                return None
        sheet, found = parse_sheet(text, base_url, fetcher, media_type, [Path(r) for r in scope])
        entry = _Entry(sheet, tuple(found), facts)
        self._remember(key, entry)
        return entry

    def forget(self, scope: tuple[str, ...]) -> None:
        """Drop the sheets parsed for the folders ``scope`` (their font configuration is gone)."""
        for key in [k for k in self._sheets if k[2] == scope]:
            del self._sheets[key]

    def _remember(self, key: tuple[str, str | None, tuple[str, ...]], value: _Entry | None) -> None:
        self._sheets[key] = value
        while len(self._sheets) > self.size:
            self._sheets.popitem(last=False)


def parse_sheet(text: str, base_url: str | None, fetcher: Any, media_type: str,
                roots: list[Path]) -> tuple[Any, list[Face]]:
    """``text`` as a ``weasyprint.CSS``, and its ``@font-face`` rules, registered nowhere yet.

    Parsing fetches nothing: the faces are recorded, and each document registers those it can
    use through its own fetcher (so a refused font is reported on every render)."""
    from weasyprint import CSS

    log = faces.FaceLog()
    sheet = CSS(string=text, base_url=base_url, url_fetcher=fetcher, media_type=media_type,
                font_config=log)
    return sheet, faces.faces(log.rules, roots)


def cacheable(text: str) -> bool:
    """Whether a sheet may be parsed once and passed to WeasyPrint as a user sheet (see above)."""
    return sheet_facts(text) is not None


def sheet_facts(text: str) -> SheetFacts | None:
    """:class:`SheetFacts` of a sheet that may be parsed once and passed to WeasyPrint as a user
    sheet (see above), or None."""
    import tinycss2

    fonts: list[str] = []
    generated: list[str] = []
    nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    if not _rules_ok(nodes, fonts, generated):
        return None
    return SheetFacts(tuple(fonts), faces.scripted(generated))


def _rules_ok(nodes: list[Any], fonts: list[str], generated: list[str],
              in_font_face: bool = False) -> bool:
    import tinycss2

    for node in nodes:
        if node.type == "declaration":
            name = node.lower_name
            if node.important or name.startswith("-weasy-") or name in _PROPRIETARY:
                return False
            if in_font_face:
                continue
            if name in _FONT_PROPERTIES:
                fonts.append(tinycss2.serialize(node.value))
            elif name in _GENERATING_PROPERTIES:
                generated.append(tinycss2.serialize(node.value))
        elif node.type == "qualified-rule":
            if not _rules_ok(tinycss2.parse_blocks_contents(node.content or [],
                                                            skip_comments=True,
                                                            skip_whitespace=True), fonts, generated):
                return False
        elif node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "media":
                contents = tinycss2.parse_rule_list(node.content or [], skip_comments=True,
                                                    skip_whitespace=True)
            elif keyword in _ALLOWED_AT_RULES or keyword.startswith(_PAGE_MARGIN_PREFIXES):
                contents = tinycss2.parse_blocks_contents(node.content or [], skip_comments=True,
                                                          skip_whitespace=True)
            else:
                return False
            if not _rules_ok(contents, fonts, generated, in_font_face=keyword == "font-face"):
                return False
        elif node.type != "error":  # a parse error is skipped alike on both paths
            return False
    return True
