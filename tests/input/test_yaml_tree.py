"""The YAML loader: YAML 1.2 scalars kept as written, positions, and every bounded-input case."""

from __future__ import annotations

import io
import sys

import pytest

from briefgen.errors import InputError
from briefgen.input.reader import MAX_BYTES, load_bytes, read_source
from briefgen.input.validate import load_brief, validate_source
from briefgen.input.yaml_tree import MAX_DEPTH, MAX_NODES, load_text

from ..conftest import REFERENCE


def reference_with(old: str, new: str) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def problems(text: str | bytes, file: str = "x.yaml") -> list:
    with pytest.raises(InputError) as info:
        if isinstance(text, bytes):
            validate_source(load_bytes(text, file))
        else:
            validate_source(load_text(text, file))
    return info.value.problems


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- YAML 1.1 surprises never change a user's text ----------------------------------------------

TEXT_AS_WRITTEN = [
    # (line in the reference, replacement, where the value lands, the text expected there)
    ("  - title: Grounded answers for Alexa Q&A", "  - title: 1:30", ("projects", 0, "title"), "1:30"),
    ("  name: Priya Raman", "  name: no", ("candidate", "name"), "no"),
    ("  name: Priya Raman", "  name: on", ("candidate", "name"), "on"),
    ("  name: Priya Raman", "  name: Yes", ("candidate", "name"), "Yes"),
    ("  name: Priya Raman", "  name: ~x", ("candidate", "name"), "~x"),
    ("  - title: Faster in-app translation", "  - title: 123", ("projects", 1, "title"), "123"),
    ("  - title: Faster in-app translation", "  - title: 0.50", ("projects", 1, "title"), "0.50"),
    ("  - title: Faster in-app translation", "  - title: 012", ("projects", 1, "title"), "012"),
    ("  - title: Faster in-app translation", "  - title: 1e3", ("projects", 1, "title"), "1e3"),
    ("  - title: Faster in-app translation", "  - title: 0x1F", ("projects", 1, "title"), "0x1F"),
    ("  - title: Faster in-app translation", "  - title: .inf", ("projects", 1, "title"), ".inf"),
    ("    technique: LoRA adapters\n    metric:\n      name: BLEU",
     "    technique: 2026-01-01\n    metric:\n      name: BLEU", ("projects", 1, "technique"),
     "2026-01-01"),
    ("        per: quarter", "        per: 1.50", ("projects", 0, "outcomes", 1, "per"), "1.50"),
    ("    - priya.raman@example.com", "    - 5551234", ("candidate", "contact", 0), "5551234"),
]


def _dig(obj, path):
    for part in path:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


@pytest.mark.parametrize("old,new,path,expected",
                         TEXT_AS_WRITTEN,
                         ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None)
def test_text_fields_keep_what_the_author_wrote(old, new, path, expected):
    brief = validate_source(load_text(reference_with(old, new)))
    assert _dig(brief, path) == expected


def test_unquoted_date_and_time_in_story_and_summary_stay_text():
    text = reference_with("      story: Chose a smaller model over a bigger fleet and convinced the "
                          "service owners with an A/B plan.", "      story: 2026-01-01")
    text = text.replace("summary: I turn fine-tuning work into shipped, measured customer wins.",
                        "summary: 12:30:45")
    brief = validate_source(load_text(text))
    assert brief.projects[1].leadership.story == "2026-01-01"
    assert brief.summary == "12:30:45"


def test_true_in_a_text_field_is_an_explicit_error_not_a_word_or_a_bool():
    text = reference_with("  name: Priya Raman", "  name: true")
    [problem] = problems(text)
    assert (problem.line, problem.column) == position(text, "true")
    assert problem.path == "candidate.name"
    assert "reads as yes/no" in problem.message
    assert '"true"' in problem.hint


def test_quoted_true_is_text():
    brief = validate_source(load_text(reference_with("  name: Priya Raman", '  name: "true"')))
    assert brief.candidate.name == "true"


