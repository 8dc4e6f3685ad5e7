"""The command line: thin click commands over the library.

Each command parses its options and calls one library function; :class:`BriefgenGroup` turns
the library's exceptions into messages and exit codes (0 ok, 1 bad input or failed render,
2 usage, 70 a bug in briefgen).
"""

from __future__ import annotations

import gc
import importlib
from typing import Any

import click

from .. import __version__
from ..output import clean_up_on_termination
from .app import BriefgenGroup, output_failed

# Each command's module, imported when that command runs (or the help lists it): `render`
# never loads the modules of `check`, `templates` and the rest (click's lazily loaded commands).
COMMANDS = {
    "check": "check", "init": "commands", "render": "render", "schema": "commands",
    "templates": "templates", "validate": "commands", "variants": "variants",
}


class LazyGroup(BriefgenGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        # click suggests a close name for an unknown command from the commands it holds; a lazy
        # group holds none until one loads, so the error is raised again with every name.
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=COMMANDS,
                                                 ctx=ctx) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return getattr(importlib.import_module(f".{module}", __name__), cmd_name)


@click.group(cls=LazyGroup,
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


def main() -> None:
    # The collector's thresholds were raised by the entry point (briefgen.launch), before the
    # PDF worker forked, so that it has them too.
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
