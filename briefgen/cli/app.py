"""The one place where library errors become messages and exit codes.

:class:`BriefgenGroup` wraps every sub-command, so ``briefgen`` on a terminal and click's
``CliRunner`` in tests behave the same: a :class:`BriefgenError` is printed plainly with exit 1,
a bug prints a short "this is a bug" line and its traceback with exit 70.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from ..errors import BriefgenError, InputError

if TYPE_CHECKING:
    from ..input.models import Brief

EXIT_BUG = 70


def report(exc: BriefgenError) -> None:
    """Print a library error to stderr in the form users see everywhere."""
    if isinstance(exc, InputError):
        click.echo(exc.format(), err=True)
    else:
        click.echo(f"Error: {exc}", err=True)


def each_brief(files: tuple[str, ...]) -> Iterator[tuple[str, Brief | None]]:
    """Load each file in turn, yielding ``(file, brief)``; an invalid file is reported here and
    yields ``None``, so commands that take several files go on past it (validate, check)."""
    from ..input.validate import load_brief

    for file in files:
        if file == "-" and sys.stdin.isatty():
            click.echo("Reading a brief from standard input (end it with Ctrl-D)...", err=True)
        try:
            brief, _ = load_brief(file)
        except BriefgenError as exc:
            report(exc)
            yield file, None
            continue
        yield file, brief


class BriefgenGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BriefgenError as exc:
            report(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            ctx.exit(1)
        except Exception:
            click.echo("briefgen hit a bug (this is not your input's fault). Please report it "
                       "with the traceback below:", err=True)
            click.echo(traceback.format_exc(), err=True)
            ctx.exit(EXIT_BUG)