def test_plain_scalars_follow_yaml_1_2():
    data = load_text("a: yes\nb: no\nc: on\nd: true\ne: False\nf: ~\ng:\nh: 14\ni: 1.5\n"
                     "j: 2026-12-03\nk: 1:30\nl: null\nm: '14'\nn: !!str 14\no: !!int '7'\n").data
    assert data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": False, "f": None, "g": None,
                    "h": 14, "i": 1.5, "j": "2026-12-03", "k": "1:30", "l": None, "m": "14",
                    "n": "14", "o": 7}
    assert type(data["d"]) is bool


def test_booleans_and_numbers_still_work_where_the_contract_wants_them():
    brief = validate_source(load_text(reference_with("      ab_test: true", "      ab_test: false")))
    assert brief.projects[1].scale.ab_test is False
    assert brief.projects[0].scale.days == 14.0
    assert brief.projects[1].metric.baseline.value == 28.0


@pytest.mark.parametrize(("written", "meant"), [("yes", "true"), ("Yes", "true"), ("on", "true"),
                                                ("y", "true"), ("no", "false"), ("OFF", "false")])
def test_yes_and_no_in_a_yes_no_field_are_refused_with_the_fix(written, meant):
    """As the README says: only true and false are booleans, here as in every text field."""
    text = reference_with("      ab_test: true", f"      ab_test: {written}")
    [problem] = problems(text)
    assert problem.path == "projects[1].scale.ab_test"
    line, column = position(text, f"ab_test: {written}")
    assert (problem.line, problem.column) == (line, column + len("ab_test: "))
    assert problem.message == f"expected true or false, not {written!r}"
    assert problem.hint.startswith(f"write {meant}: briefgen reads YAML 1.2")


@pytest.mark.parametrize("written", ["1", "0", "'true'", "t", "maybe", "[true]"])
def test_other_values_in_a_yes_no_field_are_refused(written):
    [problem] = problems(reference_with("      ab_test: true", f"      ab_test: {written}"))
    assert problem.path == "projects[1].scale.ab_test"
    assert problem.message.startswith("expected true or false, not ")


def test_every_yes_no_field_takes_only_true_and_false():
    """A yes/no field added to the models must use fields.YesNo (pydantic alone takes yes, on, 1)."""
    from typing import Annotated

    from pydantic import TypeAdapter, ValidationError

    from briefgen.input.schema import documented_models

    found = []
    for model in documented_models().values():
        for name, info in model.model_fields.items():
            if "bool" not in str(info.annotation):
                continue
            found.append(f"{model.__name__}.{name}")
            annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            adapter = TypeAdapter(annotation)
            assert adapter.validate_python(True) is True
            for value in ("yes", "on", "1", 1, "t", "true"):
                with pytest.raises(ValidationError):
                    adapter.validate_python(value)
    assert "Scale.ab_test" in found


def test_a_number_where_a_date_belongs_is_refused_not_read_as_seconds_since_1970():
    text = reference_with("interview_date: 2026-12-03", "interview_date: 1700000000")
    [problem] = problems(text)
    assert problem.path == "candidate.interview_date"
    assert "YYYY-MM-DD" in problem.message
    assert (problem.line, problem.column) == position(text, "1700000000")


def test_huge_integers_do_not_crash():
    text = reference_with("      requests: 13M", "      requests: " + "9" * 5000)
    [problem] = problems(text)
    assert problem.path == "projects[0].scale.requests"
    title = reference_with("  - title: Faster in-app translation", "  - title: " + "7" * 100)
    assert validate_source(load_text(title)).projects[1].title == "7" * 100


@pytest.mark.parametrize("escape,code", [("\\e[2J", "U+001B"), ("\\0", "U+0000"),
                                         ("\\ud800", "U+D800"), ("x\\x9b", "U+009B")])
def test_control_characters_from_escapes_are_refused_in_text(escape, code):
    text = reference_with("  name: Priya Raman", f'  name: "Priya{escape}"')
    [problem] = problems(text)
    assert problem.path == "candidate.name"
    assert problem.message == f"contains a control character ({code})"


