"""HTML -> a one-page PDF with WeasyPrint. With its helper pdf_styles, the only module that
imports WeasyPrint.

The one-page guarantee lives here. Themes size everything in ``rem`` from
``html { font-size: calc(var(--fit, 1) * ...) }``, so one custom property scales the whole design.
:func:`write_pdf` lays the brief out at ``--fit: 1``; when it overflows it measures the content
height on a very tall page at the legibility floor (past it: :class:`FitError` with the measured
overflow, nothing written) and at full size, fits a power law ``height = h1 * fit**k`` through the
two measurements (``k`` is about 1 for one-line text and 2 for prose that rewraps), and lays out at
the largest fit the law says fits, narrowing the bracket with each layout while that promises
visibly larger type. One PDF is written at the end, however many layouts it took.

A layout "fits" only when it is one page, no line sits below the page's content area or under a
box that hides its overflow, and no text went missing: WeasyPrint silently drops what a
fixed-height box pushes past the page end, so a page count alone would pass a clipped brief.

Rendering is sandboxed: :func:`safe_url_fetcher` serves only ``data:`` URIs and files inside the
template folders, and attachments (``<link rel=attachment>``, ``<a rel=attachment>``) are dropped
before the PDF is written.
"""

from __future__ import annotations

import atexit
import math
import mimetypes
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import FitError, OverflowReport, RenderError
from . import styles as pdf_styles
from .weasyprint_import import load as load_weasyprint

MIN_FIT = 0.88  # never shrink below 88% of the design, whatever its body size
LEGIBLE_BODY_PT = 8.36  # nor body text below this (classic's 9.5 pt * 0.88); compact starts at 8.5
MAX_LAYOUTS = 7  # 1 at full size + 2 measurements + the fitted layout + up to 3 refinements
# A layout that shows less text than its HTML holds is checked once on a tall page (to tell hidden
# elements from dropped text), so a render never takes more than this many layouts:
LAYOUT_BOUND = MAX_LAYOUTS + 1
HEIGHT_MARGIN = 0.005  # aim 0.5% under the page so a rewrapped line does not tip it over
MIN_GAIN = 0.02  # refine a fit that works only for 2% larger type (0.2 pt of 9.5 pt) or more
# How much of the prose's rewrapping the first guess counts on: with 0.75 it stayed below the
# largest fit that fits for the samples and 20 longer test briefs (2-5 projects, both themes,
# Letter and A4); 1.0 overshot two of them, costing a layout more.
REWRAP_CREDIT = 0.75
_TALL_PAGE_MM = 5000
_MM_PER_PX = 25.4 / 96
_TOLERANCE_PX = 0.5

# Tagged PDF (structure tree, /MarkInfo, /Lang, DisplayDocTitle) plus the PDF/UA-1 XMP
# identification and dc:title; costs about 1 ms over plain `pdf_tags=True`.
PDF_VARIANT = "pdf/ua-1"

PAGE_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}

# What a template may pull in from its own folders: style sheets, fonts and images. Anything else
# (the templates themselves, YAML, data files) is never a resource a page needs.
_SERVABLE = {".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
             ".webp"}


