"""Every address in the HTML output that a browser would fetch, and the finding for each one
that would leave the file: attributes, ``srcset`` candidates and CSS (``url()``, ``src()``,
``@import``, ``image-set()`` and its kin), read as a browser reads them (character references
and CSS escapes decoded, controls and spaces stripped). :mod:`.html_policy` walks the tree and
asks this module about each value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_IMAGE_FUNCTIONS = {"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"}
_COMPUTED = {"var", "env", "attr"}  # values only known at render time: a URL built from one is unknown
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_ASCII_SPACE = "\t\n\f\r "


@dataclass(frozen=True)
class Finding:
    """One thing in the HTML that would fetch, run or overload: why, what exactly, and where."""

    message: str
    text: str  # the address, attribute value or tag as the browser reads it (character refs decoded)
    tag: str  # the element, e.g. "img" ("svg:image" for SVG, "math:..." for MathML)
    where: str = ""  # for an address: what holds it, e.g. "<img src>" or "<style>"


def resource(value: str, where: str, tag: str, *, data_ok: bool = True) -> Iterator[Finding]:
    """A finding unless ``value`` is empty, a ``#fragment`` or (where ``data_ok``) a ``data:`` URI."""
    url = normalize(value)
    if url and not url.startswith("#") and scheme(url) == "data" and not data_ok:
        yield Finding(f"{where} may not hold a data: URI ({url[:40]!r}...): it would be a document "
                      "of its own; put style sheets in a <style> element", url, tag)
    elif url and not url.startswith("#") and scheme(url) != "data":
        # A relative address names a file beside the HTML wherever the reader saved it (the PDF
        # engine reads it from the template folders instead), so it is refused too.
        fix = ("embed it as a data: URI, or keep it to the PDF with {% if for_pdf %}"
               if scheme(url) is None and not url.startswith(("//", "\\")) else
               "embed it as a data: URI or drop it")
        yield Finding(f"the HTML loads {url!r} from outside the brief ({where}): a browser would "
                      f"reach the network or read a local file; {fix}", url, tag, where)


def css_findings(tokens: list[Any], where: str, tag: str) -> Iterator[Finding]:
    """Every address a browser could fetch for these CSS tokens: url(), src(), @import strings,
    the strings of image-set() and its kin; CSS escapes are already decoded by tinycss2."""
    todo = list(reversed(tokens))
    while todo:
        token = todo.pop()
        kind = token.type
        if kind == "url":
            yield from resource(token.value, where, tag)
        elif kind == "error" and token.kind == "bad-url":
            yield Finding(f"{where} has a url() that cannot be read; browsers drop it, briefgen "
                          "refuses it", "url(", tag)
        elif kind == "at-keyword" and token.lower_value == "import":  # even of a data: sheet,
            yield Finding(f"{where} has an @import: put the rules in the <style> element, where "
                          "briefgen reads them", "@import", tag)  # which this check never reads
        elif kind == "at-keyword" and token.lower_value == "namespace":  # a name, never fetched
            while todo and not (todo[-1].type == "literal" and todo[-1].value == ";"):
                todo.pop()
        elif kind == "function":
            arguments = [t for t in token.arguments if t.type not in {"whitespace", "comment"}]
            if token.lower_name in {"url", "src"} | _IMAGE_FUNCTIONS:
                if any(t.type == "function" and t.lower_name in _COMPUTED for t in arguments):
                    yield Finding(f"{where} builds an address with var(), env() or attr(), which "
                                  "cannot be checked", token.serialize(), tag)
                for string in (t for t in arguments if t.type == "string"):
                    yield from resource(string.value, where, tag)
            todo.extend(reversed(token.arguments))
        elif kind in {"() block", "[] block", "{} block"}:
            todo.extend(reversed(token.content))


def srcset_urls(value: str) -> Iterator[str]:
    """The image candidates' addresses, as the HTML standard's srcset parser splits them."""
    for start, end in srcset_spans(value):
        yield value[start:end]


def srcset_spans(value: str) -> Iterator[tuple[int, int]]:
    """Where each image candidate's address sits in ``value`` (start, end), split as the HTML
    standard's srcset parser splits it: an address may itself hold commas
    (``data:image/gif;base64,...``), and descriptors run to the next comma outside parentheses.
    The policy checks, and the assets rewrite, exactly these."""
    i, n = 0, len(value)
    while True:
        while i < n and (value[i] in _ASCII_SPACE or value[i] == ","):
            i += 1
        if i >= n:
            return
        start = i
        while i < n and value[i] not in _ASCII_SPACE:
            i += 1
        end = i
        if value[start:end].endswith(","):
            yield start, start + len(value[start:end].rstrip(","))
            continue
        yield start, end
        in_parens = False  # descriptors run to the next comma outside parentheses
        while i < n and (in_parens or value[i] != ","):
            in_parens = (in_parens and value[i] != ")") or (not in_parens and value[i] == "(")
            i += 1


def is_relative(address: str) -> bool:
    """A relative address: no scheme, not absolute, not ``//host``, not a ``#fragment``."""
    url = normalize(address)
    return bool(url) and scheme(url) is None and not url.startswith(("/", "\\", "#"))


def normalize(url: str) -> str:
    """``url`` as a browser's URL parser sees it: without leading and trailing C0 controls and
    spaces, and without tabs and newlines anywhere (``ht\\ntp:`` is ``http:``)."""
    return url.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")


def scheme(url: str) -> str | None:
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None  # None: relative, e.g. "x.png" or "//host"
