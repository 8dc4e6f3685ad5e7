"""The render stage: a composed brief -> HTML or Markdown text through the theme's templates.

The HTML file is meant to be opened offline and shared, and its template may be a coach's: it is
parsed as a browser parses it, anything that would fetch, run or navigate is refused, and the
checked tree is written out with a Content-Security-Policy first in ``<head>`` (see
:mod:`briefgen.html_policy`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compose import BriefView
from .templating import HTML_TEMPLATE, MARKDOWN_TEMPLATE, render_template

if TYPE_CHECKING:  # the readiness check is imported only when --with-check asks for it
    from .scoring import Readiness


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


def __getattr__(name: str) -> str:
    """``CONTENT_SECURITY_POLICY`` is :mod:`briefgen.html_policy`'s, imported on first use: that
    module loads the HTML and CSS parsers, which a PDF or Markdown render never needs."""
    if name == "CONTENT_SECURITY_POLICY":
        from .html_policy import CONTENT_SECURITY_POLICY

        return CONTENT_SECURITY_POLICY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_html(view: BriefView, *, coach_dir: Path | None = None, scale: float = 1.0,
                for_pdf: bool = False) -> str:
    """The brief as HTML: for WeasyPrint (``for_pdf``) or as the self-contained HTML output."""
    html = render_template(HTML_TEMPLATE, template_context(view, scale=scale, for_pdf=for_pdf),
                           theme=view.theme, coach_dir=coach_dir)
    if for_pdf:
        return html  # WeasyPrint fetches through briefgen's own sandboxed fetcher instead
    from .html_policy import secure_html  # HTML output only: the parser stays out of PDF and Markdown

    return secure_html(html)


def render_markdown(view: BriefView, *, coach_dir: Path | None = None,
                    readiness: Readiness | None = None) -> str:
    return render_template(MARKDOWN_TEMPLATE, template_context(view, readiness=readiness),
                           theme=view.theme, coach_dir=coach_dir, markdown=True)
