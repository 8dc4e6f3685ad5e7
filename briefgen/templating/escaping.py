"""Escaping user text for the formats briefgen writes.

HTML is autoescaped by Jinja; this module holds the CommonMark escaper the Markdown templates
print every value through. It escapes only what can start markup, so the notes stay readable as
plain text ("Q&A", "in-app", "$1.2M" are left alone) while no user text can become a link, an
image, emphasis, code, raw HTML, an entity, a heading, a list, a quote or a rule.
"""

from __future__ import annotations

import re

from markupsafe import Markup


class TemplateText(Markup):
    """The template's own text (not a value it prints), on its way through the sandbox's
    emission budget: routed through a filter it is an expression in Jinja's eyes, so as
    ``Markup`` it is not escaped in HTML, and both ``finalize`` functions hand it on unchanged."""


# Markup anywhere in a line: emphasis (* _), code (`), links and images ([ ]), raw HTML and
# autolinks (<), escapes (\), GFM strikethrough and tables (~ |), and ATX heading marks (#, also
# a closing sequence at the end of a heading line).
_ANYWHERE = re.compile(r"([\\`*_\[\]<~|#])")
# "&" only where it would start an entity: "&amp;", "&#42;", "&#x2A;".
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block markers at the start of a line: quotes, bullets, thematic breaks and setext underlines.
_LINE_START = re.compile(r"^([>+\-=])")
# Ordered-list markers: up to 9 digits then "." or ")".
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# Every line ending and tab becomes one space: a value never starts a new block by itself.
_BREAKS = re.compile(r"[\r\n\t\v\f\u0085\u2028\u2029]+")


def markdown_escape(value: object) -> str:
    """Escape text so that CommonMark renders it literally (no links, emphasis, HTML, blocks).

    The value may land at the start of a line, so line-start markers are escaped too, and leading
    spaces are dropped (four of them would start a code block). The template's own text
    (:class:`TemplateText`) is its Markdown and passes unchanged.
    """
    if isinstance(value, TemplateText):
        return value
    text = _BREAKS.sub(" ", str(value)).lstrip(" ")
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\\\1", text)


# A code span as briefgen's own messages write one: a pair of single backticks on one line.
_CODE_SPAN = re.compile(r"`([^`\r\n]+)`")


def markdown_with_code(value: object) -> TemplateText:
    """Like :func:`markdown_escape`, but each pair of backticks becomes a CommonMark code span.

    For text briefgen writes around keys and snippets ("Add `per:` (quarter, year, ...)"): what is
    between the backticks is shown as code, everything else is escaped as usual. It is safe on any
    text: a code span shows its content literally, so nothing in it can become markup either.
    """
    text = _BREAKS.sub(" ", str(value)).lstrip(" ")
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_inline(text[position:match.start()], first=position == 0))
        out.append(f"`{match.group(1)}`")
        position = match.end()
    out.append(_escape_inline(text[position:], first=position == 0))
    return TemplateText("".join(out))


def _escape_inline(text: str, *, first: bool) -> str:
    """Escape a run of text inside a line: only the first run can start a block, and the spaces
    around a code span are kept."""
    if first:
        return markdown_escape(text)
    escaped = _ENTITY.sub(r"\\&", _ANYWHERE.sub(r"\\\1", text))
    return escaped


# A figure and its unit read as one word: "2 s", "350 ms", "9 pp", "144 h" never break across
# lines in the PDF or the HTML (a Markdown viewer wraps as it likes; the notes keep plain spaces).
_FIGURE_AND_UNIT = re.compile(r"(?<=\d) (?=(?:ms|s|min|h|pp)\b)")


def bind_units(value: object) -> object:
    """Join each figure to its unit with a no-break space in text printed into HTML.

    Used as the HTML environment's ``finalize``: it sees every value a template prints, before
    autoescaping, and leaves markup a template marked safe alone.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _FIGURE_AND_UNIT.sub("\u00a0", value)
    return value
