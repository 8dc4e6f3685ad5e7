"""`briefgen render`: one brief, many briefs in parallel, or one brief re-rendered on every change.

Three modes share one command and its options:
- one file: write it (or stream HTML/Markdown to stdout with ``-o -``); errors end the command;
- several files or a directory: a batch into ``--output DIR`` with ``--jobs`` processes, a bad
  brief is reported and skipped, exit 1 names the ones that failed;
- ``--watch``: render one brief again whenever it or its templates change, until Ctrl-C.

The pipeline, the pool and the watcher live in the library (imported when a mode runs, so that
``--help`` stays instant); this module only turns their results into lines on the terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..output import EXTENSIONS
from .app import collect_as_usual, echo, show_warnings, write_stdout

if TYPE_CHECKING:
    from ..input.design import Overrides

FORMATS = tuple(EXTENSIONS)  # pdf, html, md; briefgen.pipeline would import the whole pipeline


def complete_page(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for --page: the sizes the model accepts."""
    from ..input.models import PAGE_SIZES

    return [size for size in PAGE_SIZES if size.startswith(incomplete.lower())]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="pdf",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(allow_dash=True),
              help="Output file for one input (`-` for stdout), a directory for several. "
                   "Default: output/<name>-brief.<ext>, after the file or, for -, the candidate.")
@click.option("--templates", "-t", type=click.Path(file_okay=False),
              help="A folder of template overrides (a coach's theme); first on the search path.")
@click.option("--theme", help="Theme to use instead of the brief's design.theme.")
@click.option("--page", metavar="letter|a4", shell_complete=complete_page,
              help="Page size instead of the brief's design.page.")
@click.option("--accent", metavar="COLOR",
              help='Accent colour instead of the brief\'s design.accent, e.g. "#1f4e79" (quoted).')
@click.option("--variant", metavar="NAME|all",
              help="The brief for one interview (a name under `variants:`), or `all` for one file "
                   "per variant. Default name: <name>-<variant>-brief.<ext>.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Briefs rendered in parallel when there are several.  [default: the number of CPUs]")
@click.option("--watch", "-w", is_flag=True,
              help="Render again whenever the brief or its templates change, until Ctrl-C.")
@click.option("--with-check", is_flag=True,
              help="Add the readiness summary (briefgen check) to Markdown notes.")
@click.option("--review", is_flag=True,
              help="The review copy of the PDF or HTML, for you or your coach: every Scale-and-Ship "
                   "verdict and shortfall shown (default name: <name>-brief-review.<ext>). Without "
                   "it the page is the panel's copy: evidence only.")
@click.option("--force", is_flag=True,
              help="With - (standard input) and no -o FILE: replace output/<candidate>-brief.<ext> "
                   "even when briefgen did not write it for this candidate.")
