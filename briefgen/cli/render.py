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

import contextlib
import sys
import time
from pathlib import Path
from typing import Any

import click

from ..output import EXTENSIONS

FORMATS = tuple(EXTENSIONS)  # pdf, html, md; briefgen.pipeline would import the whole pipeline


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="pdf",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(allow_dash=True),
              help="Output file for one input (`-` for stdout), a directory for several. "
                   "Default: output/<name>-brief.<ext>.")
@click.option("--templates", "-t", type=click.Path(file_okay=False),
              help="A folder of template overrides (a coach's theme); first on the search path.")
@click.option("--theme", help="Theme to use instead of the brief's design.theme.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Briefs rendered in parallel when there are several.  [default: the number of CPUs]")
@click.option("--watch", "-w", is_flag=True,
              help="Render again whenever the brief or its templates change, until Ctrl-C.")
@click.option("--with-check", is_flag=True,
              help="Add the readiness summary (briefgen check) to Markdown notes.")
def render(files: tuple[str, ...], fmt: str, output: str | None, templates: str | None,
           theme: str | None, jobs: int | None, watch: bool, with_check: bool) -> None:
    """Render briefs to a one-page PDF, a self-contained HTML file or Markdown notes.

    FILES are brief files or directories of them (every *.yaml inside). A brief that cannot fit
    on one page at a legible size is refused with a report of how much it overflows; nothing is
    written for a brief that fails. With several briefs, the others are still rendered and the
    exit status is 1 if any failed.

    \b
    Examples:
      briefgen render brief.yaml                     output/brief.pdf
      briefgen render briefs/ -o out/ --jobs 4       every brief in briefs/, 4 at a time
      briefgen render brief.yaml -f md -o -          Markdown notes to stdout
      briefgen render brief.yaml --watch             re-render on every save
    """
    if with_check and fmt != "md":
        raise click.UsageError("--with-check adds the readiness summary to Markdown: use --format md")
    is_batch = len(files) > 1 or any(f != "-" and Path(f).is_dir() for f in files)
    if watch:
        if is_batch:
            raise click.UsageError("--watch follows one brief; give a single file")
        if files[0] == "-" or output == "-":
            raise click.UsageError("--watch needs a brief file and an output file, not `-`")
        _watch(files[0], fmt, output, templates, theme, with_check)
    elif is_batch:
        if output == "-":
            raise click.UsageError("--output - writes one document to stdout; give a directory "
                                   "for several briefs")
        if "-" in files:
            raise click.UsageError("`-` (standard input) works for a single brief only")
        _render_batch(files, fmt, Path(output or "output"), templates, theme, jobs, with_check)
    else:
        _render_one(files[0], fmt, output, templates, theme, with_check)


def _render_one(file: str, fmt: str, output: str | None, templates: str | None,
                theme: str | None, with_check: bool) -> None:
    if output == "-" and fmt == "pdf" and sys.stdout.isatty():
        raise click.UsageError("--output - would print a PDF on the terminal; give a file name")
    engine = None
    if fmt == "pdf":
        # Before the pipeline's imports: WeasyPrint loads in a child while the brief validates.
        from ..pdf.worker import start

        engine = start()
    try:
        from ..pipeline import prepare, render_bytes, render_file

        if output == "-":
            data = render_bytes(prepare(file, theme=theme, templates=templates), fmt,
                                with_check=with_check, engine=engine)
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        target = render_file(file, _single_target(file, fmt, output), fmt, theme=theme,
                             templates=templates, with_check=with_check, engine=engine)
    finally:
        if engine is not None:
            engine.close()
    click.echo(f"Wrote {target}")


def _render_batch(inputs: tuple[str, ...], fmt: str, out_dir: Path, templates: str | None,
                  theme: str | None, jobs: int | None, with_check: bool) -> None:
    from ..runs.batch import default_jobs, expand_inputs, plan, render_many

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"--output {out_dir} is a file; several briefs need a directory")
    todo = plan(expand_inputs(inputs), fmt, out_dir, theme=theme, templates=templates,
                with_check=with_check)
    workers = min(jobs or default_jobs(), len(todo))
    # The bar is for people watching a terminal; logs and pipes get one line per brief instead.
    show_bar = sys.stderr.isatty()
    failures = []
    start = time.perf_counter()
    progress: Any = (click.progressbar(length=len(todo), label=f"Rendering {len(todo)} briefs",
                                       file=sys.stderr, show_pos=True, show_eta=True)
                     if show_bar else contextlib.nullcontext())
    with progress as bar:
        for outcome in render_many(todo, workers):
            if not outcome.ok:
                failures.append(outcome)
            if bar is not None:
                bar.update(1)
            elif outcome.ok:
                click.echo(f"Wrote {outcome.job.target}")
            else:
                click.echo(outcome.error, err=True)
    elapsed = time.perf_counter() - start
    if show_bar:
        for outcome in failures:
            click.echo(outcome.error, err=True)
    done = len(todo) - len(failures)
    rate = f", {done / elapsed:.1f} per second" if done and elapsed > 0 else ""
    click.echo(f"Rendered {done} of {len(todo)} briefs into {out_dir}/ in {elapsed:.1f} s "
               f"({workers} job{'s' if workers != 1 else ''}{rate}).", err=True)
    if failures:
        names = ", ".join(o.job.source for o in failures)
        click.echo(f"{len(failures)} failed: {names}", err=True)
        raise click.exceptions.Exit(70 if any(o.bug for o in failures) else 1)


def _watch(file: str, fmt: str, output: str | None, templates: str | None,
           theme: str | None, with_check: bool) -> None:
    from ..runs.watch import Rendered, watch

    target = _single_target(file, fmt, output)
    click.echo(f"Watching {file} and its templates; Ctrl-C to stop.", err=True)
    try:
        for event in watch(file, target, fmt, theme=theme, templates=templates,
                           with_check=with_check):
            stamp = time.strftime("%H:%M:%S")
            why = ""
            if event.changed:
                shown = ", ".join(_short(p) for p in event.changed[:3])
                more = f" and {len(event.changed) - 3} more" if len(event.changed) > 3 else ""
                why = f" ({shown}{more} changed)"
            if isinstance(event, Rendered):
                click.echo(f"{stamp} Wrote {event.target} in {event.seconds:.2f} s{why}")
            else:
                click.echo(f"{stamp} Failed{why}; still watching:\n{event.message}", err=True)
    except KeyboardInterrupt:
        # Ctrl-C is how a watch ends: a normal exit, no traceback, the last output intact.
        click.echo("Stopped watching.", err=True)


def _single_target(file: str, fmt: str, output: str | None) -> Path:
    """Where one brief goes: ``output`` itself, or the default name inside it when it is a folder."""
    from ..output import default_output

    if output and Path(output).is_dir():
        return default_output(file, fmt, Path(output))
    return Path(output) if output else default_output(file, fmt)


def _short(path: Path) -> str:
    """``path`` relative to the current directory when it is below it (shorter lines)."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

