"""What a Content-Security-Policy does not cover: ways an HTML brief could still reach the network.

Used for the HTML output only (see :mod:`briefgen.render`), so the HTML parser is not imported for
PDF or Markdown renders.
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..errors import TemplateError


class _NetworkEscapes(HTMLParser):
    """Finds what a Content-Security-Policy does not stop a browser from loading or following."""

    _HINTS = {"dns-prefetch", "preconnect", "prefetch", "prerender", "preload", "modulepreload"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self.found.append('<meta http-equiv="refresh">')
        elif tag == "link" and self._HINTS & set(values.get("rel", "").lower().split()):
            self.found.append(f'<link rel="{values["rel"]}">')
        elif tag == "base":
            self.found.append("<base>")


def refuse_network_escapes(html: str) -> None:
    """Raise :class:`TemplateError` naming each way ``html`` could reach the network anyway."""
    parser = _NetworkEscapes()
    parser.feed(html)
    parser.close()
    if parser.found:
        raise TemplateError("not allowed in a template (the HTML brief must work offline and "
                            f"reach nothing): {', '.join(sorted(set(parser.found)))}")
