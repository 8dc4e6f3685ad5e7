"""Loaded YAML -> a validated :class:`~briefgen.models.Brief`, or every problem at once.

Pydantic's errors are rewritten into plain English and placed at the YAML line and column of
the offending key or value.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import InputError, Problem
from .load import Path_, Source, read_source
from .models import Brief


def load_brief(file: str | Path) -> tuple[Brief, Source]:
    """Read and validate a brief file (``-`` for stdin). Raises :class:`InputError`."""
    source = read_source(file)
    return validate_source(source), source


def validate_source(source: Source) -> Brief:
    if not isinstance(source.data, dict):
        kind = "a list" if isinstance(source.data, list) else "a single value"
        raise InputError([Problem(
            f"the top level must be a mapping with `candidate:` and `projects:`, not {kind}",
            file=source.file, line=1, column=1, source_line=source.line_text(1))])
    try:
        return Brief.model_validate(source.data)
    except ValidationError as exc:
        problems = [_problem(source, err) for err in exc.errors(include_url=False)]
        raise InputError(_dedupe(problems)) from None


def _problem(source: Source, err: Any) -> Problem:
    path: Path_ = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = err["type"]
    message = _message(err)
    if kind == "extra_forbidden":
        parent, key = path[:-1], str(path[-1])
        allowed = _allowed_keys(parent)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else (
            f"allowed here: {', '.join(allowed)}" if allowed else "")
        return source.problem(path, f"unknown key {key!r}", hint=hint, key=True)
    if kind == "missing":
        return source.problem(path[:-1], f"missing required field {str(path[-1])!r}",
                              key=False) if path else Problem(message, file=source.file)
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        value = err.get("input")
        options = [o.strip().strip("'\"") for o in expected.replace(" or ", ", ").split(", ")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5) if value else []
        hint = f"did you mean {close[0]!r}?" if close else ""
        return source.problem(path, f"{value!r} is not one of: {', '.join(options)}", hint=hint)
    return source.problem(path, message)


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind in ("string_type",):
        return "expected text"
    if kind in ("list_type",):
        return "expected a list (lines starting with `- `)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected a mapping of `key: value` lines"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {err['ctx']['max_length']} characters)"
    if kind == "too_short":
        return f"needs at least {err['ctx']['min_length']} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {err['ctx']['max_length']})"
    if kind.startswith("date"):
        return "expected a date written as YYYY-MM-DD"
    if kind.startswith("bool"):
        return "expected true or false"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return "expected a number"
    if kind == "string_pattern_mismatch":
        return "may contain only lowercase letters, digits, - and _"
    msg: str = err["msg"]
    return msg[0].lower() + msg[1:] if msg else kind


def _allowed_keys(parent: Path_) -> list[str]:
    """The field names of the model that sits at ``parent`` in the brief."""
    from pydantic import BaseModel

    model: Any = Brief
    for part in parent:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for problem in problems:
        key = problem.headline()
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))
