"""`briefgen render`: one or many briefs to PDF, HTML or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import BriefgenError
from ..output import default_output, write_atomic
from ..pipeline import FORMATS, prepare, render_bytes


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
@click.option("--with-check", is_flag=True, help="Add the readiness summary to Markdown notes.")
def render(files: tuple[str, ...], fmt: str, output: str | None, templates: str | None,
           theme: str | None, with_check: bool) -> None:
    """Render briefs to a one-page PDF, a self-contained HTML file or Markdown notes.

    A brief that cannot fit on one page at a legible size is refused with a report of how much
    it overflows; nothing is written for a brief that fails.
    """
    from .app import report

    if with_check and fmt != "md":
        raise click.UsageError("--with-check adds the readiness summary to Markdown: use --format md")
    many = len(files) > 1
    if output == "-" and (many or fmt == "pdf" and sys.stdout.isatty()):
        raise click.UsageError("--output - writes one text document to stdout; "
                               "give a file or directory instead")
    out_dir = Path(output) if (many and output) else None
    failed = 0
    for file in files:
        try:
            data = render_bytes(prepare(file, theme=theme, templates=templates), fmt, with_check=with_check)
            if output == "-":
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                continue
            target = Path(output) if (output and not many) else default_output(file, fmt, out_dir)
            write_atomic(target, data)
            click.echo(f"Wrote {target}")
        except BriefgenError as exc:
            if not many:
                raise
            report(exc)
            failed += 1
    if failed:
        click.echo(f"{failed} of {len(files)} briefs failed", err=True)
        raise click.exceptions.Exit(1)
