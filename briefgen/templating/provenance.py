"""Which packaged theme a coach's folder is built on: where its markup and its style come from.

A folder's ``brief.html`` builds on a theme when it extends ``<theme>/brief.html`` or is a copy
of that theme's file (``templates export``); its ``style.css`` is a theme's when the folder has
none (the selected theme's is used) or when it is a copy, edited or not, of a theme's. When the
two come from different themes, the page is one theme's markup in another's CSS; when both are
one theme's and the brief selects another, the selected theme changes nothing. Either is easy to
miss and worth a warning from ``templates check``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from ..themes import BASE, packaged_themes
from .environment import HTML_TEMPLATE
from .export import PARSER

STYLE = "style.css"
_SAME_STYLE = 0.6  # share of lines an edited copy keeps of the theme it was exported from
_CLEAR_LEAD = 0.1  # and how much closer it must be to that theme than to any other


@dataclass(frozen=True)
class Origin:
    """A packaged theme, and how a file of the folder comes from it (for the message)."""

    theme: str
    how: str
    from_folder: bool = True  # the folder's own file (a copy), not the selected theme's


def markup_origin(folder: Path, theme: str) -> Origin | None:
    """Where the page's markup comes from under ``theme``, or ``None`` when the folder's own
    ``brief.html`` builds on the shared skeleton in its own way."""
    own = folder / HTML_TEMPLATE
    if not own.is_file():
        return Origin(theme, f"the {theme} theme's brief.html", from_folder=False)
    try:
        source = own.read_text(encoding="utf-8")
        tree = PARSER.parse(source)
    except (OSError, UnicodeDecodeError, TemplateSyntaxError):
        return None
    parent = tree.find(nodes.Extends)
    if parent is not None and isinstance(parent.template, nodes.Const):
        name = str(parent.template.value)
        head, _, tail = name.partition("/")
        if tail == HTML_TEMPLATE and head in packaged_themes():
            return Origin(head, f"brief.html extends {name}")
    for name, packaged in packaged_themes().items():
        if _read(packaged.folder / HTML_TEMPLATE) == source:
            return Origin(name, f"brief.html is {name}'s, exported")
    return None


def style_origin(folder: Path, theme: str) -> Origin | None:
    """Where the page's CSS comes from under ``theme``, or ``None`` for the folder's own."""
    own = folder / STYLE
    if not own.is_file():
        return Origin(theme, f"the {theme} theme's style.css", from_folder=False)
    text = _read(own)
    if text is None:
        return None
    scores = sorted(((_similarity(text, _read(t.folder / STYLE) or ""), name)
                     for name, t in packaged_themes().items()), reverse=True)
    if not scores:
        return None
    best, name = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    if best < _SAME_STYLE or best - runner_up < _CLEAR_LEAD:
        return None
    return Origin(name, f"style.css is {name}'s" + ("" if best == 1.0 else ", edited"))


def built_on(folder: Path) -> str | None:
    """The theme a folder fixes whatever the brief selects: the one its brief.html builds on by
    name or copy, else the one its style.css was copied from; ``None`` when it fixes neither."""
    for origin in (markup_origin(folder, BASE), style_origin(folder, BASE)):
        if origin is not None and origin.theme in packaged_themes():
            return origin.theme
    return None


def mixed_theme_warning(folder: Path, theme: str) -> str | None:
    """Why ``folder`` under ``theme`` does not look like one theme, or ``None`` when it does."""
    markup, style = markup_origin(folder, theme), style_origin(folder, theme)
    if markup is not None and style is not None and markup.theme != style.theme:
        return (f"under theme {theme}, the page is {markup.theme}'s markup ({markup.how}) in "
                f"{style.theme}'s CSS ({style.how}); a layout made for one may not hold in the "
                f"other: give the folder its own style.css, or build on {style.theme}/brief.html")
    if style is not None and style.from_folder and style.theme != theme:
        return (f"under theme {theme}, the page still looks like {style.theme} ({style.how}): "
                f"the folder replaces the look of the theme a brief selects; for {theme} briefs, "
                f"use a folder exported from {theme} (briefgen templates export DIR --theme {theme})")
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _similarity(a: str, b: str) -> float:
    """The share of lines two style sheets have in common (1.0: the same file)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False).ratio()
