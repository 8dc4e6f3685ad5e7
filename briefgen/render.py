"""The render stage: a composed brief -> HTML or Markdown text through the theme's templates."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .compose import BriefView
from .scoring import Readiness
from .templating import HTML_TEMPLATE, MARKDOWN_TEMPLATE, render_template


def template_context(view: BriefView, *, scale: float = 1.0, for_pdf: bool = False,
                     readiness: Readiness | None = None) -> dict[str, Any]:
    """Everything a template receives: the view's fields at top level, plus ``brief`` itself.

    ``scale`` shrinks type and spacing when the one-page fit needs it (1.0 = the theme's design);
    ``for_pdf`` lets a theme drop screen-only touches from the PDF; ``readiness`` (a
    :class:`~briefgen.scoring.Readiness`, or None) is the check's summary for the notes.
    """
    context = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    context.update(brief=view, scale=scale, for_pdf=for_pdf, readiness=readiness)
    return context


def render_html(view: BriefView, *, coach_dir: Path | None = None, scale: float = 1.0,
                for_pdf: bool = False) -> str:
    return render_template(HTML_TEMPLATE, template_context(view, scale=scale, for_pdf=for_pdf),
                           theme=view.theme, coach_dir=coach_dir)


def render_markdown(view: BriefView, *, coach_dir: Path | None = None,
                    readiness: Readiness | None = None) -> str:
    return render_template(MARKDOWN_TEMPLATE, template_context(view, readiness=readiness),
                           theme=view.theme, coach_dir=coach_dir, markdown=True)
