"""`briefgen check`: readiness scores on the Impact-First matrix, as a table or as JSON."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # the models and scoring load pydantic: imported when `check` runs, not for --help
    from ..input.models import Brief
    from ..scoring.result import Readiness

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}
_TITLE_WIDTH = 34
_WRAP = 100


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON (docs/check-json.md): one object, or a list of them for several files.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=0, show_default=True,
              help="Exit with status 1 when a brief scores below this.")
@click.option("--variant", metavar="NAME",
              help="Score the brief for that interview (a name under `variants:`): its projects, "
                   "target and thresholds.")
def check(files: tuple[str, ...], as_json: bool, min_score: float, variant: str | None) -> None:
    """Score briefs the way an interview panel will, and say exactly what to fix.

    Each project is scored on the Impact-First matrix: technical depth (40), product impact (40)
    and leadership (20), with its Scale-and-Ship verdict; every point lost comes with a fix in
    your own figures. Exit status 0 when every brief scores at least --min-score, 1 when one
    scores lower or a file is invalid (nothing is scored then).
    """
    from ..scoring.rules import score_brief

    briefs = _load_all(files, variant)
    results = [(name, brief, score_brief(brief)) for name, brief in briefs]
    passed = all(r.score >= min_score for _, _, r in results)
    if as_json:
        docs = [_json_doc(name, r, min_score) for name, _, r in results]
        payload: Any = docs[0] if len(docs) == 1 else docs
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        colour = use_colour()
        for i, (name, brief, r) in enumerate(results):
            if i:
                click.echo("")
            click.echo(_human(name, brief, r, min_score, colour), color=colour)
    if not passed:
        raise click.exceptions.Exit(1)


def use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _load_all(files: tuple[str, ...], variant: str | None = None) -> list[tuple[str, Brief]]:
    """Every file validated (and its ``variant`` selected) before any is scored; a single bad
    file raises for cli/app.py to map."""
    from ..errors import BriefgenError
    from ..input.validate import load_brief
    from ..input.variants import select
    from .app import each_brief, report

    def named(file: str) -> str:
        return _name(file) + (f" (variant {variant})" if variant else "")

    if len(files) == 1:
        one, _ = load_brief(files[0])
        return [(named(files[0]), select(one, variant, files[0]) if variant else one)]
    loaded = []
    for file, brief in each_brief(files):
        try:
            if brief is not None:
                loaded.append((named(file), select(brief, variant, file) if variant else brief))
        except BriefgenError as exc:
            report(exc)
    failed = len(files) - len(loaded)
    if failed:
        click.echo(f"{failed} of {len(files)} briefs are invalid; nothing was scored", err=True)
        raise click.exceptions.Exit(1)
    return loaded


def _name(file: str) -> str:
    return "<stdin>" if file == "-" else file


def _json_doc(name: str, r: Readiness, min_score: float) -> dict[str, Any]:
    from ..scoring.json_report import to_json

    body = to_json(r)
    gate = {"min_score": int(min_score) if float(min_score).is_integer() else min_score,
            "passed": r.score >= min_score}
    # Key order is for people reading it: where, how good, whether it passed, then the detail.
    return {"file": name, "schema_version": body.pop("schema_version"), "score": body.pop("score"),
            **gate, **body}


def _human(name: str, brief: Brief, r: Readiness, min_score: float, colour: bool) -> str:
    from ..errors import printable
    from ..scoring.result import AXES, points_text

    def style(text: str, fg: str, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold) if colour else text

    def score_fg(score: float, best: float) -> str:
        fraction = score / best if best else 1.0
        return "green" if fraction >= 0.8 else ("yellow" if fraction >= 0.6 else "red")

    # The user's own words are made printable before colour codes are added around them.
    head = f"{printable(name)}: {printable(brief.candidate.name)}, readiness "
    lines = [head + style(f"{r.score_text} ({r.label})", score_fg(r.score, 100), bold=True)]
    columns = ["#", "project".ljust(_TITLE_WIDTH)] + [
        f"{axis} /{points_text(r.weights.of(axis))}" for axis in AXES] + ["score", "scale"]
    lines.append("  " + "  ".join(columns))
    widths = [len(c) for c in columns]
    for p in r.projects:
        cells = [str(p.number).rjust(widths[0]), _clip(printable(p.title), _TITLE_WIDTH)]
        for axis, width in zip(AXES, widths[2:5], strict=True):
            value = points_text(p.axes.of(axis)).rjust(width)
            cells.append(style(value, score_fg(p.axes.of(axis), r.weights.of(axis))))
        cells.append(style(points_text(p.score).rjust(widths[5]), score_fg(p.score, 100)))
        cells.append(p.verdict.label.lower() if p.verdict.meets_bar
                     else style(p.verdict.label.lower(), "yellow"))
        lines.append("  " + "  ".join(cells))
    for note in r.notes:
        lines.append(_wrap(printable(note), "  ", "  "))
    cov = r.coverage
    lines.append(_wrap("principles covered: " + (" · ".join(cov.covered) or "none yet"), "  ", "    "))
    if cov.missing:
        lines.append(_wrap("often asked, no story yet: " + " · ".join(cov.missing), "  ", "    "))
    for p in r.projects:
        if not p.findings:
            continue
        lines.append("")
        lines.append(f"  {p.number}. {printable(p.title)}")
        for f in p.findings:
            cost = f" (-{points_text(f.points)} {f.axis})" if f.points else ""
            tag = style(f"{f.severity:<8}", _SEVERITY_COLOUR[f.severity], bold=f.severity == "error")
            lines.append(_wrap(f"{printable(f.message)}{cost}", f"     {tag} ", " " * 14))
            lines.append(_wrap(f"fix: {printable(f.fix)}", " " * 14, " " * 19))
    if r.score < min_score:
        lines.append("")
        lines.append(style(f"  Below --min-score {points_text(min_score)}: scored {points_text(r.score)}.",
                           "red", bold=True))
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[:width - 1] + "…"


def _wrap(text: str, first: str, rest: str) -> str:
    """Wrap ``text`` under a first-line prefix (which may carry colour codes) and a hanging indent."""
    lines = textwrap.wrap(text, width=_WRAP - len(rest), break_on_hyphens=False) or [""]
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])
