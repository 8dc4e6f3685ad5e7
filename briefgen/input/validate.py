"""Loaded YAML -> a validated :class:`~briefgen.input.models.Brief`, or every problem at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, Problem
from .design import Overrides, design_problems
from .messages import problems_from
from .models import Brief
from .reader import read_source
from .source import Source
from .variants import variant_problems

MAX_PROBLEMS = 50  # more than this and the rest are counted, not listed
NO_OVERRIDES = Overrides()


def load_brief(file: str | Path, overrides: Overrides = NO_OVERRIDES) -> tuple[Brief, Source]:
    """Read and validate a brief file (``-`` for stdin). Raises :class:`InputError`.

    ``overrides`` are the command line's design options: a theme or templates folder given there
    is checked instead of the brief's own.
    """
    source = read_source(file)
    return validate_source(source, overrides), source


def validate_source(source: Source, overrides: Overrides = NO_OVERRIDES) -> Brief:
    """The validated brief, or :class:`InputError` with every problem in ``source``, the
    design's included (an unknown theme, a coach folder that does not exist)."""
    data = source.data
    if data is None:
        raise InputError([Problem("the file has no content; run `briefgen init` for a starter brief",
                                  file=source.file)])
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InputError([source.problem(
            (), f"the top level must be a mapping with `candidate:` and `projects:`, not {kind}")])
    problems = design_problems(source, overrides)
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(source, exc.errors(include_url=False)))
    else:
        problems.extend(variant_problems(brief, source))
    if problems:
        raise InputError(_finish([_with_quote_hint(source, p) for p in problems], source.file))
    return brief


def _with_quote_hint(source: Source, problem: Problem) -> Problem:
    end = source.long_quotes.get(problem.line or 0)
    if end is None:
        return problem
    # The quote, not the field, is the likely mistake: say so instead of the usual fix.
    note = f"the quote opened on line {problem.line} closes only on line {end}: is one missing?"
    return dataclasses.replace(problem, hint=note)


def _finish(problems: list[Problem], file: str) -> list[Problem]:
    """Drop repeats, order by position, and cap the list so a wild file stays readable."""
    seen: set[str] = set()
    out = []
    for problem in problems:
        key = problem.headline()
        if key not in seen:
            seen.add(key)
            out.append(problem)
    out.sort(key=lambda p: (p.line or 0, p.column or 0))
    if len(out) > MAX_PROBLEMS:
        extra = len(out) - MAX_PROBLEMS
        out = out[:MAX_PROBLEMS] + [Problem(f"... and {extra} more problem{'' if extra == 1 else 's'}",
                                            file=file)]
    return out