def test_tabs_and_line_breaks_from_escapes_are_text():
    text = reference_with("  name: Priya Raman", '  name: "Priya\\tRaman"')
    assert validate_source(load_text(text)).candidate.name == "Priya\tRaman"


def test_odd_keys_are_quoted_in_the_field_path():
    text = reference_with("  name: Priya Raman", '  name: Priya Raman\n  "a: b\\nc": 1')
    [problem] = problems(text)
    assert problem.path == "candidate['a: b\\nc']"
    assert "\n" not in problem.headline()


# --- positions ---------------------------------------------------------------------------------


def test_positions_of_keys_values_and_list_items():
    text = REFERENCE.read_text(encoding="utf-8")
    source = load_text(text)
    assert source.key_positions[("projects", 0, "metric")] == position(text, "metric:")
    assert source.positions[("projects", 0, "actions", 1)] == position(text, "Added a grounding")
    assert source.positions[("projects", 1, "outcomes", 2)] == position(text, "savings: $400K")


# --- structure the loader refuses --------------------------------------------------------------


def test_duplicate_keys_are_errors_naming_both_lines():
    text = reference_with("      result: 3%\n", "      result: 3%\n      result: 4%\n")
    [problem] = problems(text)
    first, _ = position(text, "result: 3%")
    assert (problem.line, problem.column) == position(text, "result: 4%")
    assert problem.path == "projects[0].metric.result"
    assert problem.message == f"duplicate key 'result' (first set on line {first}); keep one of them"


def test_duplicate_top_level_sections_are_errors():
    text = REFERENCE.read_text(encoding="utf-8") + "\nsummary: again\n"
    [problem] = problems(text)
    assert problem.path == "summary"
    assert problem.message.startswith("duplicate key 'summary'")


def test_every_duplicate_is_reported_at_once():
    text = reference_with("      result: 3%\n", "      result: 3%\n      result: 4%\n")
    text = text.replace("      days: 10\n", "      days: 10\n      days: 11\n")
    assert [p.path for p in problems(text)] == ["projects[0].metric.result", "projects[1].scale.days"]


@pytest.mark.parametrize("snippet,message", [
    ("  name: !!python/object/apply:os.system [ls]", "custom YAML tags"),
    ("  name: !!binary aGVsbG8=", "custom YAML tags"),
    ("  name: !custom x", "custom YAML tags"),
])
def test_custom_tags_are_refused(snippet, message):
    text = reference_with("  name: Priya Raman", snippet)
    [problem] = problems(text)
    assert message in problem.message
    assert (problem.line, problem.column) == position(text, "!")


def test_merge_keys_are_refused():
    text = reference_with("  name: Priya Raman", "  <<: {headline: x}\n  name: Priya Raman")
    [problem] = problems(text)
    assert "merge keys" in problem.message
    assert (problem.line, problem.column) == position(text, "<<")


def test_complex_keys_are_refused():
    [problem] = problems("? [a, b]\n: c\n")
    assert problem.message.startswith("a key must be plain text")
    assert (problem.line, problem.column) == (1, 3)


# --- bounded input -----------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused():
    # 9 ** 9 (387 million) strings if expanded: refused after MAX_NODES, long before memory runs out.
    [problem] = problems(billion_laughs())
    assert problem.message.startswith("refusing to load: the document expands to more than")
    assert f"{MAX_NODES:,}" in problem.message
    assert problem.line is not None


def test_an_alias_that_contains_itself_is_refused():
    [problem] = problems("a: &x [1, *x]\n")
    assert "refers to the list or mapping that contains it" in problem.message


