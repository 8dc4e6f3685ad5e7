"""`briefgen variants`: what each interview's brief holds, before rendering any of them."""

from __future__ import annotations

import click

from .app import echo
from .commands import BRIEF_FILE


@click.command()
@click.argument("file", type=BRIEF_FILE)
def variants(file: str) -> None:
    """List a brief's variants: each interview's target and its projects, in the order shown.

    \b
    Render one with:  briefgen render FILE --variant NAME
    Or all at once:   briefgen render FILE --variant all
    """
    from ..input.validate import load_brief
    from ..input.variants import project_ids, select
    from ..output import default_output

    brief, _ = load_brief(file)
    shown = "<stdin>" if file == "-" else file
    ids = {id(p): pid for p, pid in zip(brief.projects, project_ids(brief.projects), strict=True)}
    if not brief.variants:
        echo(f"{shown}: no variants; every render shows all {len(brief.projects)} projects. Add a "
             "`variants:` section to make a brief per interview (README: One brief per interview).")
        return
    count = len(brief.variants)
    echo(f"{shown}: {count} variant{'s' if count != 1 else ''} of {brief.candidate.name}'s brief")
    for name in brief.variants:
        chosen = select(brief, name, file)
        c = chosen.candidate
        target = ", ".join(x for x in (c.target_role, c.target_team) if x) or "no target given"
        when = f", interview {c.interview_date.isoformat()}" if c.interview_date else ""
        echo(f"\n{name}: {target}{when} -> {default_output(file, 'pdf', variant=name)}")
        for number, project in enumerate(chosen.projects, 1):
            echo(f"  {number}. {project.title} ({ids[id(project)]})")
