"""Registering only the packaged fallback faces a document can use.

The packaged ``fonts.css`` declares nineteen faces: Brief Sans (four) and fifteen fallbacks for
scripts and emoji. WeasyPrint registers every ``@font-face`` it parses, 1-2 ms a face in a cold
process (a copy of the file, an XML rule, a fontconfig scan, a Pango cache reset), although a
Latin brief draws none of the fallbacks: 20-30 ms of every cold PDF, on its critical path.

A fallback follows Brief Sans in every stack that names it, so it draws only characters Brief Sans
lacks: its *coverage beyond Brief Sans*, which ``templates/fonts/coverage.json`` lists for each
vendored file (written by ``subset.py --coverage`` from the files; a test recomputes it). So a
sheet's faces are recorded when it is parsed (:class:`FaceLog` stands in for WeasyPrint's font
configuration) and registered per document (:func:`register`): every face, except a packaged
fallback none of whose extra characters the document holds. Registering is idempotent, so a
later brief with Arabic in a batch or ``--watch`` registers the Arabic faces then.

What the document holds is a superset of what it can draw: the text and attribute values of its
tree, the characters of its style sheets (``content``, CSS escapes decoded) and what a user agent
generates by itself (hyphens, ellipses, list markers, quotes). A sheet that could make a script's
characters out of ASCII (``list-style-type: arabic-indic``, ``text-transform: full-width``) or
that names a fallback family before Brief Sans (a coach's Arabic-first design) registers every
face, as WeasyPrint would.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..templating.assets import VIRTUAL_ROOT, AssetError, Assets, virtual_relative

FIRST_FAMILY = "brief sans"  # the family every packaged stack names first
# What a user agent draws without the document spelling it: hyphens, ellipsis, list markers,
# quotation marks (CJK ones only matter with a <q>, see document_characters).
GENERATED = frozenset(map(ord, "\u2010\u2011\u2026\u2022\u25e6\u25aa\u25b8\u201c\u201d\u2018\u2019"
                               "\u00ab\u00bb\u2039\u203a"))
CJK_QUOTES = frozenset(map(ord, "\u300c\u300d\u300e\u300f"))
# Keywords with which CSS turns ASCII into another script's characters: counter styles of
# non-Latin numbering systems (CSS Counter Styles' predefined list) and text-transform values.
SCRIPT_KEYWORDS = frozenset({
    "arabic-indic", "armenian", "lower-armenian", "upper-armenian", "bengali", "cambodian",
    "khmer", "cjk-decimal", "cjk-earthly-branch", "cjk-heavenly-stem", "cjk-ideographic",
    "devanagari", "ethiopic-numeric", "georgian", "gujarati", "gurmukhi", "hebrew", "hiragana",
    "hiragana-iroha", "japanese-formal", "japanese-informal", "kannada", "katakana",
    "katakana-iroha", "korean-hangul-formal", "korean-hanja-formal", "korean-hanja-informal",
    "lao", "lower-greek", "malayalam", "mongolian", "myanmar", "oriya", "persian",
    "simp-chinese-formal", "simp-chinese-informal", "tamil", "telugu", "thai", "tibetan",
    "trad-chinese-formal", "trad-chinese-informal", "disclosure-open", "disclosure-closed",
    "full-width", "full-size-kana",
})
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_IDENT = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Face:
    """One ``@font-face`` rule of a parsed sheet, and what it can draw when it is a fallback."""

    descriptors: Any  # WeasyPrint's rule descriptors, passed back to add_font_face as they came
    family: str  # lower case
    beyond: tuple[tuple[int, int], ...] | None  # a packaged fallback's extra coverage, else None


class FaceLog:
    """Stands in for WeasyPrint's font configuration while a sheet is parsed: the only thing
    parsing asks of it is ``add_font_face``, which is recorded instead of done."""

    def __init__(self) -> None:
        self.rules: list[Any] = []

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> None:
        self.rules.append(rule_descriptors)


def faces(rules: Iterable[Any], roots: Sequence[Path]) -> list[Face]:
    """The recorded ``rules`` as :class:`Face` records, the packaged fallbacks among them found
    by the file each names on the template search path ``roots``."""
    coverage = load_coverage()
    assets = Assets(roots)
    folder = _fonts_folder()
    out = []
    for descriptors in rules:
        beyond = None
        sources = descriptors.get("src") or []
        if len(sources) == 1 and sources[0][0] == "external" and sources[0][1]:
            path = _file_of(sources[0][1], assets)
            if path is not None and path.parent == folder:
                beyond = coverage.get(path.name)
        out.append(Face(descriptors, str(descriptors.get("font_family", "")).lower(), beyond))
    return out


def document_characters(root: Any, css_texts: Iterable[str]) -> set[int]:
    """The code points a document may draw (a superset): see the module's docstring."""
    chars: set[int] = set(GENERATED)
    has_q = False
    for element in root.iter():
        if element.text:
            chars.update(map(ord, element.text))
        if element.tail:
            chars.update(map(ord, element.tail))
        for value in element.attrib.values():
            chars.update(map(ord, value))
        has_q = has_q or (isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "q")
    for text in css_texts:
        chars.update(map(ord, text))
        if "\\" in text:
            chars.update(map(ord, _unescape(text)))
    if has_q:
        chars.update(CJK_QUOTES)
    return chars


