"""Pydantic's validation errors -> plain-English problems at the right YAML line and column.

Each error is placed at the offending key or value (a missing field at its parent's key, a bad
list item at the item) and given the fix where one exists: "did you mean", the accepted forms,
what to quote, or the key a misplaced one belongs under.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..errors import InvalidValue, Problem, closest
from .models import PRINCIPLES, Brief, Metric
from .scalars import written_text
from .source import Path_, Source

# What to write for a required field that is missing, by field name.
_REQUIRED_HINTS = {
    "candidate": "add `candidate:` with at least `name:`",
    "projects": "add `projects:` with at least one project: a title and a metric",
    "title": "add `title:` with the project's title",
    "metric": "add `metric:` with name, better, and baseline + result (or change alone)",
    "baseline": "add e.g. `baseline: 12%`",
    "result": "add e.g. `result: 3%`",
    "better": "add `better: lower` or `better: higher`",
}



def problems_from(source: Source, errors: Iterable[Any]) -> list[Problem]:
    out: list[Problem] = []
    skip: set[Path_] = set()
    principles_listed = False
    for err in errors:
        path: Path_ = tuple(p for p in err["loc"]
                            if not (isinstance(p, str) and p.startswith("function-")))
        if path in skip:
            continue
        if err["type"] == "literal_error" and _is_principle(path):
            problem, joined_with = _principle_problem(source, path, err.get("input"),
                                                      list_all=not principles_listed)
            principles_listed = principles_listed or "the 16 are" in problem.hint
            if joined_with is not None:
                skip.add(joined_with)
            out.append(problem)
            continue
        if path and path[-1] == "[key]":  # a mapping's key (a variant's name): at that key
            what = "a variant's name" if path[:1] == ("variants",) else "a name"
            out.append(source.problem(path[:-1], _slug_message(what), hint=SLUG_HINT, key=True))
            continue
        out.append(_problem(source, path, err))
    return out


SLUG_HINT = "e.g. bedrock, alexa-ai or q3-2026"


def _slug_message(what: str) -> str:
    return (f"{what} may contain only lowercase letters, digits and single hyphens between them "
            "(it becomes part of a file name)")


def _problem(source: Source, path: Path_, err: Any) -> Problem:
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(source, path)
    if kind == "missing":
        field = str(path[-1])
        hint = _REQUIRED_HINTS.get(field, "")
        if len(path) == 1:  # a top-level section: name it, at the top of the document
            return dataclasses.replace(source.problem((), "missing required section", hint=hint),
                                       path=field)
        return source.problem(path[:-1], f"missing required field `{field}`", hint=hint, key=True)
    if kind == "value_error" and isinstance(ctx.get("error"), InvalidValue):
        error: InvalidValue = ctx["error"]
        at = path + (error.field,) if error.field else path
        return source.problem(at, str(error), hint=error.hint,
                              key=isinstance(_value_at(source.data, at), (dict, list)))
    if kind == "literal_error":
        options = _literal_options(path)
        if value is None:
            return source.problem(path, "is empty", hint=f"write {_either(options)}")
        close = closest(str(value), options)
        hint = f"did you mean {close!r}?" if close else ""
        return source.problem(path, f"{_shown(value)} is not one of: {', '.join(options)}",
                              hint=hint)
    message, hint = _message(source, path, kind, value, ctx, err)
    return source.problem(path, message, hint=hint,
                          key=isinstance(value, (dict, list)) or value is None)


def _message(source: Source, path: Path_, kind: str, value: Any, ctx: dict[str, Any],
             err: Any) -> tuple[str, str]:
    """(message, hint) for the remaining error kinds, in plain English."""
    field = str(path[-1]) if path and isinstance(path[-1], str) else ""
    if value is None and kind in ("string_type", "model_type", "model_attributes_type",
                                  "dict_type", "list_type", "float_type", "bool_type"):
        return "is empty", _empty_hint(source, path, kind)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"expected a mapping of `key: value` lines, not {_kind(value)}",
                _section_hint(path))
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), ""
    if kind == "string_type":
        if isinstance(value, dict) and len(value) == 1:
            return ("expected text, but `: ` made this a `key: value` pair",
                    "put the whole text in quotes")
        return f"expected text, not {_kind(value)}", ""
    if kind == "list_type":
        if isinstance(value, str) and field == "principles":
            return "expected a list of principles", f"write it as a list: principles: [{value}]"
        return f"expected a list, not {_kind(value)}", "write each item on its own line starting with `- `"
    if kind == "string_too_short" or kind == "too_short" and isinstance(value, str):
        return "must not be empty", ""
    if kind == "string_too_long" or kind == "too_long" and isinstance(value, str):
        return (f"is too long ({len(str(value))} characters; at most {ctx['max_length']})",
                "shorten it: the brief is one page")
    if kind == "too_short":
        noun = "project" if field == "projects" else "item"
        return f"needs at least {ctx['min_length']} {noun}{_s(ctx['min_length'])}", ""
    if kind == "too_long":
        return (f"has {ctx.get('actual_length', 'too many')} items; at most {ctx['max_length']}",
                "keep the strongest ones: the brief is one page")
    if kind.startswith("bool"):
        return f"expected true or false, not {_shown(value)}", ""
    if kind.startswith(("float", "int")):
        hint = "e.g. days: 14" if field == "days" else ""
        return f"expected a number, not {_shown(value)}", hint
    if kind == "string_pattern_mismatch" and (field == "id" or "projects" in path[2:3]):
        return _slug_message("a project id"), SLUG_HINT  # projects[].id, variants.*.projects
    if kind == "string_pattern_mismatch":
        return "may contain only lowercase letters, digits, - and _", ""
    msg: str = err["msg"]
    if msg.startswith("Input should be "):  # greater_than, less_than_equal, ...
        return f"must be {msg[len('Input should be '):]}, not {_shown(value)}", ""
    return (msg[0].lower() + msg[1:] if msg else kind), ""


def _empty_hint(source: Source, path: Path_, kind: str) -> str:
    line, _ = source.locate(path, key=True)
    text = source.line_text(line)
    if " #" in text or ":#" in text.replace(" ", ""):
        return "a `#` after a space starts a comment in YAML; put the value in quotes"
    if kind == "list_type":
        return "add items on lines starting with `- `, or remove the line"
    return _section_hint(path) or "write a value after the colon"


def _section_hint(path: Path_) -> str:
    """What a section needs, e.g. "indent `name:`, `baseline:`, `result:` and `better:` under it"."""
    names = [p for p in path if isinstance(p, str)]
    model = _model_at(tuple(names)) if names else None
    if model is None:
        return ""
    if model is Metric:  # baseline and result are required together, unless `change` stands alone
        return "indent `name:`, `baseline:`, `result:` and `better:` under it"
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    if required:
        return f"indent {_either([f'`{name}:`' for name in required], 'and')} under it"
    return f"indent `key: value` lines under it, from: {', '.join(model.model_fields)}"


# --- unknown keys ------------------------------------------------------------------------------


def _unknown_key(source: Source, path: Path_) -> Problem:
    parent, key = path[:-1], str(path[-1])
    model = _model_at(parent)
    allowed = list(model.model_fields) if model else []
    close = closest(key, allowed)
    if close:
        hint = f"did you mean {close!r}?"
    elif model and (home := _child_owning(model, key)):
        hint = f"`{key}` belongs under `{home}:`"
    else:
        hint = f"allowed here: {', '.join(allowed)}" if allowed else ""
    return source.problem(path, f"unknown key {key!r}", hint=hint, key=True)


def _child_owning(model: type[BaseModel], key: str) -> str | None:
    """The field of ``model`` whose own model has ``key`` (``baseline`` -> ``metric``)."""
    for name, info in model.model_fields.items():
        inner = _inner_model(info.annotation)
        if inner is not None and key in inner.model_fields:
            return name
    return None


def _model_at(parent: Path_) -> type[BaseModel] | None:
    """The model that sits at ``parent`` in the brief."""
    model: type[BaseModel] | None = Brief
    keyed = False  # the part before was a mapping of names (``variants``): this part is a name
    for part in parent:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return None
        keyed = get_origin(field.annotation) is dict
        model = _inner_model(field.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# --- enumerations and leadership principles ----------------------------------------------------


def _literal_options(path: Path_) -> list[str]:
    names = [p for p in path if isinstance(p, str)]
    model = _model_at(tuple(names[:-1])) if names else None
    info = model.model_fields.get(names[-1]) if model and names else None
    found = _find_literal(info.annotation) if info else None
    return [str(o) for o in found] if found else []


def _find_literal(annotation: Any) -> tuple[Any, ...] | None:
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        found = _find_literal(arg)
        if found:
            return found
    return None


def _is_principle(path: Path_) -> bool:
    return len(path) >= 2 and path[-2] == "principles" and isinstance(path[-1], int)


def _principle_problem(source: Source, path: Path_, value: Any, *,
                       list_all: bool) -> tuple[Problem, Path_ | None]:
    """The problem for a principle that is not one of the 16, and the path of the next item when
    the two are one name split at its comma by a flow list (``[Are Right, A Lot]``)."""
    items = _value_at(source.data, path[:-1])
    index = path[-1]
    assert isinstance(index, int)
    if isinstance(items, list) and index + 1 < len(items):
        joined = f"{items[index]}, {items[index + 1]}"
        match = closest(joined, list(PRINCIPLES), cutoff=0.9)
        if match:
            return (source.problem(
                path, f"{_shown(items[index])} and {_shown(items[index + 1])} are one principle, "
                      "split at its comma", hint=f'put it in quotes: "{match}"'),
                path[:-1] + (index + 1,))
    if value is None:
        return source.problem(path, "is empty", hint="write a leadership principle or remove the item"), None
    close = closest(str(value), list(PRINCIPLES), cutoff=0.6)
    if close:
        hint = f"did you mean {close!r}?"
    elif list_all:
        hint = "the 16 are: " + " | ".join(PRINCIPLES)
    else:
        hint = "see the list of the 16 above"
    return source.problem(path, f"{_shown(value)} is not one of Amazon's 16 leadership principles",
                          hint=hint), None


# --- helpers -----------------------------------------------------------------------------------


def _either(options: list[str], conjunction: str = "or") -> str:
    if len(options) <= 1:
        return "".join(options)
    return ", ".join(options[:-1]) + f" {conjunction} " + options[-1]


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        in_mapping = isinstance(part, str) and isinstance(data, dict) and part in data
        if not (in_list or in_mapping):
            return None
        data = data[part]
    return data


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return _shown(value)


def _shown(value: Any) -> str:
    """A value as the author wrote it, quoted, and cut short if long."""
    if isinstance(value, bool):
        return repr(str(value).lower())
    text = written_text(value)
    if text is None:
        text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _s(n: Any) -> str:
    return "" if n == 1 else "s"
