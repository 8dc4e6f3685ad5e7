"""The render stage: a brief's plain-data context -> HTML or Markdown text through its templates.

The HTML file is meant to be opened offline and shared, and its template may be a coach's: it is
parsed as a browser parses it, anything that would fetch, run or navigate is refused, and the
checked tree is written out with a Content-Security-Policy first in ``<head>`` (see
:mod:`briefgen.templating.html_policy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .environment import HTML_TEMPLATE, MARKDOWN_TEMPLATE, Environments

if TYPE_CHECKING:
    from ..input.design import Design

def __getattr__(name: str) -> str:
    """``CONTENT_SECURITY_POLICY`` is :mod:`~briefgen.templating.html_policy`'s, imported on first
    use: that module loads the HTML and CSS parsers, which a PDF or Markdown render never needs."""
    if name == "CONTENT_SECURITY_POLICY":
        from .html_policy import CONTENT_SECURITY_POLICY

        return CONTENT_SECURITY_POLICY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def html_for_pdf(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as HTML for the PDF engine, which fetches through briefgen's own sandboxed
    fetcher instead of a browser's."""
    return environments.render(HTML_TEMPLATE, {**context, "for_pdf": True}, design.search_path(),
                               theme=design.theme.name)


def html_document(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as the self-contained HTML output: checked, with its security policy first."""
    html = environments.render(HTML_TEMPLATE, {**context, "for_pdf": False}, design.search_path(),
                               theme=design.theme.name)
    from .assets import AssetError, Assets, asset_error
    from .html_policy import HTMLPolicyError, secure_html  # HTML only: the parsers stay out of PDF/md

    try:
        return secure_html(html, Assets(design.search_path()))
    except AssetError as exc:
        raise asset_error(exc, design.search_path(), None) from None
    except HTMLPolicyError as exc:  # say where the first problem is written
        from ..errors import Location
        from .locate import locate

        folders = [design.coach_dir] if design.coach_dir is not None else design.search_path()
        file, line = locate(folders, exc.findings[0].text) if exc.findings else (None, None)
        exc.location = Location(file, line) if file else exc.location
        raise


def markdown_notes(context: dict[str, Any], design: Design, environments: Environments) -> str:
    """The brief as Markdown notes, every printed value escaped for CommonMark."""
    return environments.render(MARKDOWN_TEMPLATE, {**context, "for_pdf": False},
                               design.search_path(), markdown=True, theme=design.theme.name)
