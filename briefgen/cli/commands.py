"""`briefgen init`, `validate` and `schema`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..output import write_atomic
from .app import echo

if TYPE_CHECKING:  # pydantic is imported when a command needs the models, not for --help
    from ..input.models import Brief

# The pipeline (pydantic models, YAML, Jinja) is imported inside the commands that use it, so
# that `briefgen --help` and the commands that do not need it start instantly.

BRIEF_FILE = click.Path(dir_okay=True, allow_dash=True)


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing brief and brief.schema.json.")
@click.argument("path", default="brief.yaml", type=click.Path(dir_okay=False, path_type=Path))
def init(path: Path, force: bool) -> None:
    """Write a starter brief (default: ./brief.yaml) that validates and renders, and beside it
    brief.schema.json, which the brief's first line points editors at.

    With the schema, VS Code's YAML extension (and any editor using yaml-language-server)
    completes and explains every field offline. Edit the starter's figures and words, then run
    `briefgen validate` on it.
    """
    from ..starter import write_starter

    started = write_starter(path, force=force)
    echo(f"Wrote {started.brief}")
    if started.schema_written:
        echo(f"Wrote {started.schema} (the JSON Schema: completion and help in your editor)")
    else:
        echo(f"{started.schema} is up to date")
    echo(f"Next: briefgen validate {path} && briefgen render {path}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=BRIEF_FILE)
def validate(files: tuple[str, ...]) -> None:
    """Check brief files against the input contract; report every mistake at once.

    Use `-` to read a brief from standard input. Exit status 1 if any file is invalid.
    """
    from .app import each_brief

    failed = 0
    for file, brief in each_brief(files):
        if brief is None:
            failed += 1
        else:
            echo(ok_line("<stdin>" if file == "-" else file, brief))
    if failed:
        if len(files) > 1:
            click.echo(f"{failed} of {len(files)} files are invalid", err=True)
        raise click.exceptions.Exit(1)


def ok_line(name: str, brief: Brief) -> str:
    """``OK brief.yaml: Priya Raman, 2 projects, 1 of 2 meets the Scale-and-Ship bar (below it:
    project 2)``: one line, so a batch of files reads as a list."""
    from ..scoring.bar import judge_brief

    verdicts = judge_brief(brief)
    n = len(brief.projects)
    met = sum(bool(v.meets_bar) for v in verdicts)
    line = (f"OK {name}: {brief.candidate.name}, {n} project{'s' if n != 1 else ''}, "
            f"{met} of {n} meet{'s' if met == 1 else ''} the Scale-and-Ship bar")
    below = [f"project {i}" for i, v in enumerate(verdicts, 1) if not v.meets_bar]
    if below and met:
        line += f" (below it: {', '.join(below)})"
    if brief.variants:
        line += f"; variants: {', '.join(brief.variants)}"
    return line


@click.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Where to write the schema.")
def schema(output: str) -> None:
    """Print the JSON Schema of the brief format, for editor completion and checks.

    \b
    `briefgen init` writes it beside the brief as brief.schema.json. For another brief,
    write it with -o brief.schema.json and add to the top of the brief:
      # yaml-language-server: $schema=brief.schema.json
    """
    from ..starter import schema_text

    text = schema_text()
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(Path(output), text.encode("utf-8"))
        echo(f"Wrote {output}", err=True)
