"""The readiness result as the documented, stable JSON of ``briefgen check --json``
(``docs/check-json.md``; a test keeps the example there true)."""

from __future__ import annotations

from typing import Any

from .result import AXES, ProjectReadiness, Readiness

JSON_VERSION = 1


def to_json(readiness: Readiness) -> dict[str, Any]:
    """The documented, stable JSON shape of a readiness result (see docs/check-json.md)."""
    t = readiness.thresholds
    return {
        "schema_version": JSON_VERSION,
        "score": readiness.score,
        "label": readiness.label,
        "weights": {axis: _number(readiness.weights.of(axis)) for axis in AXES},
        "thresholds": {"min_requests": _number(t.min_requests.value),
                       "max_regression": _number(t.max_regression.value)},
        "prototype_only": readiness.prototype_only,
        "principles": {"covered": list(readiness.coverage.covered),
                       "missing": list(readiness.coverage.missing)},
        "notes": list(readiness.notes),
        "projects": [_project_json(p) for p in readiness.projects],
    }


def _project_json(p: ProjectReadiness) -> dict[str, Any]:
    v = p.verdict
    return {
        "number": p.number,
        "title": p.title,
        "score": p.score,
        "axes": {axis: p.axes.of(axis) for axis in AXES},
        "scale": {
            "meets_bar": v.meets_bar,
            "status": v.status,
            "requests": _number(v.requests),
            "regression": _number(v.regression),
            "shortfall": "; ".join(v.shortfalls) or None,
            "shortfalls": list(v.shortfalls),
            "sentence": v.sentence,
        },
        "findings": [{"severity": f.severity, "axis": f.axis, "points": f.points,
                      "message": f.message, "fix": f.fix} for f in p.findings],
    }


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
