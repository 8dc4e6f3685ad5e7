"""The command line: thin click commands over the library.

Each command parses its options and calls one library function; :class:`BriefgenGroup` turns
the library's exceptions into messages and exit codes (0 ok, 1 bad input or failed render,
2 usage, 70 a bug in briefgen).
"""

from __future__ import annotations

import gc

import click

from .. import __version__
from ..output import clean_up_on_termination
from .app import BriefgenGroup, output_failed
from .check import check
from .commands import init, schema, validate
from .render import render
from .templates import templates
from .variants import variants


@click.group(cls=BriefgenGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="briefgen")
def cli() -> None:
    """Turn a YAML description of your ML projects into a one-page interview impact brief.

    \b
    Start here:
      briefgen init                     write a starter brief.yaml
      briefgen validate brief.yaml      check it, every mistake at once
      briefgen render brief.yaml        one-page PDF in output/
    """


for command in (init, validate, check, render, variants, schema):
    cli.add_command(command)
cli.add_command(templates)


def main() -> None:
    clean_up_on_termination()  # SIGTERM and SIGHUP remove a half-written file, as Ctrl-C does
    try:
        cli(prog_name="briefgen")
    except OSError as exc:  # --help or --version printed to a full disk or /dev/full
        output_failed(exc)
        raise SystemExit(1) from None
    finally:
        # The process ends with the command: leave what it made to the operating system. The
        # interpreter's last garbage collections would otherwise walk every object pydantic,
        # Jinja and WeasyPrint made (30-50 ms, a tenth of a Markdown render). Exit handlers and
        # reference-counted clean-up still run; only cyclic garbage is left unvisited.
        gc.freeze()