def render(files: tuple[str, ...], fmt: str, output: str | None, templates: str | None,
           theme: str | None, page: str | None, accent: str | None, variant: str | None,
           jobs: int | None, watch: bool, with_check: bool, review: bool, force: bool) -> None:
    """Render briefs to a one-page PDF, a self-contained HTML file or Markdown notes.

    FILES are brief files or directories of them (every *.yaml inside). A brief that cannot fit
    on one page at a legible size is refused with a report of how much it overflows; nothing is
    written for a brief that fails. With several briefs, the others are still rendered and the
    exit status is 1 if any failed.

    \b
    Examples:
      briefgen render brief.yaml                     output/brief.pdf
      generate | briefgen render -                   output/<candidate>-brief.pdf
      briefgen render briefs/ -o out/ --jobs 4       every brief in briefs/, 4 at a time
      briefgen render brief.yaml -f md -o -          Markdown notes to stdout
      briefgen render brief.yaml --watch             re-render on every save
      briefgen render brief.yaml --review            the review copy, verdicts shown
      briefgen render brief.yaml --variant bedrock   output/brief-bedrock-brief.pdf
      briefgen render brief.yaml --variant all       one file per variant, in parallel

    The PDF and HTML are the panel's copy: figures and evidence, no verdict below the bar and no
    shortfall. The Markdown notes are yours and always show every verdict.
    """
    from ..input.design import Overrides, check_overrides

    if with_check and fmt != "md":
        raise click.UsageError("--with-check adds the readiness summary to Markdown: use --format md")
    overrides = Overrides(theme=theme, templates=templates, page=page, accent=accent)
    every = variant == "all"
    is_batch = len(files) > 1 or every or any(f != "-" and is_dir(f) for f in files)
    if watch or is_batch:
        check_overrides(overrides)  # once, not once per brief or per save
        collect_as_usual()  # many renders in one process (or its workers)
    if watch:
        if is_batch:
            raise click.UsageError("--watch follows one brief (and one --variant NAME); give a "
                                   "single file")
        if files[0] == "-" or output == "-":
            raise click.UsageError("--watch needs a brief file and an output file, not `-`")
        from .runs import watch_one

        watch_one(files[0], fmt, single_target(files[0], fmt, output, review, variant), overrides,
                  with_check, review, variant)
    elif is_batch:
        if output == "-":
            raise click.UsageError("--output - writes one document to stdout; give a directory "
                                   "for several briefs or variants")
        if every and output and Path(output).suffix in EXTENSIONS.values() and not is_dir(output):
            raise click.UsageError(f"--output {output} looks like a file; --variant all writes one "
                                   "file per variant into a directory")
        if "-" in files:
            raise click.UsageError("`-` (standard input) works for a single brief only")
        from .runs import render_batch

        render_batch(files, fmt, Path(output or "output"), overrides, jobs, with_check, review,
                     variant)
    else:
        _render_one(files[0], fmt, output, overrides, with_check, review, force, variant)


def _render_one(file: str, fmt: str, output: str | None, overrides: Overrides,
                with_check: bool, review: bool, force: bool, variant: str | None) -> None:
    if output == "-" and fmt == "pdf" and sys.stdout is not None and sys.stdout.isatty():
        raise click.UsageError("--output - would print a PDF on the terminal; give a file name")
    engine = None
    if fmt == "pdf":
        # Before the pipeline's imports: WeasyPrint loads in a child while the brief validates.
        from ..isolation import start

        engine = start()
    try:
        from ..pipeline import prepare, render_bytes, render_file

        warnings: list[str] = []
        if output == "-":
            data = render_bytes(prepare(file, overrides, variant=variant), fmt, readiness=with_check,
                                engine=engine, review=review, warnings=warnings)
            show_warnings(warnings)
            write_stdout(data)
            return
        # A folder (or no -o) leaves the name to the library: from standard input it is the
        # candidate's, known only once the brief is read.
        folder = Path(output) if output and is_dir(output) else None
        named = Path(output) if output and folder is None else None
        target = render_file(file, named, fmt, out_dir=folder, overrides=overrides,
                             readiness=with_check, engine=engine, replace=force,
                             review=review, warnings=warnings, variant=variant)
    finally:
        if engine is not None:
            engine.close()
    show_warnings(warnings)
    echo(f"Wrote {target}")




def single_target(file: str, fmt: str, output: str | None, review: bool = False,
                  variant: str | None = None) -> Path:
    """Where one brief goes: ``output`` itself, or the default name inside it when it is a folder."""
    from ..output import default_output

    review = review and fmt != "md"  # the notes have no panel's copy to keep apart from
    if output and is_dir(output):
        return default_output(file, fmt, Path(output), review=review, variant=variant)
    return Path(output) if output else default_output(file, fmt, review=review, variant=variant)


def is_dir(path: str) -> bool:
    """Whether ``path`` is a folder; a name the system cannot even look up is not one (the
    command then reports the name as a file it cannot read or write)."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False

