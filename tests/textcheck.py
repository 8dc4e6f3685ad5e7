"""Finding a phrase in text read back from a PDF, whatever line breaks and hyphenation did to it."""

from __future__ import annotations

import re

# WeasyPrint hyphenates with U+2010 at a line end; pdfium reports a hyphen that ends a line as
# \x02 or \ufffe, whether hyphenation added it or the text had it ("thumbs-up" broken after its
# hyphen), so `contains` tries the marker both ways.
_BREAKS = re.compile(r"\u2010\s+|[\s\u00ad\x02\ufffe]+")
_LINE_END_HYPHEN = re.compile(r"[\x02\ufffe]")


def squash(text: str) -> str:
    """``text`` without whitespace and hyphenation breaks, so a wrapped phrase can be found."""
    return _BREAKS.sub("", text)


def contains(haystack: str, needle: str) -> bool:
    wanted = squash(needle)
    return wanted in squash(haystack) or wanted in squash(_LINE_END_HYPHEN.sub("-", haystack))
