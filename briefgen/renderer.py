"""One render job, and the renderer that does it: templates, then (for a PDF) layout.

A :class:`RenderJob` is plain data (the template context, the design, the PDF settings), so it can
be handed to a child process as it is (:mod:`briefgen.isolation`). A :class:`Renderer` owns what
renders reuse, with one lifetime: the Jinja environments and, once a PDF is made, the PDF engine's
fonts and style sheets. Every budget resets per render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .input.design import Design
    from .pdf.engine import Engine
    from .pdf.spec import PdfJob, PdfResult
    from .templating.environment import Environments


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to make one document, as plain data."""

    fmt: str  # "pdf", "html" or "md"
    context: dict[str, Any]  # what templates receive (briefgen.templating.context)
    design: Design
    template: str  # the template file the document starts from, as errors name it
    pdf: PdfJob | None = None  # for fmt == "pdf"


class Renderer:
    """Makes documents from render jobs, keeping what later renders reuse."""

    def __init__(self) -> None:
        self._environments: Environments | None = None
        self._engine: Engine | None = None

    @property
    def environments(self) -> Environments:
        """The Jinja environments, created on the first template: a PDF child that lays out a
        packaged theme's finished HTML never imports Jinja (it would cost the child ~25 ms while
        the parent waits for it)."""
        if self._environments is None:
            from .templating.environment import Environments

            self._environments = Environments()
        return self._environments

    @property
    def engine(self) -> Engine:
        """The PDF engine, created (and WeasyPrint imported) on the first PDF."""
        if self._engine is None:
            from .pdf.engine import Engine

            self._engine = Engine()
        return self._engine

    def html_for_pdf(self, job: RenderJob) -> str:
        from .templating.render import html_for_pdf

        return html_for_pdf(job.context, job.design, self.environments)

    def pdf(self, job: RenderJob, html: str | None = None) -> PdfResult:
        """The one-page PDF (``html``: the job's HTML when it is already rendered)."""
        assert job.pdf is not None, "a PDF job carries its PdfJob"
        return self.engine.write_pdf(html if html is not None else self.html_for_pdf(job), job.pdf)

    def render(self, job: RenderJob) -> bytes:
        from .templating.render import html_document, markdown_notes

        if job.fmt == "pdf":
            return self.pdf(job).data
        if job.fmt == "html":
            return html_document(job.context, job.design, self.environments).encode("utf-8")
        if job.fmt == "md":
            return markdown_notes(job.context, job.design, self.environments).encode("utf-8")
        raise ValueError(f"unknown format {job.fmt!r}")


_DEFAULT: Renderer | None = None


def default_renderer() -> Renderer:
    """The process's renderer: the CLI, a batch worker and ``--watch`` share it across renders."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Renderer()
    return _DEFAULT
