"""`briefgen render` for many briefs at once, and `--watch`: what the user sees while they run."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .app import echo

if TYPE_CHECKING:
    from ..input.design import Overrides


def render_batch(inputs: tuple[str, ...], fmt: str, out_dir: Path, overrides: Overrides,
                 jobs: int | None, with_check: bool, review: bool = False) -> None:
    from ..errors import EXIT_BUG
    from ..runs.batch import default_jobs, expand_inputs, plan, render_many

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"--output {out_dir} is a file; several briefs need a directory")
    todo = plan(expand_inputs(inputs), fmt, out_dir, overrides=overrides, readiness=with_check,
                review=review)
    workers = min(jobs or default_jobs(), len(todo))
    # The bar is for people watching a terminal; logs and pipes get one line per brief instead.
    show_bar = sys.stderr.isatty()
    failures = []
    start = time.perf_counter()
    progress: Any = (click.progressbar(length=len(todo), label=f"Rendering {len(todo)} briefs",
                                       file=sys.stderr, show_pos=True, show_eta=True)
                     if show_bar else contextlib.nullcontext())
    with progress as bar:
        for result in render_many(todo, workers):
            if not result.ok:
                failures.append(result)
            for notice in result.notices:
                echo(f"{result.job.source}: {notice}", err=True)
            if bar is not None:
                bar.update(1)
            elif result.ok:
                echo(f"Wrote {result.job.target}")
            else:
                echo(result.error or "", err=True)
    elapsed = time.perf_counter() - start
    if show_bar:
        for result in failures:
            echo(result.error or "", err=True)
    done = len(todo) - len(failures)
    rate = f", {done / elapsed:.1f} per second" if done and elapsed > 0 else ""
    echo(f"Rendered {done} of {len(todo)} briefs into {out_dir}/ in {elapsed:.1f} s "
         f"({workers} job{'s' if workers != 1 else ''}{rate}).", err=True)
    if failures:
        names = ", ".join(r.job.source for r in failures)
        echo(f"{len(failures)} failed: {names}", err=True)
        raise click.exceptions.Exit(EXIT_BUG if any(r.bug for r in failures) else 1)


def watch_one(file: str, fmt: str, target: Path, overrides: Overrides, with_check: bool,
              review: bool = False) -> None:
    from ..runs.watch import Rendered, watch

    echo(f"Watching {file} and its templates; Ctrl-C to stop.", err=True)
    try:
        for event in watch(file, target, fmt, overrides=overrides, readiness=with_check,
                           review=review):
            stamp = time.strftime("%H:%M:%S")
            why = ""
            if event.changed:
                shown = ", ".join(_short(p) for p in event.changed[:3])
                more = f" and {len(event.changed) - 3} more" if len(event.changed) > 3 else ""
                why = f" ({shown}{more} changed)"
            if isinstance(event, Rendered):
                echo(f"{stamp} Wrote {event.target} in {event.seconds:.2f} s{why}")
            else:
                echo(f"{stamp} Failed{why}; still watching:\n{event.message}", err=True)
    except KeyboardInterrupt:
        # Ctrl-C is how a watch ends: a normal exit, no traceback, the last output intact.
        click.echo("Stopped watching.", err=True)


def _short(path: Path) -> str:
    """``path`` relative to the current directory when it is below it (shorter lines)."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
