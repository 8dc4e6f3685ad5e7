"""The whole pipeline as a library: file -> validated brief -> view -> PDF/HTML/Markdown bytes.

This is what the CLI, batches and ``--watch`` call; it never prints or exits. The stages:
:mod:`~briefgen.input` reads and validates the brief and resolves its design;
:mod:`~briefgen.compose` builds the view (finished sentences, formatted figures);
:mod:`~briefgen.templating` turns it into text; :mod:`~briefgen.pdf` lays that out on one page.
A coach's templates run in a bounded child process (:mod:`~briefgen.isolation`); the packaged
ones run here, or lay out in the child started early for speed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .compose import BriefView, compose
from .errors import FitError
from .input.design import Design, Overrides, resolve_design
from .input.models import Brief
from .input.source import Source
from .input.validate import load_brief
from .input.variants import select
from .ledger import check_replace, record
from .output import default_output, write_atomic
from .renderer import RenderJob, default_renderer
from .templating.context import template_context
from .templating.environment import display_path
from .templating.loader import FolderLoader
from .themes import packaged_themes

if TYPE_CHECKING:
    from .isolation import Child
    from .pdf.spec import PdfJob, PdfResult

FORMATS = ("pdf", "html", "md")


@dataclass
class Prepared:
    """A brief ready to render: the model, where it came from, its design and the view."""

    brief: Brief  # the variant's, when one was selected
    source: Source
    design: Design
    view: BriefView
    variant: str | None = None
    # Each project's number in the brief as written, when optional ones were left out (else []).
    numbers: list[int] = dataclasses.field(default_factory=list)

    @property
    def coach_dir(self) -> Path | None:
        return self.design.coach_dir


def prepare(file: str | Path, overrides: Overrides | None = None, *, theme: str | None = None,
            templates: str | Path | None = None, variant: str | None = None) -> Prepared:
    """Load, validate and compose ``file``. ``overrides`` (or ``theme``/``templates``) replace the
    YAML's design, as the command line's options do; ``variant`` selects the brief for one
    interview (:func:`briefgen.input.variants.select`)."""
    overrides = overrides or Overrides(theme=theme, templates=templates)
    brief, source = load_brief(file, overrides)
    if variant is not None:
        brief = select(brief, variant, source.file)
    design = resolve_design(brief.design, source, overrides)
    return Prepared(brief=brief, source=source, design=design, view=compose(brief, design, variant),
                    variant=variant)


def render_job(prepared: Prepared, fmt: str, *, readiness: bool = False,
               review: bool = False) -> RenderJob:
    """The render job for ``prepared`` in ``fmt``. ``readiness`` adds the readiness summary
    (``briefgen check``) to the Markdown notes; the one-page PDF and HTML stay what the panel
    sees, unless ``review`` asks for the review copy (every verdict and shortfall shown). The
    Markdown notes are the candidate's own and always show the verdicts."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    summary = None
    if readiness and fmt == "md":
        from .scoring.rules import score_brief  # only the notes with --with-check need the check

        summary = score_brief(prepared.brief)
    design, view = prepared.design, prepared.view
    if fmt != "md":  # the page's paragraphs end on two words, not one (the notes keep plain spaces)
        from .templating.typography import page_view

        view = page_view(view)
    entry = "brief.md" if fmt == "md" else "brief.html"
    found = FolderLoader(design.search_path()).find(entry)
    template = display_path(str(found)) if found is not None else entry
    return RenderJob(fmt=fmt, context=template_context(view, readiness=summary, review=review),
                     design=design, template=template or entry,
                     pdf=_pdf_job(view, design, template or entry, review) if fmt == "pdf" else None)


def render_bytes(prepared: Prepared, fmt: str, *, readiness: bool = False,
                 engine: Child | None = None, review: bool = False,
                 warnings: list[str] | None = None) -> bytes:
    """The finished document in ``fmt`` (pdf, html or md) as bytes. ``engine`` is a child process
    started earlier (:func:`briefgen.isolation.start`) to lay the PDF out in; ``review`` makes
    the review copy of a PDF or HTML page; ``warnings`` receives what the user should know about
    a document that was still made (a character no font draws, say)."""
    if fmt == "pdf":
        result = render_pdf(prepared, engine=engine, review=review)
        if warnings is not None:
            warnings.extend(pdf_warnings(prepared, result))
        return result.data
    job = render_job(prepared, fmt, readiness=readiness, review=review)
    if not job.design.trusted:
        from .isolation import render_bounded

        document = render_bounded(job, child=engine)
        assert isinstance(document, bytes)
        return document
    return default_renderer().render(job)


def render_pdf(prepared: Prepared, *, engine: Child | None = None, review: bool = False) -> PdfResult:
    """The one-page PDF with how it was fitted (scale, layouts, what it left out). Raises FitError
    when it cannot fit; ``engine``: lay it out in that child process instead of this one (same
    result); ``review``: the review copy.

    A brief that does not fit at the legibility floor loses its optional projects, the last one
    first, each time rendered again from the brief (so the numbering, the brief's scale line and
    the PDF's metadata never count a project the page does not show), until it fits; the result
    names them in ``left_out``. When it does not fit without them either, the report is the one
    for the brief without them, and says they were left out."""
    left_out: list[str] = []
    while True:
        try:
            result = _render_pdf_once(prepared, engine, review)
        except FitError as exc:
            smaller = _without_last_optional(prepared)
            if smaller is None:
                if left_out:
                    advice = ("That is with the optional " + "; ".join(left_out) + " left out."
                              + (" " + exc.report.advice if exc.report.advice else ""))
                    raise FitError(dataclasses.replace(exc.report, advice=advice)) from None
                raise
            prepared, label = smaller
            left_out.append(label)
            engine = None  # a child serves one job; the next render starts its own
            continue
        result.left_out = left_out
        return result