@dataclass(frozen=True)
class PdfMetadata:
    """The document information every brief's PDF carries, whatever its template says."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    lang: str
    generator: str


@dataclass(frozen=True)
class Section:
    """A part of the brief the overflow report can blame: the element id the template gives it."""

    element_id: str  # e.g. "project-2"
    label: str  # e.g. "project 2 (Faster in-app translation)"
    characters: int  # its size in text, used when a template does not mark it with the id


@dataclass
class PdfResult:
    data: bytes
    fit: float  # the scale the brief was rendered at (1.0 = as designed)
    pages: int
    layouts: int  # how many WeasyPrint layouts the fit took (1 when it fits as designed)
    refused: list[str] = field(default_factory=list)  # URLs the fetcher would not serve


def safe_url_fetcher(allowed_roots: list[Path], refused: list[str] | None = None) -> Any:
    """A fetcher that serves ``data:`` URIs and style, font and image files inside ``allowed_roots``.

    Everything else (``http(s):``, ``ftp:``, ``file:`` elsewhere or through a symlink out, a file
    that is not a page resource) is refused *before* anything is opened, so neither user text nor a
    coach's template can make a render read local files or reach the network. Refused URLs are
    appended to ``refused``; WeasyPrint then renders without the resource.
    """
    load_weasyprint()
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    roots = [r.resolve() for r in allowed_roots]
    log = refused if refused is not None else []

    class _Fetcher(URLFetcher):
        refused = log  # read by pdf_styles: a sheet that fetched nothing refused can be reused

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                log.append(url)
                raise ValueError(f"briefgen does not fetch {parsed.scheme or 'relative'} URLs")
            path = Path(unquote(parsed.path)).resolve()
            if (not any(path.is_relative_to(root) for root in roots)
                    or path.suffix.lower() not in _SERVABLE or not path.is_file()):
                log.append(url)
                raise ValueError("briefgen only reads style, font and image files inside the "
                                 "template folders")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    # Belt and braces: urllib never gets a handler for any other scheme either.
    return _Fetcher(allowed_protocols={"file", "data"})


_FONTS: Any = None


def _font_configuration() -> Any:
    """One Fontconfig configuration per process, shared by every render.

    A new one re-reads the system's font configuration and copies and registers every
    ``@font-face`` file again (about 20 ms a render); a shared one keeps each face, keyed by its
    rule (family, weight, URL), so a batch or ``--watch`` registers the theme's fonts once.
    """
    global _FONTS
    if _FONTS is None:
        load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
        atexit.register(_release_font_configuration)
    return _FONTS


def _release_font_configuration() -> None:
    """Drop the shared configuration at exit, while WeasyPrint's modules are still whole: its
    ``__del__`` removes its temporary folder of font files, and fails with a traceback when it runs
    during interpreter shutdown instead."""
    global _FONTS
    _FONTS = None


def preload() -> None:
    """Import WeasyPrint and build the font configuration now (a batch worker's start-up)."""
    _font_configuration()


@dataclass
class _Measure:
    fit: float
    needed_px: float  # content height on a page tall enough for everything
    sections_px: dict[str, float]
    characters: int = 0  # visible characters laid out


class _Layouts:
    """Lays the brief out at a given fit, on the real page or a very tall one, and counts layouts."""

    def __init__(self, render_html: Callable[[float], str], page: str, base_dir: Path,
                 fetcher: Any, section_ids: Iterable[str] = ()) -> None:
        self._weasyprint = load_weasyprint()
        self._render_html = render_html
        self.page = page
        self._base_url = str(base_dir) + "/"
        self._fetcher = fetcher
        self._fonts = _font_configuration()
        self._section_ids = set(section_ids)
        self._html_at: dict[float, str] = {}
        self._text: str | None = None
        self._html: Any = None
        self._sheets: list[Any] = []  # the template's style sheets, when parsed ahead (pdf_styles)
        self._html_chars: int | None = None
        self._tall: dict[float, _Measure] = {}
        self.count = 0

    def layout(self, fit: float, tall: bool = False) -> Any:
        weasyprint = self._weasyprint
        if fit not in self._html_at:  # the tall page and the real one share the template's work
            self._html_at[fit] = self._render_html(fit)
        html_text = self._html_at[fit]
        # Most templates print the same HTML at every fit (the scale is a CSS variable): parse once.
        if html_text != self._text:
            self._text, self._html_chars, self._tall = html_text, None, {}
            self._html = weasyprint.HTML(string=html_text, base_url=self._base_url,
                                         url_fetcher=self._fetcher)
            self._sheets = pdf_styles.inline_sheets(self._html, self._fonts) or []
        # A user style sheet: its !important beats a theme's own !important (CSS cascade).
        extra = f":root {{ --fit: {fit:.4f} !important; }}"
        if tall:
            width, _ = PAGE_SIZES_MM[self.page]
            extra += f"@page {{ size: {width}mm {_TALL_PAGE_MM}mm !important; }}"
        css = pdf_styles.override_sheet(extra, self._fetcher, self._fonts)
        self.count += 1
        try:
            return self._html.render(stylesheets=[*self._sheets, css], font_config=self._fonts)
        except Exception as exc:  # WeasyPrint's own failures are render errors, not bugs of ours
            raise RenderError(f"the PDF engine failed to lay out the brief: {exc}") from exc

    def measure(self, fit: float) -> _Measure:
        """Lay out on a page tall enough for everything: how high the content is at ``fit``."""
        if fit not in self._tall:
            document = self.layout(fit, tall=True)
            page_box = document.pages[0]._page_box
            limit = page_box.height / 2  # nothing real is half of a 5 m page: a stretched box
            needed = _ink_bottom(page_box.children[:1], limit) - page_box.content_box_y()
            self._tall[fit] = _Measure(fit, needed,
                                       _section_heights(page_box, self._section_ids),
                                       _laid_characters(document))
        return self._tall[fit]

    def fits(self, document: Any, fit: float) -> bool:
        """One page, nothing below its content area or cut off by a box that hides its overflow,
        and no text lost: WeasyPrint silently drops what a fixed-height box pushes past the end of
        the page (its #2346), so a page count alone would call a clipped brief a success."""
        if len(document.pages) != 1:
            return False
        page_box = document.pages[0]._page_box
        if _content_height(document) > page_box.height + _TOLERANCE_PX or _clips(page_box):
            return False
        laid = _laid_characters(document)
        if laid >= self._html_characters():
            return True
        # Less text on the page than in the HTML: hidden elements, or dropped text. A tall page,
        # where nothing can be pushed past the end, tells which.
        return laid >= self.measure(fit).characters

    def _html_characters(self) -> int:
        if self._html_chars is None:
            self._html_chars = _html_characters(self._html.etree_element)
        return self._html_chars


def write_pdf(render_html: Callable[[float], str], *, page: str, base_dir: Path,
              allowed_roots: list[Path], metadata: PdfMetadata, sections: list[Section],
              min_fit: float = MIN_FIT) -> PdfResult:
    """Render ``render_html(fit)`` to exactly one page, shrinking ``fit`` when needed.

    The floor is ``min_fit`` or the fit that sets the body text (the size most characters use) at
    ``LEGIBLE_BODY_PT``, whichever is larger. Raises :class:`FitError` (nothing to write) when the
    brief does not fit even there.
    """
    refused: list[str] = []
    layouts = _Layouts(render_html, page, base_dir, safe_url_fetcher(allowed_roots, refused),
                       [s.element_id for s in sections])
    fit = 1.0
    document = layouts.layout(fit)
    available = _available_px(document)
    if not layouts.fits(document, fit):
        body_pt = _body_pt(document)
        floor = max(min_fit, min(1.0, round(LEGIBLE_BODY_PT / body_pt, 3)))
        fit, document = _shrink(layouts, available, sections, floor, body_pt,
                                overflowing=document)
    _apply_metadata(document, metadata)
    _drop_attachments(document)
    try:
        data = document.write_pdf(pdf_variant=PDF_VARIANT)
    except Exception as exc:  # WeasyPrint's own failures are render errors, not bugs of ours
        raise RenderError(f"the PDF engine failed: {exc}") from exc
    return PdfResult(data=data, fit=fit, pages=len(document.pages), layouts=layouts.count,
                     refused=refused)


_TEMPLATE_PAGE_LOGIC = (
    "the brief is short enough for one page, but the template spreads it over more than one page "
    "or cuts part of it off (a forced page break, or a fixed height with hidden overflow?)")


def _shrink(layouts: _Layouts, available: float, sections: list[Section], min_fit: float,
            body_pt: float, overflowing: Any = None) -> tuple[float, Any]:
    """The largest fit in [min_fit, 1) whose layout is one unclipped page (to within ``MIN_GAIN``,
    or the best found in ``MAX_LAYOUTS``), and that layout.

    Every layout costs as much as the whole rest of a render, so the common case takes two: the
    failed one at full size (whose pages tell the content's height and how much of it is prose
    that rewraps) and one at the fit those predict (:func:`_first_guess`, made to err low). A
    third refines it when the two heights promise ``MIN_GAIN`` more. A guess that overshoots is
    followed by one that assumes height shrinks only as fast as the type, which fits but for
    rounding. Only when that fails too, or falls below the floor, is the floor measured on a tall
    page; a brief that cannot fit is refused after two layouts.
    """
    target = available * (1 - HEIGHT_MARGIN)
    flow = _flow_height(overflowing) if overflowing is not None else 0.0
    high = _overflow(layouts, flow, 1.0, available)  # the smallest fit known not to fit
    # Within HEIGHT_MARGIN of the page, a block that may not break moves whole to page 2 although
    # the tall page says it all fits: shrinking a little solves that. Far below it, only the
    # template's own page logic (a forced break, a fixed height) can make a second page.
    if high.needed_px <= target:
        raise RenderError(_TEMPLATE_PAGE_LOGIC)
    best: tuple[float, Any] | None = None
    low: _Measure | None = None  # the largest fit known to fit, measured
    rewrap = _rewrap_share(overflowing, flow) if overflowing is not None else 0.0
    guess = _first_guess(high, target, rewrap)
    for retry in (False, True):
        if guess <= min_fit:
            break
        document = layouts.layout(guess)
        if layouts.fits(document, guess):
            best = (guess, document)
            low = _Measure(guess, _content_height(document), {})
            break
        high = _overflow(layouts, _flow_height(document), guess, available)  # bounds from above
        # Rounding or the template's page logic, or no room left for a retry, its measurement,
        # the floor's and a layout there: the floor's measurement tells.
        if retry or high.needed_px <= target or MAX_LAYOUTS - layouts.count < 4:
            break
        # Height never shrinks slower than the type (k = 1), so this fits but for rounding and
        # for the margin a page break swallowed from the estimate: aim HEIGHT_MARGIN lower.
        guess = math.floor(target * (1 - HEIGHT_MARGIN) / high.needed_px * guess * 1000) / 1000
    if low is None:
        floor = layouts.measure(min_fit)
        if floor.needed_px > available + _TOLERANCE_PX:
            raise FitError(_report(floor, available, layouts.page, sections, body_pt))
        low = floor
    while (left := MAX_LAYOUTS - layouts.count) > 0:
        # With one layout left and nothing that fits yet, take the fit measured to fit.
        fit = low.fit if left == 1 and best is None else _interpolate(low, high, target)
        if best is not None and fit < low.fit + MIN_GAIN:
            break  # what fits is within a hair of the largest fit that could
        document = layouts.layout(fit)
        if layouts.fits(document, fit):
            best = (fit, document)
            low = _Measure(fit, _content_height(document), {})
        elif fit == low.fit:
            break  # measured to fit in height, yet not one page: the template's own page logic
        elif MAX_LAYOUTS - layouts.count >= 2:  # room to measure this fit and lay out once more
            high = layouts.measure(fit)  # the law was optimistic here: narrow the bracket
        elif best is not None:
            break
    if best is None:
        raise RenderError(_TEMPLATE_PAGE_LOGIC)
    return best


def _overflow(layouts: _Layouts, flow_px: float, fit: float, available: float) -> _Measure:
    """How tall the content of a layout at ``fit`` that did not fit really is, given ``flow_px``,
    its pages' content heights added up (:func:`_flow_height`).

    That sum comes to about what a tall page would measure (a block pushed whole to
    the next page leaves a gap the sum leaves out, so the estimate errs low, and a guess from it
    errs high by as much). That saves a layout; where it is ambiguous, measure.
    """
    if flow_px > available * (1 + 2 * HEIGHT_MARGIN):
        return _Measure(fit, flow_px, {})
    return layouts.measure(fit)


def _first_guess(high: _Measure, target_px: float, rewrap: float) -> float:
    """The fit at which content measured ``high`` should need ``target_px``, rounded down.

    Prose that wraps over several lines loses lines as the type shrinks, so its height goes with
    the square of the fit; the rest (single lines, spacing) goes with the fit. ``rewrap`` is the
    prose's share of the height; only ``REWRAP_CREDIT`` of it is counted, since a paragraph keeps
    its lines until its last one empties and a column beside a taller one saves nothing. Never
    below the fit that assumes no rewrapping at all (which fits but for rounding).
    """
    ratio = target_px / high.needed_px
    b = REWRAP_CREDIT * rewrap
    a = 1 - b
    scale = (-a + math.sqrt(a * a + 4 * b * ratio)) / (2 * b) if b > 0 else ratio
    return math.floor(high.fit * max(scale, ratio) * 1000) / 1000


def _rewrap_share(document: Any, flow: float) -> float:
    """The share of ``document``'s content height (``flow``, from :func:`_flow_height`) in
    paragraphs of two lines or more that set the height: of boxes side by side (table cells,
    flex items), only those as tall as the tallest count, and only as much as the least of them
    rewraps."""
    wrapped = sum(_wrapped_px(page._page_box) for page in document.pages)
    return min(1.0, wrapped / flow) if flow > 0 else 0.0


def _natural_height(box: Any) -> float:
    """How far ``box``'s content reaches below its top (a table cell stretches to its row)."""
    children = getattr(box, "children", ())
    if not children:
        return float(box.margin_height())
    return max(c.position_y + c.margin_height() for c in children) - box.position_y


def _wrapped_px(box: Any) -> float:
    from weasyprint.formatting_structure import boxes as wb

    children = [child for child in getattr(box, "children", ()) if isinstance(child, wb.Box)]
    lines = [child for child in children if isinstance(child, wb.LineBox)]
    if lines:
        return sum(line.height for line in lines) if len(lines) > 1 else 0.0
    total = 0.0
    band: list[Any] = []  # children that share a stretch of height: side by side
    bottom = -math.inf
    for child in sorted(children, key=lambda c: c.position_y) + [None]:
        if child is not None and child.position_y < bottom - _TOLERANCE_PX:
            band.append(child)
            bottom = max(bottom, child.position_y + child.margin_height())
            continue
        if band:
            tallest = max(_natural_height(c) for c in band)
            # A column within 10% of the tallest may set the height once that one shrinks.
            total += min(_wrapped_px(c) for c in band if _natural_height(c) >= 0.9 * tallest)
        if child is not None:
            band, bottom = [child], child.position_y + child.margin_height()
    return total


def _interpolate(low: _Measure, high: _Measure, target_px: float) -> float:
    """The fit where ``needed = target`` on the power law through two measurements."""
    if low.needed_px <= 0 or high.needed_px <= low.needed_px or high.fit <= low.fit:
        return low.fit
    k = math.log(high.needed_px / low.needed_px) / math.log(high.fit / low.fit)
    fit = high.fit * (target_px / high.needed_px) ** (1 / k)
    # Stay strictly inside the bracket; round down so the CSS value never exceeds the estimate.
    return max(low.fit, min(math.floor(fit * 1000) / 1000, high.fit - 0.001))


def _report(floor: _Measure, available: float, page: str, sections: list[Section],
            body_pt: float) -> OverflowReport:
    measured = [(s.label, floor.sections_px[s.element_id] * _MM_PER_PX)
                for s in sections if s.element_id in floor.sections_px]
    if len(measured) == len(sections) and measured:
        longest = sorted(measured, key=lambda s: -s[1])[:3]
        unit = "mm"
    else:  # a coach's template without the section ids: blame by length of text instead
        longest = [(s.label, float(s.characters))
                   for s in sorted(sections, key=lambda s: -s.characters)[:3]]
        unit = "characters"
    return OverflowReport(overflow_mm=(floor.needed_px - available) * _MM_PER_PX,
                          page_height_mm=PAGE_SIZES_MM[page][1], longest=longest, unit=unit,
                          fit=floor.fit, body_pt=body_pt)


def _available_px(document: Any) -> float:
    return float(document.pages[0]._page_box.height)


def _content_height(document: Any) -> float:
    """How far the first page's content reaches below the top of its content area, in px."""
    page_box = document.pages[0]._page_box
    return _ink_bottom(page_box.children[:1], page_box.height * 2) - page_box.content_box_y()


def _flow_height(document: Any) -> float:
    """The content height of every page of ``document`` added up, in px."""
    total = 0.0
    for page in document.pages:
        page_box = page._page_box
        total += max(0.0, _ink_bottom(page_box.children[:1], page_box.height * 2)
                     - page_box.content_box_y())
    return total


def _body_pt(document: Any) -> float:
    """The body text size as designed: the font size that most of the characters are set in."""
    from weasyprint.formatting_structure.boxes import TextBox

    sizes: dict[float, int] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox):
                size = round(box.style["font_size"] * 0.75, 2)  # CSS px -> pt
                sizes[size] = sizes.get(size, 0) + _visible_characters(box.text)
    return max(sizes, key=lambda size: sizes[size]) if sizes else LEGIBLE_BODY_PT / MIN_FIT