def eager_families(font_values: Iterable[str], families: Iterable[str]) -> frozenset[str]:
    """Of ``families`` (the fallbacks' names, lower case), those a ``font-family`` or ``font``
    value of the sheet (``font_values``, serialized) names before Brief Sans or without it: they
    may draw any character, so they are registered whatever the text."""
    eager = set()
    for value in font_values:
        lowered = value.lower()
        first = lowered.find(FIRST_FAMILY)
        for family in families:
            at = lowered.find(family)
            if at >= 0 and (first < 0 or at < first):
                eager.add(family)
    return frozenset(eager)


def scripted(values: Iterable[str]) -> bool:
    """Whether any of the ``values`` of a sheet's ``list-style``, ``list-style-type``,
    ``content`` and ``text-transform`` declarations turns ASCII into another script."""
    return any(word in SCRIPT_KEYWORDS for value in values for word in _IDENT.findall(value.lower()))


def register(font_config: Any, faces: Iterable[Face], fetcher: Any, chars: set[int] | None,
             eager: frozenset[str] = frozenset()) -> None:
    """Register in ``font_config`` each face the document can use (see the module's docstring);
    ``chars`` None registers them all."""
    for face in faces:
        if (face.beyond is None or chars is None or face.family in eager
                or _holds(face.beyond, chars)):
            font_config.add_font_face(face.descriptors, fetcher)


def lazy(faces: Iterable[Face]) -> bool:
    """Whether any of ``faces`` may be left out (only then are the characters worth counting)."""
    return any(face.beyond is not None for face in faces)


@functools.cache
def load_coverage() -> dict[str, tuple[tuple[int, int], ...]]:
    """Each vendored fallback file's code points beyond Brief Sans, as sorted ranges."""
    path = _fonts_folder() / "coverage.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no list: every face is registered, as WeasyPrint would
    return {name: tuple((int(a), int(b)) for a, b in ranges) for name, ranges in data.items()}


def _holds(ranges: tuple[tuple[int, int], ...], chars: set[int]) -> bool:
    starts = [first for first, _ in ranges]
    for cp in chars:
        index = bisect.bisect_right(starts, cp) - 1
        if index >= 0 and cp <= ranges[index][1]:
            return True
    return False


def _file_of(url: str, assets: Assets) -> Path | None:
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    try:
        if path.startswith(VIRTUAL_ROOT):
            relative = virtual_relative(path, assets.roots)
            return assets.find(relative) if relative else None
        return Path(path).resolve()
    except (AssetError, OSError, RuntimeError, ValueError):
        return None


@functools.cache
def _fonts_folder() -> Path:
    from ..themes import templates_root

    return (templates_root() / "fonts").resolve()


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            cp = int(match.group(1), 16)
            return chr(cp) if 0 < cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF else ""
        return match.group(2)

    return _CSS_ESCAPE.sub(one, text)
