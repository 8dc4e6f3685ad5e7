"""Finished HTML -> a one-page PDF with WeasyPrint: lay out, fit, write once.

The engine lays the brief's HTML out at the fit :mod:`~briefgen.pdf.fit` asks for (a CSS custom
property, ``--fit``, so the HTML is parsed once whatever the fit), reads each layout through
:mod:`~briefgen.pdf.measure`, and writes the chosen one. A layout "fits" only when it is one page,
no line sits below the page's content area, past its sides or under a box that hides its
overflow, and no text went missing: WeasyPrint silently drops what a fixed-height box pushes past
the page end, so a page count alone would pass a clipped brief.

Rendering is sandboxed: the fetcher (:mod:`~briefgen.pdf.fetcher`) serves only ``data:`` URIs and
files inside the template folders, and attachments are dropped before the PDF is written.
"""

from __future__ import annotations

import atexit
import os
import shutil
from collections import OrderedDict
from typing import Any

from ..errors import FitError, OverflowReport, RenderError, TemplateError
from ..templating.assets import virtual_base
from . import measure, ua
from .fetcher import Refusal, safe_url_fetcher
from .fit import DoesNotFit, Measure, Trial, legible_floor, shrink
from .grow import grow, largest_fit
from .spec import PAGE_SIZES_MM, PdfJob, PdfMetadata, PdfResult, Section, Undrawn
from .styles import SheetCache
from .weasyprint_import import load as load_weasyprint

# Tagged PDF (structure tree, /MarkInfo, /Lang, DisplayDocTitle) plus the PDF/UA-1 XMP
# identification and dc:title; costs about 1 ms over plain `pdf_tags=True`.
PDF_VARIANT = "pdf/ua-1"
_TALL_PAGE_MM = 5000
FONT_SCOPES = 4  # template folder sets whose fonts stay registered (packaged, a few coaches')
_MM_PER_PX = 25.4 / 96


class Engine:
    """WeasyPrint with what it reuses between renders: font configurations and the parsed style
    sheets. A new font configuration re-reads the system's fonts and registers every
    ``@font-face`` file again (about 20 ms a render); a shared one keeps each face, keyed by its
    rule, so a batch or ``--watch`` registers the theme's fonts once.

    One configuration per set of template folders: a family is one face per weight and style in
    a configuration, so a coach's own ``Source Sans 3`` must not meet the packaged one in it."""

    def __init__(self) -> None:
        load_weasyprint()
        self._fonts: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        self._pid = os.getpid()
        self.sheets = SheetCache()
        atexit.register(self.release_fonts)

    def fonts(self, scope: tuple[str, ...]) -> Any:
        """The font configuration for pages whose files come from the folders ``scope``."""
        from weasyprint.text.fonts import FontConfiguration

        if self._pid != os.getpid():
            # A forked process (a bounded child, a pool worker) starts its own: an inherited
            # configuration's folder is the parent's, and a face written into it here would make
            # the parent skip registering that face (WeasyPrint takes an existing file as done).
            for inherited in self._fonts.values():
                inherited._folder = None  # so that collecting it here never removes the parent's
            self._fonts = OrderedDict()
            self.sheets = SheetCache(self.sheets.size)
            self._pid = os.getpid()
        if scope in self._fonts:
            self._fonts.move_to_end(scope)
            return self._fonts[scope]
        config = self._fonts[scope] = FontConfiguration()
        while len(self._fonts) > FONT_SCOPES:
            dropped, old = self._fonts.popitem(last=False)
            self.sheets.forget(dropped)  # their faces were registered in the dropped configuration
            _discard(old)
        return config

    def release_fonts(self) -> None:
        """Drop the font configurations at exit, while WeasyPrint's modules are still whole: their
        ``__del__`` removes a temporary folder of font files, and fails with a traceback when it
        runs during interpreter shutdown instead. The sheets parsed for them go too; a
        forked process leaves its parent's alone."""
        if self._pid != os.getpid():
            return
        for scope, config in list(self._fonts.items()):
            self.sheets.forget(scope)
            _discard(config)
        self._fonts.clear()

    def write_pdf(self, html: str, job: PdfJob) -> PdfResult:
        """``html`` on exactly one page, shrunk when needed, as PDF bytes.

        Raises :class:`FitError` (nothing to write) when the brief does not fit even at the
        legibility floor, and :class:`TemplateError` when the template asked for a resource that
        was refused (a URL, a file outside its folders, an image over the pixel budget).
        """
        refused: list[Refusal] = []
        layouts = _Layouts(self, html, job, refused)
        trial = layouts.layout(1.0)
        available = measure.available_px(trial.document)
        body_pt = measure.body_pt(trial.document)
        if trial.fits:  # short content grows to use the page: larger type, then wider gaps
            trial = grow(layouts, available, largest_fit(body_pt), trial, job.spread_units)
        else:
            try:
                trial = shrink(layouts, available, legible_floor(body_pt), trial)
            except DoesNotFit as exc:
                _refuse_resources(refused, job)
                raise FitError(_report(exc.floor, available, job.page, job.sections, body_pt)) from None
        _refuse_resources(refused, job)
        document = trial.document
        undrawn = _undrawn(document)
        _apply_metadata(document, job.metadata)
        _drop_attachments(document)
        try:
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
        except Exception as exc:  # WeasyPrint's own failures are render errors, not bugs of ours
            raise RenderError(f"the PDF engine failed: {exc}") from exc
        return PdfResult(data=data, fit=trial.fit, pages=len(document.pages),
                         layouts=layouts.count, refused=[r.url for r in refused], undrawn=undrawn,
                         spread=trial.spread)


    def layout_once(self, html: str, job: PdfJob, fit: float, spread: float = 0.0) -> Trial:
        """``html`` laid out once at ``fit`` (nothing written): whether it is one complete page,
        and the laid-out document, for tools and tests that look at one layout."""
        return _Layouts(self, html, job, []).layout(fit, spread=spread)


