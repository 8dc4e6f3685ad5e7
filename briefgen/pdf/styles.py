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
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

CACHE_SIZE = 16  # sheets kept: a few themes times a few coach folders; --watch edits evict
_ALLOWED_AT_RULES = {"media", "page", "font-face"}
_PAGE_MARGIN_PREFIXES = ("top-", "bottom-", "left-", "right-", "footnote", "note-area")
_PROPRIETARY = {"anchor", "lang", "link"}  # what WeasyPrint also derives from HTML attributes

class SheetCache:
    """Parsed style sheets of one process, by text and base URL, least recently used dropped."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._sheets: OrderedDict[tuple[str, str | None, tuple[str, ...]], Any] = OrderedDict()

    def inline_sheets(self, html: Any, font_config: Any, refused: list[Any],
                      scope: tuple[str, ...] = ()) -> list[Any] | None:
        """Parsed sheets for the ``<style>`` elements of ``html`` (a ``weasyprint.HTML``), emptying
        those elements, or None (``html`` untouched) when WeasyPrint must read them itself.
        ``refused`` is the fetcher's log of refusals; ``scope`` (the template folders) is part of
        the key, since the same sheet finds its fonts elsewhere for another coach's folder."""
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
        sheets = [self._sheet(e.text or "", html.base_url, html.url_fetcher, html.media_type,
                              font_config, refused, scope=scope) for e in styles]
        if any(sheet is None for sheet in sheets):
            return None
        for element in styles:
            element.text = None
        return sheets

    def override_sheet(self, text: str, fetcher: Any, font_config: Any, refused: list[Any]) -> Any:
        """briefgen's own small sheet (the ``--fit`` value, the tall page), parsed once per text."""
        return self._sheet(text, None, fetcher, "print", font_config, refused, trusted=True)

    def _sheet(self, text: str, base_url: str | None, fetcher: Any, media_type: str,
               font_config: Any, refused: list[Any], trusted: bool = False,
               scope: tuple[str, ...] = ()) -> Any:
        key = (text, base_url, scope)
        if key in self._sheets:
            self._sheets.move_to_end(key)
            return self._sheets[key]
        if not trusted and not cacheable(text):
            self._remember(key, None)
            return None
        from weasyprint import CSS

        before = len(refused)
        sheet = CSS(string=text, base_url=base_url, url_fetcher=fetcher, media_type=media_type,
                    font_config=font_config)
        # A font the fetcher refused is asked for again (and reported) on every render; keep that.
        if len(refused) == before:
            self._remember(key, sheet)
        return sheet

    def forget(self, scope: tuple[str, ...]) -> None:
        """Drop the sheets parsed for the folders ``scope`` (their font configuration is gone)."""
        for key in [k for k in self._sheets if k[2] == scope]:
            del self._sheets[key]

    def _remember(self, key: tuple[str, str | None, tuple[str, ...]], value: Any) -> None:
        self._sheets[key] = value
        while len(self._sheets) > self.size:
            self._sheets.popitem(last=False)


def cacheable(text: str) -> bool:
    """Whether a sheet may be parsed once and passed to WeasyPrint as a user sheet (see above)."""
    import tinycss2

    return _rules_ok(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


def _rules_ok(nodes: list[Any]) -> bool:
    import tinycss2

    for node in nodes:
        if node.type == "declaration":
            name = node.lower_name
            if node.important or name.startswith("-weasy-") or name in _PROPRIETARY:
                return False
        elif node.type == "qualified-rule":
            if not _rules_ok(tinycss2.parse_blocks_contents(node.content or [],
                                                            skip_comments=True,
                                                            skip_whitespace=True)):
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
            if not _rules_ok(contents):
                return False
        elif node.type != "error":  # a parse error is skipped alike on both paths
            return False
    return True
