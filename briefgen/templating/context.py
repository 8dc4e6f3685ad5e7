"""The one boundary between briefgen's objects and a template: everything becomes plain data.

A template, a coach's included, receives only ``str``, ``int``, ``float``, ``bool``, ``None``,
tuples of them (read-only lists) and :class:`Record` (a read-only mapping whose keys read as
fields: ``project.title``). No model, dataclass, Decimal, function or method of briefgen's
crosses this line, so however a template pokes at what it is given there is nothing to call:
the sandbox's job shrinks to bounding the work.

A misspelt field is reported from the documented view: "no field 'nmae' in candidate (did you
mean 'name'?)", never with an internal class name.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined
from jinja2.utils import missing

from ..errors import closest

if TYPE_CHECKING:
    from ..compose import BriefView
    from ..scoring.result import Readiness

Plain = Any  # str | int | float | bool | None | tuple[Plain, ...] | Record

# What an item of a list field is called in TEMPLATES.md (``{% for project in projects %}``).
_ITEM_NAMES = {"projects": "project", "figures": "figure", "star": "part", "findings": "finding"}


class Record(Mapping[str, Any]):
    """A read-only mapping of plain data that a template reads by field or by key.

    It has no public attribute of its own beyond the mapping methods, and the sandbox looks a
    field up before those (``{{ record.items }}`` is the field ``items`` when there is one).
    """

    __slots__ = ("_fields", "_name")

    def __init__(self, fields: dict[str, Any], name: str):
        self._fields = fields
        self._name = name  # what TEMPLATES.md calls it: "candidate", "project", "project.change"

    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return repr(self._fields)

    def __reduce__(self) -> tuple[Any, ...]:  # a render job crosses into a child process
        return (Record, (self._fields, self._name))


def record_name(record: Record) -> str:
    """What TEMPLATES.md calls ``record``: "candidate", "project", "project.change"."""
    return record._name


def plain(value: Any, name: str) -> Plain:
    """``value`` as plain data. Only types known to be data are accepted: anything else is a bug
    here, caught by the tests before a template could see it."""
    if value is None or type(value) in (str, bool):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)  # a YAML integer remembers its text: drop that, keep the number
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return str(value)  # e.g. Markup: a template decides what is safe, not the data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Record({f.name: plain(getattr(value, f.name), f"{name}.{f.name}")
                       for f in dataclasses.fields(value)}, name)
    if isinstance(value, Mapping):
        return Record({str(k): plain(v, f"{name}.{k}") for k, v in value.items()}, name)
    if isinstance(value, (list, tuple)):
        item = _ITEM_NAMES.get(name.rsplit(".", 1)[-1], f"{name} item")
        return tuple(plain(v, item) for v in value)
    raise TypeError(f"{type(value).__name__} is not plain data and cannot reach a template")


def template_context(view: BriefView, *, for_pdf: bool = False,
                     readiness: Readiness | None = None, review: bool = False) -> dict[str, Plain]:
    """Everything a template receives: the view's fields at top level, ``brief`` (all of them as
    one record), ``for_pdf``, ``readiness`` (the check's summary for the notes, or None) and
    ``review`` (true for the review copy, ``render --review``: verdicts and shortfalls shown)."""
    # Named as a template names them: "candidate", not "brief.candidate".
    fields = {f.name: plain(getattr(view, f.name), f.name) for f in dataclasses.fields(view)}
    context: dict[str, Plain] = dict(fields)
    context.update(brief=Record(fields, "brief"), for_pdf=bool(for_pdf),
                   readiness=readiness_data(readiness) if readiness is not None else None,
                   review=bool(review))
    return context


def readiness_data(readiness: Readiness) -> Record:
    """The readiness check's result as the notes' templates read it (see ``base/readiness.md``)."""
    projects = tuple(Record({
        "number": p.number, "title": p.title, "score": p.score, "score_text": p.score_text,
        "axes_text": p.axes_text,
        "verdict": plain(p.verdict, "verdict"),
        "findings": tuple(plain(f, "finding") for f in p.findings),
    }, "project") for p in readiness.projects)
    cov = readiness.coverage
    return Record({"score": readiness.score, "score_text": readiness.score_text,
                   "label": readiness.label, "weights_text": readiness.weights_text,
                   "projects": projects,
                   "principles": Record({"covered": tuple(cov.covered), "missing": tuple(cov.missing)},
                                        "readiness.principles"),
                   "prototype_only": readiness.prototype_only,
                   "notes": tuple(readiness.notes)}, "readiness")


def context_names() -> tuple[str, ...]:
    """The top-level names every template receives (for "did you mean" and ``templates check``)."""
    from ..compose import BriefView

    return (*[f.name for f in dataclasses.fields(BriefView)], "brief", "for_pdf", "readiness",
            "review")


class FieldUndefined(StrictUndefined):
    """A name or field the view does not have, said in the view's own words."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name = self._undefined_name
        owner = self._undefined_obj
        if isinstance(owner, Record) and isinstance(name, str):
            close = closest(name, list(owner), cutoff=0.7)
            hint = f" (did you mean {close!r}?)" if close else ""
            return f"no field {name!r} in {record_name(owner)}{hint}"
        if owner is missing and isinstance(name, str) and self._undefined_hint is None:
            close = closest(name, list(context_names()), cutoff=0.7)
            hint = (f" (did you mean {close!r}?)" if close
                    else " (see TEMPLATES.md for what a template receives)")
            return f"{name!r} is not a variable templates receive{hint}"
        return str(super()._undefined_message)