def test_aliases_within_the_limit_are_expanded():
    data = load_text("a: &x [1, 2]\nb: *x\n").data
    assert data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    "{" * 100_000,
    "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5),
    "".join(" " * i + "k:\n" for i in range(MAX_DEPTH + 5)),
    "- " * (MAX_DEPTH + 5) + "x",
], ids=["flow-seq", "flow-map", "balanced", "block-map", "block-seq"])
def test_deep_nesting_is_refused_without_recursion_error(text):
    [problem] = problems(text)
    assert problem.message == f"refusing to load: the document is nested more than {MAX_DEPTH} levels deep"
    assert problem.line is not None and problem.column is not None


def test_too_many_values_is_refused():
    [problem] = problems("[" + "1," * (MAX_NODES + 10) + "1]")
    assert problem.message.startswith("refusing to load: the document has more than")


def test_file_size_is_bounded(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(REFERENCE.read_bytes() + b"#" + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(InputError) as info:
        load_brief(big)
    [problem] = info.value.problems
    assert problem.file == str(big)
    assert problem.message.startswith(f"the file is larger than {MAX_BYTES // 1000} KB")


def test_non_utf8_bytes_are_located():
    raw = reference_with("Priya Raman", "Priy\u00e9 Raman").encode("latin-1")
    [problem] = problems(raw)
    assert (problem.line, problem.column) == (4, 13)
    assert problem.message == "the file is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_utf16_is_named():
    [problem] = problems(REFERENCE.read_text(encoding="utf-8").encode("utf-16"))
    assert problem.message == "the file is UTF-16 text; save it as UTF-8"


def test_utf8_byte_order_mark_is_accepted():
    raw = b"\xef\xbb\xbf" + REFERENCE.read_bytes()
    assert validate_source(load_bytes(raw)).candidate.name == "Priya Raman"


def test_control_characters_are_located():
    text = reference_with("Priya Raman", "Priya\x00 Raman")
    [problem] = problems(text)
    assert (problem.line, problem.column) == position(text, "\x00")
    assert "U+0000" in problem.message


@pytest.mark.parametrize("text,message", [
    ("", "the file is empty"),
    ("   \n\n", "the file is empty"),
    ("# only\n# comments\n", "the file has only comments"),
    ("---\n", "the file has no content"),
    ("--- ~\n", "the file has no content"),
])
def test_empty_files(text, message):
    [problem] = problems(text)
    assert problem.message.startswith(message)
    assert problem.line is None


@pytest.mark.parametrize("text,kind,line", [
    ("- a\n- b\n", "a list", 1),
    ("# a comment\nhello\n", "a single value", 2),
    ("42\n", "a single value", 1),
])
def test_top_level_must_be_a_mapping(text, kind, line):
    [problem] = problems(text)
    assert problem.message.endswith(f"not {kind}")
    assert (problem.line, problem.column) == (line, 1)


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_source(tmp_path)
    assert info.value.problems[0].message == "this is a directory, not a YAML file"
    with pytest.raises(InputError) as info:
        read_source(tmp_path / "nope.yaml")
    assert info.value.problems[0].message == "no such file"
    assert info.value.problems[0].file == str(tmp_path / "nope.yaml")


def test_stdin_is_read_and_bounded(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(REFERENCE.read_bytes())
        closed = False

    monkeypatch.setattr(sys, "stdin", Stdin)
    brief, source = load_brief("-")
    assert source.file == "<stdin>" and brief.candidate.name == "Priya Raman"
    Stdin.buffer = io.BytesIO(b"x" * (MAX_BYTES + 100))
    with pytest.raises(InputError) as info:
        load_brief("-")
    assert info.value.problems[0].file == "<stdin>"
    assert "larger than" in info.value.problems[0].message


def test_a_long_line_is_shown_as_a_window_with_the_caret_in_place():
    text = "candidate: {name: " + "x" * 5000 + ", bogus: 1}\nprojects: []\n"
    problem = next(p for p in problems(text) if "bogus" in p.path)
    shown = problem.format().splitlines()
    assert problem.column == text.index("bogus") + 1
    assert len(shown[1]) < 200
    caret = shown[2].index("^")
    assert shown[1][caret:caret + 5] == "bogus"
