"""Read HTML into a tree as a browser does, within limits, and write a tree back out as HTML.

Reading is tinyhtml5, the WHATWG parser WeasyPrint uses: it returns an :mod:`xml.etree` tree
with names such as ``{http://www.w3.org/1999/xhtml}p``, ``{http://www.w3.org/2000/svg}svg`` (with
SVG's mixed case, e.g. ``foreignObject``) and ``{http://www.w3.org/1999/xlink}href``. It has no
serializer, and ``ElementTree.tostring`` writes XML (``<html:p>``, ``<br />``, escaped raw text)
that a browser reads as another document; :func:`serialize` follows the standard's "serializing
HTML fragments" instead. Trees are walked with explicit stacks, never recursion.
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from tinyhtml5.parser import HTMLParser

HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XMLNS_NS = "http://www.w3.org/2000/xmlns/"

# First-line limits, met while parsing: a hostile document stops here, before it costs much.
MAX_ELEMENTS = 20_000  # a one-page brief has a few hundred elements
MAX_DEPTH = 256  # a brief nests about 15 deep; Chromium flattens a tree past 512, tinyhtml5 does not
MAX_PARSE_SECONDS = 5.0  # a brief parses in milliseconds; the element limit stops most abuse sooner
PROTECTS = "this limit protects the render from a document built to exhaust it"

# Elements without an end tag or content: writing "</br>" or children would change the tree.
VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
                  "input", "keygen", "link", "meta", "param", "source", "track", "wbr"})
# Elements whose text the parser takes literally (no character references), so it is written as
# is: "&amp;" in <style> would reach the CSS as "&amp;". (noscript is raw text only with scripting
# on; briefgen refuses noscript.) In SVG and MathML a <style> is an ordinary element.
RAW_TEXT = frozenset({"style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext"})
# The parser drops one newline right after these start tags: a text starting with one needs two.
_LEADING_NEWLINE = frozenset({"pre", "textarea", "listing"})
_ATTRIBUTE_PREFIX = {XLINK_NS: "xlink:", XML_NS: "xml:", XMLNS_NS: "xmlns:"}
DOCTYPE = "<!DOCTYPE html>"


class TreeLimitError(ValueError):
    """The document is larger, deeper or slower to read than any brief; the message says which."""


def limit_message(elements: bool) -> str:
    if elements:
        return f"the HTML has more than {MAX_ELEMENTS:,} elements (a brief has a few hundred); {PROTECTS}"
    return f"the HTML nests elements more than {MAX_DEPTH} deep (a brief nests about 15); {PROTECTS}"


def parse_html(html: str) -> ElementTree.Element:
    """The ``<html>`` element a browser builds from ``html``; :class:`TreeLimitError` past a limit."""
    # Output is always written with this doctype, so read it as a browser will: without quirks.
    # A StringIO, not the str: tinyhtml5 opens a short str that names an existing file as a path.
    try:
        return _BoundedParser().parse(io.StringIO(DOCTYPE + html.removeprefix("\ufeff")))
    except _Limit as exc:
        raise TreeLimitError(str(exc)) from None


def serialize(root: ElementTree.Element) -> str:
    """``root`` (tinyhtml5's ``<html>`` element) as HTML text after the doctype and a newline
    (which the parser skips: it is not part of the tree)."""
    out = [DOCTYPE, "\n"]
    todo: list[ElementTree.Element | str] = [root]  # elements still to write, or finished text
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item.tag is ElementTree.Comment:
            out.append(f"<!--{item.text or ''}-->")
            continue
        namespace, local = split_name(item.tag)
        attributes = "".join(f' {attribute_name(k)}="{escape_attribute(v)}"' for k, v in item.items())
        out.append(f"<{local}{attributes}>")
        html = namespace == HTML_NS
        if html and local in VOID:
            continue  # the parser gives a void element no children
        raw = html and local in RAW_TEXT
        pieces: list[ElementTree.Element | str] = []
        if item.text:
            pieces.append(item.text if raw else escape_text(item.text))
        for child in item:
            pieces.append(child)
            if child.tail:  # the text after a child belongs to this element
                pieces.append(child.tail if raw else escape_text(child.tail))
        if html and local in _LEADING_NEWLINE and item.text and item.text.startswith("\n"):
            out.append("\n")
        pieces.append(f"</{local}>")
        todo.extend(reversed(pieces))
    return "".join(out)


def split_name(name: str) -> tuple[str, str]:
    """``(SVG_NS, "svg")`` for ``"{http://www.w3.org/2000/svg}svg"``; no namespace means HTML."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return HTML_NS, name


def attribute_name(key: str) -> str:
    """The attribute as written in HTML: ``xlink:href`` for ``{http://www.w3.org/1999/xlink}href``."""
    if not key.startswith("{"):
        return key
    namespace, local = split_name(key)
    if namespace == XMLNS_NS and local == "xmlns":
        return "xmlns"
    return _ATTRIBUTE_PREFIX.get(namespace, "") + local


def escape_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def escape_attribute(value: str) -> str:
    # "<" and ">" too, as the standard does since 2025 (whatwg/html e21bd3b): a value read back by a
    # parser that disagrees about the context cannot turn into markup.
    return (value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def walk(root: ElementTree.Element) -> Iterator[tuple[ElementTree.Element, int]]:
    """Every element (and comment) with its depth, in document order."""
    todo = [(root, 1)]
    while todo:
        element, depth = todo.pop()
        yield element, depth
        todo.extend((child, depth + 1) for child in reversed(element))


def shape(root: ElementTree.Element) -> tuple[Any, ...]:
    """What a document is made of, element by element, to compare two trees."""
    return tuple((depth, str(e.tag), tuple(e.items()), e.text or "", e.tail or "")
                 for e, depth in walk(root))


def remove(parent: ElementTree.Element, child: ElementTree.Element) -> None:
    """Take ``child`` out of ``parent``, keeping the text that followed it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


class _Limit(Exception):
    pass


class _OpenElements(list):
    """The parser's stack of open elements. Every element tinyhtml5 creates passes through it
    (pushed, inserted, or swapped in by the adoption agency), so counting here stops a document
    while it is parsed: 12 KB of misnested ``<p><b>`` tags make 346,000 elements in 2 s."""

    def __init__(self) -> None:
        super().__init__()
        self.created = 0
        self.deadline = time.monotonic() + MAX_PARSE_SECONDS

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit(f"the HTML takes more than {MAX_PARSE_SECONDS:g} s to read (a brief takes "
                         f"milliseconds); {PROTECTS}")

    def _created(self) -> None:
        self.created += 1
        if self.created > MAX_ELEMENTS or len(self) >= MAX_DEPTH:
            raise _Limit(limit_message(self.created > MAX_ELEMENTS))
        self.tick()

    def append(self, element: Any) -> None:
        self._created()
        super().append(element)

    def insert(self, index: Any, element: Any) -> None:
        self._created()
        super().insert(index, element)

    def __setitem__(self, index: Any, element: Any) -> None:
        self._created()
        super().__setitem__(index, element)


class _BoundedParser(HTMLParser):
    """tinyhtml5's parser with :class:`_OpenElements` as its stack and a clock on text, whose
    appends to one node take quadratic time (1.8 MB of ``a&amp;`` takes 7 s)."""

    def reset(self) -> None:
        super().reset()
        stack = self.tree.open_elements = _OpenElements()
        insert_text = functools.partial(type(self.tree).insert_text, self.tree)

        def timed_insert_text(data: str, parent: Any = None) -> None:
            stack.tick()
            insert_text(data, parent)

        self.tree.insert_text = timed_insert_text
