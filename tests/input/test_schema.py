"""The JSON Schema editors use: every field described, every example accepted by its own field."""

from __future__ import annotations

from typing import Annotated, Any

import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from briefgen.input.reader import read_source
from briefgen.input.schema import FIELDS, MODELS, brief_schema, documented_models
from briefgen.input.yaml_tree import load_text

from ..conftest import REFERENCE, sample_files

MODEL_FIELDS = [(model, field) for model, cls in documented_models().items()
                for field in cls.model_fields]


def _adapter(model: str, field: str) -> TypeAdapter[Any]:
    info = documented_models()[model].model_fields[field]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def _properties(schema: dict[str, Any], model: str) -> dict[str, Any]:
    target = schema if model == "Brief" else schema["$defs"][model]
    return target["properties"]


def test_every_model_and_field_of_a_brief_is_documented():
    """A field added to the models needs its words in briefgen/input/schema.py."""
    missing = [f"{model}.{field}" for model, field in MODEL_FIELDS if (model, field) not in FIELDS]
    assert not missing, f"add these to briefgen/input/schema.py FIELDS: {missing}"
    assert sorted(documented_models()) == sorted(MODELS)
    stale = [key for key in FIELDS if key not in MODEL_FIELDS]
    assert not stale, f"FIELDS describes fields the models do not have: {stale}"


@pytest.mark.parametrize(("model", "field"), MODEL_FIELDS, ids=lambda x: str(x))
def test_the_schema_gives_each_field_a_description_and_examples(model, field):
    prop = _properties(brief_schema(), model)[field]
    assert prop["description"].strip() and prop["description"] == FIELDS[(model, field)][0]
    assert prop["examples"], f"{model}.{field} has no examples"
    assert "title" not in prop


@pytest.mark.parametrize(("model", "field"), MODEL_FIELDS, ids=lambda x: str(x))
def test_every_example_is_accepted_by_its_own_field(model, field):
    adapter = _adapter(model, field)
    for example in FIELDS[(model, field)][1]:
        try:
            adapter.validate_python(example)
        except ValidationError as exc:
            pytest.fail(f"{model}.{field} example {example!r} is refused: {exc}")


@pytest.mark.parametrize(("model", "field", "wrong"), [
    ("Outcome", "savings", "12%"), ("Outcome", "savings", "2 s"), ("Scale", "requests", "1.7%"),
    ("Scale", "regression", "$1.2M"), ("Scale", "regression", 1.7), ("Scale", "ab_test", "yes"),
])
def test_the_example_check_can_fail(model, field, wrong):
    """The check above refuses an example of the wrong kind (what `savings` showed before)."""
    with pytest.raises(ValidationError):
        _adapter(model, field).validate_python(wrong)


def test_savings_examples_are_money():
    examples = _properties(brief_schema(), "Outcome")["savings"]["examples"]
    assert examples == ["$1.2M", "$400K", 250000]
    assert not any("%" in str(e) or " s" in str(e) for e in examples)


def test_the_schema_is_valid_json_schema_and_every_sample_passes_it():
    schema = brief_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [REFERENCE, *sample_files()]:
        errors = [e.message for e in validator.iter_errors(read_source(path).data)]
        assert not errors, (path, errors)


@pytest.mark.parametrize(("edit", "message"), [
    (("name: Priya Raman", "nmae: Priya Raman"), "'nmae' was unexpected"),
    (("regression: 1.7%", "regression: 1.7"), "1.7 is not of type 'string'"),
    (("better: lower", "better: lowest"), "'lowest' is not one of"),
])
def test_the_schema_flags_in_the_editor_what_validate_refuses(edit, message):
    text = REFERENCE.read_text(encoding="utf-8")
    assert edit[0] in text
    data = load_text(text.replace(*edit, 1)).data
    errors = list(jsonschema.Draft202012Validator(brief_schema()).iter_errors(data))
    messages = []
    while errors:  # with the reasons inside each anyOf
        error = errors.pop()
        messages.append(error.message)
        errors.extend(error.context or ())
    assert any(message in m for m in messages), messages
