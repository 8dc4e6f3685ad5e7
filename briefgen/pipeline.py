"""The whole pipeline as a library: file -> validated brief -> view -> PDF/HTML/Markdown bytes.

This is what the CLI calls; it never prints or exits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .compose import BriefView, compose
from .errors import FitError, InputError, TemplateError
from .input.models import Brief
from .input.validate import design_problems, load_brief
from .input.yaml_reader import Source
from .output import write_atomic
from .resources import templates_root, themes
from .templating.environment import unknown_theme_message
from .templating.render import render_html, render_markdown

if TYPE_CHECKING:
    from .pdf.engine import PdfResult
    from .pdf.worker import PdfWorker

FORMATS = ("pdf", "html", "md")
DENSE_THEME = "compact"  # suggested when a brief overflows another theme


@dataclass
class Prepared:
    """A brief ready to render: the model, where it came from, the view and the template folders."""

    brief: Brief
    source: Source
    view: BriefView
    coach_dir: Path | None


def prepare(file: str | Path, *, theme: str | None = None,
            templates: str | Path | None = None) -> Prepared:
    """Load, validate and compose ``file``. ``theme``/``templates`` override the YAML's design."""
    brief, source = load_brief(file, check_design=False)
    if theme is not None and theme not in themes():
        message, hint = unknown_theme_message(theme)
        raise TemplateError(f"--theme: {message}; {hint}")
    # The YAML's design is checked only where the command line does not override it.
    problems = [p for p in design_problems(source)
                if not (theme and p.path == "design.theme")
                and not (templates is not None and p.path == "design.templates")]
    if problems:
        raise InputError(problems)
    view = compose(brief)
    chosen = theme or brief.design.theme
    if chosen != view.theme:
        view = dataclasses.replace(view, theme=chosen)
    coach_dir: Path | None = None
    if templates is not None:
        coach_dir = Path(templates).resolve()
        if not coach_dir.is_dir():
            raise TemplateError(f"--templates: the folder {str(templates)!r} does not exist")
    elif brief.design.templates:
        coach_dir = coach_folder(brief, source)
    return Prepared(brief=brief, source=source, view=view, coach_dir=coach_dir)


def coach_folder(brief: Brief, source: Source) -> Path | None:
    """``design.templates`` resolved against the YAML file's folder (the working folder for stdin)."""
    if not brief.design.templates:
        return None
    return ((source.base_dir or Path.cwd()) / brief.design.templates).resolve()


def render_bytes(prepared: Prepared, fmt: str, *, with_check: bool = False,
                 engine: PdfWorker | None = None) -> bytes:
    """The finished document in ``fmt`` (pdf, html or md) as bytes.

    ``with_check`` adds the readiness summary (``briefgen check``) to the Markdown notes; it has
    no effect on the one-page PDF and HTML, which stay what the panel sees. ``engine`` is a PDF
    worker started earlier (:func:`briefgen.pdf_worker.start`) to lay the PDF out in.
    """
    view, coach = prepared.view, prepared.coach_dir
    if fmt == "md":
        readiness = None
        if with_check:
            from .scoring import score_brief  # only the notes with --with-check need the check

            readiness = score_brief(prepared.brief)
        return render_markdown(view, coach_dir=coach, readiness=readiness).encode("utf-8")
    if fmt == "html":
        return render_html(view, coach_dir=coach).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(prepared, engine=engine).data
    raise ValueError(f"unknown format {fmt!r}")


def render_pdf(prepared: Prepared, *, engine: PdfWorker | None = None) -> PdfResult:
    """The one-page PDF with how it was fitted (scale, layouts). Raises FitError when it cannot fit.

    ``engine``: lay it out in that worker process instead of this one (same result).
    """
    from .pdf.engine import PdfMetadata, Section, write_pdf  # WeasyPrint is imported only for a PDF

    view, coach = prepared.view, prepared.coach_dir
    roots = [templates_root()] + ([coach] if coach else [])
    sections = [Section(element_id=f"project-{p.number}", label=f"project {p.number} ({p.title})",
                        characters=sum(len(s.text) for s in p.star) + len(p.title))
                for p in view.projects]
    metadata = PdfMetadata(title=view.title, author=view.candidate.name, subject=view.subject,
                           keywords=list(view.keywords), lang=view.lang, generator=view.generator)
    try:
        return (engine.write_pdf if engine is not None else write_pdf)(
            lambda fit: render_html(view, coach_dir=coach, scale=fit, for_pdf=True),
            page=view.page, base_dir=templates_root() / view.theme, allowed_roots=roots,
            metadata=metadata, sections=sections)
    except FitError as exc:
        if view.theme == DENSE_THEME or DENSE_THEME not in themes() or coach is not None:
            raise
        # The dense theme holds about a third more: say so rather than leave the user guessing.
        report = dataclasses.replace(
            exc.report, advice=f"Or try the denser theme: --theme {DENSE_THEME} "
                               f"(or design.theme: {DENSE_THEME}).")
        raise FitError(report) from None


def render_file(file: str | Path, output: Path, fmt: str = "pdf", *, theme: str | None = None,
                templates: str | Path | None = None, with_check: bool = False,
                engine: PdfWorker | None = None) -> Path:
    """Render ``file`` to ``output`` atomically; on any failure the old ``output`` is untouched."""
    data = render_bytes(prepare(file, theme=theme, templates=templates), fmt, with_check=with_check,
                        engine=engine)
    write_atomic(output, data)
    return output
