"""The one place where library errors become messages and exit codes.

:class:`BriefgenGroup` wraps every sub-command, so ``briefgen`` on a terminal and click's
``CliRunner`` in tests behave the same: a :class:`BriefgenError` is printed plainly with exit 1,
a bug prints a short "this is a bug" line and its traceback with exit 70.
"""

from __future__ import annotations

import traceback
from typing import Any

import click

from ..errors import BriefgenError, InputError

EXIT_BUG = 70


def report(exc: BriefgenError) -> None:
    """Print a library error to stderr in the form users see everywhere."""
    if isinstance(exc, InputError):
        click.echo(exc.format(), err=True)
    else:
        click.echo(f"Error: {exc}", err=True)


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
