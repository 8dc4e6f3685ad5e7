"""The render stage: a brief's plain-data context -> HTML or Markdown text through its templates.

The HTML file is meant to be opened offline and shared, and its template may be a coach's: it
gets a Content-Security-Policy as the first thing in the document, so whatever the template
links (images, style sheets, fonts, scripts, frames, form targets) a browser fetches nothing but
inline styles and ``data:`` images, and the few ways to reach the network that such a policy does
not cover (``<meta http-equiv=refresh>``, prefetch and preconnect hints, ``<base>``) are refused.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .environment import HTML_TEMPLATE, MARKDOWN_TEMPLATE, Environments

if TYPE_CHECKING:
    from ..input.design import Design

CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
_HEAD_OPENING = re.compile(
    r"\A\s*(?:<!doctype[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<html\b[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<head\b[^>]*>(?:\s*<meta\s+charset[^>]*>)?", re.IGNORECASE | re.DOTALL)
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'


def html_for_pdf(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as HTML for the PDF engine, which fetches through briefgen's own sandboxed
    fetcher instead of a browser's."""
    return environments.render(HTML_TEMPLATE, {**context, "for_pdf": True}, design.search_path(),
                               theme=design.theme.name)


def html_document(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as the self-contained HTML output: checked, with its security policy first."""
    html = environments.render(HTML_TEMPLATE, {**context, "for_pdf": False}, design.search_path(),
                               theme=design.theme.name)
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


def markdown_notes(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as Markdown notes, every printed value escaped for CommonMark."""
    return environments.render(MARKDOWN_TEMPLATE, {**context, "for_pdf": False},
                               design.search_path(), markdown=True, theme=design.theme.name)
