"""Small typographic care for the page (PDF and HTML), applied to the view's prose.

WeasyPrint has no ``text-wrap: pretty``, so a paragraph can end on a line holding one short
word. Joining a paragraph's last two words with a no-break space moves the second-last word down
with it when the last would stand alone, and changes nothing else. Only prose of several words
is joined (a title or a figure is not prose), and only when the two words are short together,
so the pair can never be wider than a column. The Markdown notes keep plain spaces: a text
editor shows a no-break space as nothing at all.
"""

from __future__ import annotations

import dataclasses
import re

from ..compose import BriefView, ProjectView, StoryPart

NBSP = "\u00a0"
MIN_WORDS = 6  # a shorter line of text is a label or a phrase, not a paragraph
MAX_PAIR = 20  # characters of the joined pair: well inside the narrowest column at 11.5 pt
_LAST_SPACE = re.compile(r" (?=\S+\s*$)")


def no_orphan(text: str) -> str:
    """``text`` with its last two words joined by a no-break space, when it is prose of at least
    ``MIN_WORDS`` words whose last two are short together."""
    words = text.split()
    if len(words) < MIN_WORDS or len(words[-2]) + 1 + len(words[-1]) > MAX_PAIR:
        return text
    return _LAST_SPACE.sub(NBSP, text.rstrip(), count=1) + text[len(text.rstrip()):]


def page_view(view: BriefView) -> BriefView:
    """``view`` for the page: every paragraph of prose without a one-word last line."""
    return dataclasses.replace(
        view, summary=no_orphan(view.summary), scale_line=no_orphan(view.scale_line),
        scale_verdict=no_orphan(view.scale_verdict),
        projects=[_project(p) for p in view.projects])


def _project(p: ProjectView) -> ProjectView:
    return dataclasses.replace(
        p, triad=no_orphan(p.triad), scale_sentence=no_orphan(p.scale_sentence),
        leadership_story=no_orphan(p.leadership_story),
        star=[StoryPart(part.label, no_orphan(part.text)) for part in p.star])
