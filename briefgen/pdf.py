"""HTML -> a one-page PDF with WeasyPrint. The only module that imports WeasyPrint.

The one-page guarantee lives here: render, count pages, and when the content overflows, measure
by how much (on a very tall page) and shrink type and spacing by the measured ratio, down to a
legible floor; past the floor, raise :class:`FitError` with the overflow report.
Themes size everything in ``rem`` from ``html { font-size: calc(var(--fit, 1) * ...) }``, so one
custom property scales the whole design.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .errors import FitError, OverflowReport, RenderError

MIN_FIT = 0.88  # 9.5 pt body text * 0.88 = 8.4 pt: the legibility floor
MAX_ATTEMPTS = 6
_MM_PER_PX = 25.4 / 96

PAGE_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


@dataclass
class PdfResult:
    data: bytes
    fit: float  # the scale the brief was rendered at (1.0 = as designed)
    pages: int


def safe_url_fetcher(allowed_roots: list[Path]) -> Callable[[str], Any]:
    """A fetcher that serves ``data:`` URIs and files inside ``allowed_roots`` only.

    Everything else (``http(s):``, ``file:`` elsewhere, ``ftp:`` ...) is refused, so neither user
    text nor a coach's template can make a render read local files or reach the network.
    """
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    roots = [r.resolve() for r in allowed_roots]

    class _Fetcher(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"briefgen does not fetch {parsed.scheme or 'relative'} URLs")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise ValueError("briefgen only reads files inside the theme folders")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return _Fetcher(allowed_protocols={"file", "data"})


def write_pdf(render_html: Callable[[float], str], *, page: str, base_dir: Path,
              allowed_roots: list[Path], metadata_sections: list[tuple[str, int]]) -> PdfResult:
    """Render ``render_html(fit)`` to exactly one page, shrinking ``fit`` when needed."""
    import weasyprint

    fetcher = safe_url_fetcher(allowed_roots)
    fonts = weasyprint.text.fonts.FontConfiguration()

    def layout(fit: float, tall: bool = False) -> Any:
        extra = f":root {{ --fit: {fit:.4f}; }}"
        if tall:
            width, _ = PAGE_SIZES_MM[page]
            extra += f"@page {{ size: {width}mm 5000mm !important; }}"
        html = weasyprint.HTML(string=render_html(fit), base_url=str(base_dir) + "/",
                               url_fetcher=fetcher)
        css = weasyprint.CSS(string=extra, font_config=fonts)
        return html.render(stylesheets=[css], font_config=fonts, pdf_tags=True)

    fit = 1.0
    document = layout(fit)
    attempts = 0
    while len(document.pages) > 1:
        attempts += 1
        available, needed = _heights(layout(fit, tall=True), page)
        if fit <= MIN_FIT or attempts > MAX_ATTEMPTS:
            raise FitError(OverflowReport(
                overflow_mm=max(needed - available, 0.5),
                page_height_mm=PAGE_SIZES_MM[page][1],
                longest=sorted(metadata_sections, key=lambda s: -s[1])[:3]))
        # Height shrinks a little faster than the scale (lines also rewrap), so aim 1% low.
        target = fit * (available / needed) * 0.99 if needed > 0 else fit * 0.97
        fit = max(MIN_FIT, min(target, fit - 0.01))
        document = layout(fit)
    try:
        data = document.write_pdf(pdf_tags=True)
    except Exception as exc:  # WeasyPrint's own failures are render errors, not bugs of ours
        raise RenderError(f"the PDF engine failed: {exc}") from exc
    return PdfResult(data=data, fit=fit, pages=len(document.pages))


def _heights(tall_document: Any, page: str) -> tuple[float, float]:
    """(available, needed) content height in mm, measured on a page tall enough for everything."""
    page_box = tall_document.pages[0]._page_box
    needed_px = page_box.children[0].margin_height()  # the root box: all the content
    page_height_px = PAGE_SIZES_MM[page][1] / _MM_PER_PX
    available_px = page_height_px - page_box.margin_top - page_box.margin_bottom
    return available_px * _MM_PER_PX, needed_px * _MM_PER_PX