def _clips(page_box: Any) -> bool:
    """Whether a box that hides its overflow (``overflow: hidden`` ...) has content below it."""
    for box in page_box.descendants():
        if getattr(box, "style", None) is None or box.style["overflow"] == "visible":
            continue
        bottom = box.padding_box_y() + box.padding_height()
        if _ink_bottom(getattr(box, "children", ()), float("inf")) > bottom + _TOLERANCE_PX:
            return True
    return False


def _visible_characters(text: str | None) -> int:
    """Characters that print: not whitespace, controls or format marks (soft hyphen, ZWJ, RLM)."""
    if not text:
        return 0
    return sum(1 for c in text if not c.isspace()
               and (c.isprintable() if c < "\x80" else unicodedata.category(c)[0] not in "CZ"))


def _laid_characters(document: Any) -> int:
    from weasyprint.formatting_structure.boxes import TextBox

    return sum(_visible_characters(box.text) for page in document.pages
               for box in page._page_box.descendants() if isinstance(box, TextBox))


_UNRENDERED = {"head", "title", "style", "script", "template", "noscript"}


def _html_characters(root: Any) -> int:
    """Visible characters in the HTML's text (what the layout should show, hidden parts aside)."""
    count = 0
    stack = [root]
    while stack:
        element = stack.pop()
        if isinstance(element.tag, str) and element.tag not in _UNRENDERED:
            count += _visible_characters(element.text)
            stack.extend(element)
        count += _visible_characters(element.tail) if element is not root else 0
    return count


