"""`briefgen templates list|export|check`: the tools a coach needs to build a theme safely."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..output import EXTENSIONS
from .app import echo
from .render import complete_page

FORMATS = tuple(EXTENSIONS)  # pdf, html, md; briefgen.pipeline would import the whole pipeline


@click.group()
def templates() -> None:
    """List, export and check templates for a coach's own look and wording.

    \b
    A coach's folder comes first on the search path (--templates DIR, or design.templates in
    the brief): any file of the same name replaces the packaged one, and a template can
    {% extends "base/brief.html" %} and replace only the blocks it names. See TEMPLATES.md.
    \b
      briefgen templates export coach/         copy the classic theme for editing
      briefgen templates check coach/          render every sample through it
      briefgen render brief.yaml -t coach/     use it
    """


@templates.command("list", short_help="List the themes, their files and blocks.")
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
def list_themes(as_json: bool) -> None:
    """List the packaged themes, their files and the blocks each file defines."""
    from ..templating.export import describe_themes, inherited_blocks

    infos = describe_themes()
    if as_json:
        data = [{"theme": t.name, "shared": t.shared, "folder": str(t.folder),
                 "files": [{"name": f.name, "extends": f.extends, "blocks": list(f.blocks),
                            "inherited_blocks": list(inherited_blocks(t.name, f)),
                            "references": list(f.references), "error": f.error or None}
                           for f in t.files]} for t in infos]
        click.echo(json.dumps(data, indent=2))
        return
    for info in infos:
        kind = "shared skeleton every theme falls back on" if info.shared else "theme"
        click.echo(f"{info.name}  ({kind}; {info.folder})")
        width = max((len(f.name) for f in info.files), default=0)
        for f in info.files:
            parts = []
            if f.extends:
                parts.append(f"extends {f.extends}")
            if f.blocks:
                parts.append(("redefines: " if f.extends else "blocks: ") + ", ".join(f.blocks))
            elif f.is_template and not f.extends:
                parts.append("no blocks (override the whole file)")
            inherited = inherited_blocks(info.name, f) if f.extends else ()
            if inherited:
                parts.append("inherits: " + ", ".join(inherited))
            if f.error:
                parts.append(f"does not parse: {f.error}")
            click.echo(f"  {f.name:<{width}}  {'; '.join(parts)}".rstrip())


@templates.command(short_help="Copy a theme into a folder for editing.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--theme", default="classic", show_default=True, help="The theme to copy.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty, overwriting "
                                              "the exported files.")
def export(directory: Path, theme: str, force: bool) -> None:
    """Copy a theme into DIRECTORY for editing, with everything it extends from base.

    The copy renders on its own: edit any file, or replace a block in brief.html and delete
    what you did not change. Use it with `briefgen render --templates DIRECTORY` or
    `design: {templates: DIRECTORY}` in the brief.
    """
    from ..templating.export import export_theme

    written = export_theme(directory, theme, force=force)
    for path in written:
        echo(f"Wrote {path}")
    echo(f"Next: briefgen templates check {directory}")


@templates.command(short_help="Render every bundled brief through a folder; report problems.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--theme", help="Theme beneath the folder (default: each brief's design.theme).")
@click.option("--page", metavar="letter|a4", shell_complete=complete_page,
              help="Check on this page size (default: each brief's design.page).")
@click.option("--format", "-f", "formats", type=click.Choice(FORMATS), multiple=True,
              help="Check only these formats (repeatable). Default: pdf, html and md.")
@click.option("--brief", "briefs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              multiple=True, help="Check with this brief instead of the bundled ones (repeatable).")
def check(directory: Path, theme: str | None, page: str | None, formats: tuple[str, ...],
          briefs: tuple[Path, ...]) -> None:
    """Render the reference brief, every bundled sample and a dense brief through DIRECTORY, in
    every format.

    The dense brief is the one for the theme the folder is checked in (--theme, else the theme
    the folder is built on): three long projects for classic, four for compact, close to the
    one-page limit, so that an addition that pushes real briefs off the page shows here first.
    Every problem is reported once as FILE:LINE: message, with the renders it broke: syntax
    errors, undefined names, anything the sandbox refuses (private attributes, includes of
    absolute or '..' paths, runaway loops or output), external resources, a PDF that no longer
    fits on one page. A folder whose markup and style come from different themes gets a
    warning. Exit status 1 if there is any problem; warnings alone exit 0.
    """
    from ..templating.check import check_folder

    report = check_folder(directory, theme=theme, briefs=list(briefs) or None,
                          formats=formats or FORMATS, page=page)
    for problem in report.problems:
        echo(problem.format(), err=True)
    for warning in report.warnings:
        echo(f"warning: {warning}", err=True)
    n_briefs = len(report.briefs)
    summary = (f"{n_briefs} brief{'s' if n_briefs != 1 else ''} x {', '.join(report.formats)} "
               f"({report.renders} renders)")
    n_warnings = len(report.warnings)
    warned = f", {n_warnings} warning{'s' if n_warnings != 1 else ''}" if n_warnings else ""
    if report.problems:
        n = len(report.problems)
        echo(f"{directory}: {n} problem{'s' if n != 1 else ''}{warned} in {summary}", err=True)
        raise click.exceptions.Exit(1)
    echo(f"OK {directory}: {summary} rendered cleanly{warned and f' ({warned[2:]})'}")
