"""The one place where the command line turns library errors into messages and exit codes.

:class:`BriefgenGroup` wraps every sub-command, so ``briefgen`` on a terminal and click's
``CliRunner`` in tests behave the same: a :class:`BriefgenError` is printed plainly with exit 1,
a bug prints a short "this is a bug" line and its traceback with exit 70. The words come from
:func:`briefgen.errors.describe`; everything printed that came from a user's input goes through
:func:`echo`, which makes control characters visible instead of letting them act on the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from ..errors import BriefgenError, describe, exit_code, printable
from ..launch import PYTHON_GC_THRESHOLD  # Python's own, read before the entry point raised it
from ..output import Terminated

if TYPE_CHECKING:
    from ..input.models import Brief


# A write to standard output or error that failed because of where it goes, not a bug.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF, errno.EFBIG, errno.EDQUOT}


def echo(text: str, *, err: bool = False, color: bool | None = None) -> None:
    """Print a line that may hold text from the user's input."""
    click.echo(printable(text), err=err, color=color)


def show_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    """What the user should know about a document that was made (stderr, exit status 0)."""
    for warning in warnings:
        echo(f"Warning: {warning}", err=True)


def collect_as_usual() -> None:
    """Python's own garbage collection, for a command that renders many times in one process
    (a batch's workers, ``--watch``): there a raised threshold only lets garbage pile up across
    renders (a batch worker peaked at 139 MB instead of 102 MB)."""
    gc.set_threshold(*PYTHON_GC_THRESHOLD)


def report(exc: BaseException) -> None:
    """Print an error to stderr in the form users see everywhere."""
    echo(describe(exc), err=True)


def each_brief(files: tuple[str, ...]) -> Iterator[tuple[str, Brief | None]]:
    """Load each file in turn, yielding ``(file, brief)``; an invalid file is reported here and
    yields ``None``, so commands that take several files go on past it (validate, check)."""
    from ..input.validate import load_brief

    for file in files:
        if file == "-" and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
            click.echo("Reading a brief from standard input (end it with Ctrl-D)...", err=True)
        try:
            brief, _ = load_brief(file)
        except BriefgenError as exc:
            report(exc)
            yield file, None
            continue
        yield file, brief


def write_stdout(data: bytes) -> None:
    """The finished document on standard output (``-o -``)."""
    stream = sys.stdout
    if stream is None or stream.closed:
        raise BriefgenError("standard output is closed; give an output file with -o")
    stream.buffer.write(data)
    stream.buffer.flush()


class BriefgenGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Terminated as exc:
            ctx.exit(128 + exc.signum)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRORS:
                report(exc)
                ctx.exit(exit_code(exc))
            output_failed(exc)
            ctx.exit(1)
        except Exception as exc:  # BriefgenError (exit 1) or a bug (exit 70, with its traceback)
            report(exc)
            ctx.exit(exit_code(exc))


def output_failed(exc: OSError) -> None:
    """Say that the output could not be written, and stop Python from failing again at exit when
    it flushes what is left for a standard output that cannot take it."""
    if exc.errno != errno.EPIPE:  # a closed pipe (`| head`) is the reader's choice, not an error
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"Error: cannot write the output: {exc.strerror or exc}\n")
            sys.stderr.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