def _ink_bottom(boxes: Iterable[Any], limit: float) -> float:
    """The lowest edge of anything in the flow that puts ink on the page.

    Lines, images and boxes with a bottom border or a background count; absolutely positioned
    boxes (page furniture placed against the page edge) do not, nor do boxes taller than ``limit``
    (``html``/``body`` stretched to the page height, which says nothing about the content).
    """
    from weasyprint.formatting_structure import boxes as wb

    bottom = 0.0
    stack = list(boxes)
    while stack:
        box = stack.pop()
        if not isinstance(box, wb.Box) or box.style["position"] in ("absolute", "fixed"):
            continue
        if isinstance(box, wb.LineBox):
            bottom = max(bottom, box.position_y + box.height)
            continue
        height = box.border_height()
        if height <= limit and (isinstance(box, wb.ReplacedBox) or box.border_bottom_width > 0
                                or box.style["background_color"].alpha > 0):
            bottom = max(bottom, box.border_box_y() + height)
        stack.extend(getattr(box, "children", ()))
    return bottom


def _section_heights(page_box: Any, ids: set[str]) -> dict[str, float]:
    """The laid-out height of each element whose ``id`` is in ``ids``."""
    heights: dict[str, float] = {}
    for box in page_box.descendants():
        element = getattr(box, "element", None)
        element_id = element.get("id") if element is not None and box.element_tag else None
        if element_id in ids and element_id not in heights:
            heights[element_id] = box.margin_height()
    return heights


def _apply_metadata(document: Any, metadata: PdfMetadata) -> None:
    """Set the PDF's /Info and /Lang from the brief itself, not from whatever ``<meta>`` a template
    kept: a coach's template cannot drop or falsify them."""
    info = document.metadata
    info.title = metadata.title
    info.authors = [metadata.author]
    info.description = metadata.subject
    info.keywords = list(metadata.keywords)
    info.generator = metadata.generator
    info.lang = metadata.lang
    info.custom = {}


def _drop_attachments(document: Any) -> None:
    """No embedded files, whatever the template links: the fetcher already refuses most, and this
    also stops a template from attaching its own folder's files."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
