"""The whole pipeline as a library: file -> validated brief -> view -> PDF/HTML/Markdown bytes.

This is what the CLI calls; it never prints or exits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .compose import BriefView, compose
from .errors import TemplateError
from .load import Source
from .models import Brief
from .output import write_atomic
from .render import render_html, render_markdown
from .resources import templates_root, themes
from .scoring import score_brief
from .validate import load_brief

FORMATS = ("pdf", "html", "md")


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
    brief, source = load_brief(file)
    view = compose(brief)
    chosen = theme or brief.design.theme
    if chosen not in themes():
        raise TemplateError(
            f"unknown theme {chosen!r}; the available themes are: {', '.join(themes())}")
    if chosen != view.theme:
        view = dataclasses.replace(view, theme=chosen)
    coach_dir: Path | None = None
    if templates is not None:
        coach_dir = Path(templates).resolve()
    elif brief.design.templates:
        base = source.base_dir or Path.cwd()
        coach_dir = (base / brief.design.templates).resolve()
    return Prepared(brief=brief, source=source, view=view, coach_dir=coach_dir)


def render_bytes(prepared: Prepared, fmt: str, *, with_check: bool = False) -> bytes:
    """The finished document in ``fmt`` (pdf, html or md) as bytes.

    ``with_check`` adds the readiness summary (``briefgen check``) to the Markdown notes; it has
    no effect on the one-page PDF and HTML, which stay what the panel sees.
    """
    view, coach = prepared.view, prepared.coach_dir
    if fmt == "md":
        readiness = score_brief(prepared.brief) if with_check else None
        return render_markdown(view, coach_dir=coach, readiness=readiness).encode("utf-8")
    if fmt == "html":
        return render_html(view, coach_dir=coach).encode("utf-8")
    if fmt == "pdf":
        from .pdf import write_pdf  # WeasyPrint is imported only when a PDF is made

        roots = [templates_root()] + ([coach] if coach else [])
        sections = [(f"project {p.number} ({p.title})",
                     sum(len(s.text) for s in p.star)) for p in view.projects]
        result = write_pdf(
            lambda fit: render_html(view, coach_dir=coach, scale=fit, for_pdf=True),
            page=view.page, base_dir=templates_root() / view.theme, allowed_roots=roots,
            metadata_sections=sections)
        return result.data
    raise ValueError(f"unknown format {fmt!r}")


def render_file(file: str | Path, output: Path, fmt: str = "pdf", *, theme: str | None = None,
                templates: str | Path | None = None) -> Path:
    """Render ``file`` to ``output`` atomically; on any failure the old ``output`` is untouched."""
    data = render_bytes(prepare(file, theme=theme, templates=templates), fmt)
    write_atomic(output, data)
    return output
