"""Templates receive plain data and nothing else: no model, dataclass, Decimal, function or
method of briefgen's is reachable from what a template is given, in any format, with or without
the readiness check."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import TemplateError
from briefgen.pipeline import FORMATS, prepare, render_bytes, render_job
from briefgen.templating.context import Record, plain, template_context

from ..conftest import REFERENCE, sample_files

PLAIN = (str, int, float, bool, type(None))


def walk(value: object, path: str = "context") -> list[str]:
    """Every place in ``value`` that is not plain data, by path."""
    if type(value) in PLAIN:
        return []
    if type(value) is tuple:
        return [bad for i, item in enumerate(value) for bad in walk(item, f"{path}[{i}]")]
    if type(value) is Record:
        return [bad for key, item in value.items() for bad in walk(item, f"{path}.{key}")]
    if type(value) is dict and path == "context":
        return [bad for key, item in value.items() for bad in walk(item, key)]
    return [f"{path}: {type(value).__module__}.{type(value).__qualname__}"]


@pytest.mark.parametrize("readiness", [False, True], ids=["plain", "with-check"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", [*sample_files(), REFERENCE], ids=lambda p: p.stem)
def test_everything_reachable_from_the_context_is_plain_data(sample, fmt, readiness):
    job = render_job(prepare(sample), fmt, readiness=readiness)
    assert walk(job.context) == []
    if readiness and fmt == "md":
        assert isinstance(job.context["readiness"], Record)


def test_records_read_as_fields_and_cannot_be_changed():
    view = prepare(REFERENCE).view
    context = template_context(view)
    candidate = context["candidate"]
    assert candidate["name"] == "Priya Raman"
    with pytest.raises(TypeError):
        candidate["name"] = "x"  # type: ignore[index]
    assert isinstance(context["projects"], tuple)


def test_anything_else_is_refused_at_the_boundary():
    from decimal import Decimal

    for value in (Decimal("1.5"), object(), print, {1, 2}, b"bytes"):
        with pytest.raises(TypeError, match="not plain data"):
            plain(value, "x")


def coach(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("probe", [
    "{{ readiness.projects[0].verdict.__class__ }}",
    "{{ readiness.thresholds.parse_file('/etc/passwd') }}",
    "{{ readiness.parse_raw('x') }}",
    "{{ brief.candidate.__init__ }}",
    "{{ projects[0].change.__class__.__mro__ }}",
    "{{ candidate.keys.__self__ }}",
])
def test_there_is_nothing_to_call_from_a_template(tmp_path, probe):
    """The pydantic loaders that once ran a pickle from a coach's folder are not there to reach."""
    with pytest.raises(TemplateError) as raised:
        render_bytes(prepare(REFERENCE, templates=coach(tmp_path, probe + "\n")), "md", readiness=True)
    assert "root:" not in raised.value.message


def test_a_field_wins_over_the_mappings_own_methods(tmp_path):
    text = "{{ candidate.name }}|{{ projects|length }}|{{ candidate.items is defined }}\n"
    notes = render_bytes(prepare(REFERENCE, templates=coach(tmp_path, text)), "md").decode()
    assert notes.startswith("Priya Raman|2|")
