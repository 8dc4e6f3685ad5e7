"""Finding a phrase in text read back from a PDF, whatever line breaks and hyphenation did to it."""

from __future__ import annotations

import re

# WeasyPrint hyphenates with U+2010 at a line end; pdfium may report soft hyphens as \x02/\ufffe.
_BREAKS = re.compile(r"\u2010\s+|[\s\u00ad\x02\ufffe]+")


def squash(text: str) -> str:
    """``text`` without whitespace and hyphenation breaks, so a wrapped phrase can be found."""
    return _BREAKS.sub("", text)


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)