class _Layouts:
    """Lays one HTML document out at a given fit, on the real page or a very tall one, counting
    layouts (the :class:`~briefgen.pdf.fit.Layouts` the search drives)."""

    def __init__(self, engine: Engine, html: str, job: PdfJob, refused: list[Refusal]) -> None:
        weasyprint = load_weasyprint()
        self._engine = engine
        self._job = job
        self._refused = refused
        self._fetcher = safe_url_fetcher(list(job.allowed_roots), refused)
        # Relative addresses join onto a virtual base the fetcher maps to the template folders.
        self._html = weasyprint.HTML(string=html, base_url=virtual_base(job.allowed_roots),
                                     url_fetcher=self._fetcher)
        if job.packaged:
            ua.use_for(self._html)  # the user-agent rules that can apply to a packaged page
        scope = tuple(str(r) for r in job.allowed_roots)  # the same text finds other files elsewhere
        self._font_config = engine.fonts(scope)
        self._sheets = engine.sheets.inline_sheets(self._html, self._font_config, scope,
                                                   packaged=job.packaged) or []
        self._section_ids = {s.element_id for s in job.sections}
        self._html_chars: int | None = None
        self._tall: dict[float, Measure] = {}
        self.count = 0

    def _render(self, fit: float, tall: bool = False, spread: float = 0.0) -> Any:
        # A user style sheet: its !important beats a theme's own !important (CSS cascade).
        extra = f":root {{ --fit: {fit:.4f} !important; --spread: {spread:.1f}px !important; }}"
        if tall:
            width, _ = PAGE_SIZES_MM[self._job.page]
            extra += f"@page {{ size: {width}mm {_TALL_PAGE_MM}mm !important; }}"
        css = self._engine.sheets.override_sheet(extra, self._fetcher)
        self.count += 1
        try:
            return self._html.render(stylesheets=[*self._sheets, css], font_config=self._font_config)
        except Exception as exc:  # WeasyPrint's own failures are render errors, not bugs of ours
            raise RenderError(f"the PDF engine failed to lay out the brief: {exc}") from exc

    def layout(self, fit: float, spread: float = 0.0) -> Trial:
        document = self._render(fit, spread=spread)
        wide = measure.sticks_out(measure.page_box(document))
        fits = wide is None and self._fits(document, fit)
        return Trial(fit=fit, fits=fits, document=document, wide=wide, spread=spread,
                     content_px=measure.content_height(document) if fits else 0.0,
                     flow_px=0.0 if fits else measure.flow_height(document))

    def measure(self, fit: float) -> Measure:
        """Lay out on a page tall enough for everything: how high the content is at ``fit``."""
        if fit not in self._tall:
            needed, sections, characters = measure.tall_page(self._render(fit, tall=True),
                                                             self._section_ids)
            self._tall[fit] = Measure(fit, needed, sections, characters)
        return self._tall[fit]

    def rewrap_share(self, trial: Trial) -> float:
        return measure.rewrap_share(trial.document, trial.flow_px or trial.content_px)

    def _fits(self, document: Any, fit: float) -> bool:
        if len(document.pages) != 1:
            return False
        box = measure.page_box(document)
        if measure.content_height(document) > box.height + measure.TOLERANCE_PX or measure.clips(box):
            return False
        laid = measure.laid_characters(document)
        if laid >= self._html_characters():
            return True
        # Less text on the page than in the HTML: hidden elements, or dropped text. A tall page,
        # where nothing can be pushed past the end, tells which.
        return laid >= self.measure(fit).characters

    def _html_characters(self) -> int:
        if self._html_chars is None:
            self._html_chars = measure.html_characters(self._html.etree_element)
        return self._html_chars


def _discard(config: Any) -> None:
    """Remove the folder of font files a font configuration copied its faces into, now: its
    ``__del__`` would, but reference cycles keep a configuration alive past the end of a pool
    worker, which exits without collecting them (6 MB left in the temporary folder each time)."""
    folder = getattr(config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _undrawn(document: Any) -> list[Undrawn]:
    """The characters no font draws on the laid-out page (10-20 ms): WeasyPrint draws each as
    an empty box with exit 0, and the text layer still holds it, so only the glyphs tell."""
    from .glyphs import missing_glyphs

    return [Undrawn(m.char, m.kind, m.reason, m.text, m.count) for m in missing_glyphs(document)]


def _refuse_resources(refused: list[Refusal], job: PdfJob) -> None:
    """A brief is never written without what its template asked for: one error names them all."""
    if refused:
        from ..templating.locate import locate

        unique = list(dict.fromkeys(str(r) for r in refused))
        file, line = locate(job.allowed_roots, refused[0].url)
        raise TemplateError("the template asks for resources briefgen will not load: "
                            + "; ".join(unique), file or job.template, line)


def _report(floor: Measure, available: float, page: str, sections: tuple[Section, ...],
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
                          fit=floor.fit, body_pt=body_pt or None)


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