def left_out_line(label: str) -> str:
    """How a left-out project is announced: 'left out optional project 3 (Title) to fit one page'."""
    return f"left out optional {label} to fit one page"


def _without_last_optional(prepared: Prepared) -> tuple[Prepared, str] | None:
    """``prepared`` without its last optional project, and how that project is named (by its
    number and title in the whole brief); None when it has no optional project."""
    projects = list(prepared.brief.projects)
    optional = [i for i, p in enumerate(projects) if p.optional]
    if not optional or len(projects) == 1:
        return None
    index = optional[-1]
    number = _numbers(prepared)[index]
    label = f"project {number} ({projects[index].title})"
    brief = prepared.brief.model_copy(update={"projects": projects[:index] + projects[index + 1:]})
    view = compose(brief, prepared.design, prepared.variant)
    smaller = dataclasses.replace(prepared, brief=brief, view=view,
                                  numbers=[n for i, n in enumerate(_numbers(prepared)) if i != index])
    return smaller, label


def _numbers(prepared: Prepared) -> list[int]:
    return prepared.numbers or list(range(1, len(prepared.brief.projects) + 1))


def _render_pdf_once(prepared: Prepared, engine: Child | None, review: bool) -> PdfResult:
    job = render_job(prepared, "pdf", review=review)
    assert job.pdf is not None
    try:
        if not job.design.trusted:
            from .isolation import render_bounded

            result = render_bounded(job, child=engine)
            assert not isinstance(result, bytes)
            return result
        renderer = default_renderer()
        if engine is not None and engine.fresh:
            return engine.layout(renderer.html_for_pdf(job), job.pdf)
        return renderer.pdf(job)
    except FitError as exc:
        denser = job.design.theme.on_overflow
        if not job.design.trusted or not denser or denser not in packaged_themes():
            raise
        # The dense theme holds about a third more: say so rather than leave the user guessing.
        report = dataclasses.replace(
            exc.report, advice=f"Or try the denser theme: --theme {denser} "
                               f"(or design.theme: {denser}).")
        raise FitError(report) from None


def pdf_warnings(prepared: Prepared, result: PdfResult) -> list[str]:
    """What the user should hear about a PDF that was made: each optional project it left out
    (nothing is left out silently), and each character drawn as a box, at the field of the brief
    it came from."""
    notes = [f"{prepared.source.file}: {left_out_line(label)}" for label in result.left_out]
    if not result.undrawn:
        return notes
    from .pdf.coverage import glyph_warnings
    from .templating.locate import find_text

    folders = prepared.design.search_path()
    found = FolderLoader(folders).find("brief.html")
    entry = (display_path(str(found)) if found is not None else None) or "brief.html"

    def template_line(text: str) -> str:
        file, line = find_text(folders, text)
        return f"{display_path(file)}:{line}" if file and line else entry

    return notes + glyph_warnings(result.undrawn, prepared.source, template_line)


def render_file(file: str | Path, output: Path | None = None, fmt: str = "pdf", *,
                out_dir: Path | None = None, overrides: Overrides | None = None,
                readiness: bool = False, engine: Child | None = None, replace: bool = False,
                review: bool = False, warnings: list[str] | None = None,
                variant: str | None = None) -> Path:
    """Render ``file`` to ``output`` atomically; on any failure the old ``output`` is untouched.
    The output may not replace the brief or land in a template folder.

    Without ``output`` the file goes to its default name in ``out_dir`` (default ``output/``):
    ``<name>-brief.<ext>`` after the brief's file, or after the candidate for standard input. A
    default name from standard input never replaces a file that briefgen did not write there for
    the same candidate (:mod:`briefgen.ledger`), unless ``replace``. Returns where it wrote;
    ``warnings`` receives what :func:`render_bytes` warns of. ``variant``: the brief for that
    interview, by default in ``<name>-<variant>-brief.<ext>``.
    """
    prepared = prepare(file, overrides, variant=variant)
    from_stdin = str(file) == "-"
    claimed = output is None and from_stdin
    if output is None:
        output = default_output(str(file), fmt, out_dir, review=review,
                                candidate=prepared.brief.candidate.name, variant=variant)
    candidate = prepared.brief.candidate.name
    if claimed and not replace:
        check_replace(output, candidate)  # before the render: a refusal costs nothing
    data = render_bytes(prepared, fmt, readiness=readiness, engine=engine, review=review,
                        warnings=warnings)
    inputs = [Path(file)] if not from_stdin else []
    if prepared.design.coach_dir is not None:
        inputs.append(prepared.design.coach_dir)
    write_atomic(output, data, inputs=[*inputs, prepared.design.theme.folder.parent])
    if claimed:
        record(output, candidate, data)
    return output


def _pdf_job(view: BriefView, design: Design, template: str, review: bool = False) -> PdfJob:
    from .pdf.grow import spread_units
    from .pdf.spec import PdfJob, PdfMetadata, Section

    sections = tuple(Section(element_id=f"project-{p.number}", label=f"project {p.number} ({p.title})",
                             characters=sum(len(s.text) for s in p.star) + len(p.title))
                     for p in view.projects)
    title = view.title + (" (review copy)" if review else "")
    metadata = PdfMetadata(title=title, author=view.candidate.name, subject=view.subject,
                           keywords=tuple(view.keywords), lang=view.lang, generator=view.generator)
    # Relative addresses are found on the search path (the coach's folder first); files are read
    # from those folders only.
    return PdfJob(page=view.page, allowed_roots=tuple(design.search_path()), metadata=metadata,
                  sections=sections, template=template,
                  spread_units=spread_units([len(p.star) for p in view.projects]),
                  packaged=design.trusted)
