"""The render stage: a composed brief -> HTML or Markdown text through the theme's templates.

The HTML file is meant to be opened offline and shared, and its template may be a coach's: it gets
a Content-Security-Policy as the first thing in the document, so whatever the template links
(images, style sheets, fonts, scripts, frames, form targets) a browser fetches nothing but inline
styles and ``data:`` images, and the few ways to reach the network that such a policy does not
cover (``<meta http-equiv=refresh>``, prefetch and preconnect hints, ``<base>``) are refused.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compose import BriefView
from .environment import HTML_TEMPLATE, MARKDOWN_TEMPLATE, render_template

if TYPE_CHECKING:  # the readiness check is imported only when --with-check asks for it
    from ..scoring import Readiness


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


CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
_HEAD_OPENING = re.compile(
    r"\A\s*(?:<!doctype[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<html\b[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<head\b[^>]*>(?:\s*<meta\s+charset[^>]*>)?", re.IGNORECASE | re.DOTALL)
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'


def render_html(view: BriefView, *, coach_dir: Path | None = None, scale: float = 1.0,
                for_pdf: bool = False) -> str:
    """The brief as HTML: for WeasyPrint (``for_pdf``) or as the self-contained HTML output."""
    html = render_template(HTML_TEMPLATE, template_context(view, scale=scale, for_pdf=for_pdf),
                           theme=view.theme, coach_dir=coach_dir)
    if for_pdf:
        return html  # WeasyPrint fetches through briefgen's own sandboxed fetcher instead
    from .network_escapes import refuse_network_escapes  # HTML output only, not PDF or Markdown

    refuse_network_escapes(html)
    return with_content_security_policy(html)


def with_content_security_policy(html: str) -> str:
    """``html`` with the CSP ``<meta>`` before any element that could fetch something.

    A CSP ``<meta>`` governs only what follows it, so it goes right after ``<head>`` (and its
    ``<meta charset>``) when nothing but the doctype, comments and ``<html>`` precede that, and
    otherwise right after the doctype (where browsers open the head implicitly).
    """
    head = _HEAD_OPENING.match(html)
    if head is None:
        head = re.match(r"\A(\s*(?:<!doctype[^>]*>)?)", html, re.IGNORECASE)
    assert head is not None  # the fallback pattern matches the empty prefix
    return f"{html[:head.end()]}\n{_CSP_META}{html[head.end():]}"


def render_markdown(view: BriefView, *, coach_dir: Path | None = None,
                    readiness: Readiness | None = None) -> str:
    return render_template(MARKDOWN_TEMPLATE, template_context(view, readiness=readiness),
                           theme=view.theme, coach_dir=coach_dir, markdown=True)
