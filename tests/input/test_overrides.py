"""The command line's design options meet the YAML's in input/design.py, judged by one rule."""

from __future__ import annotations

import pytest

from briefgen.errors import InputError
from briefgen.input.design import Overrides, check_overrides, override_problems, resolve_design
from briefgen.input.validate import load_brief

from ..conftest import REFERENCE

PAGES = ["letter", "a4", "A4", " Letter ", "legal", "leter", "", "a5"]
ACCENTS = ["#1f4e79", "#ABC", "rgb(31, 78, 121)", "hsl(210 50% 30%)", "navy", "NAVY", "red",
           "#12345", "", "url(x)", "#fff; } body { display: none", "javascript:alert(1)"]


def _yaml_accepts(tmp_path, key: str, value: str) -> bool:
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index(f"  {key}:")
    end = text.index("\n", start)
    path = tmp_path / "b.yaml"
    path.write_text(text[:start] + f"  {key}: {value!r}" + text[end:], encoding="utf-8")
    try:
        load_brief(path)
    except InputError:
        return False
    return True


@pytest.mark.parametrize("value", PAGES)
def test_page_option_accepts_exactly_what_design_page_accepts(tmp_path, value):
    assert (not override_problems(Overrides(page=value))) == _yaml_accepts(tmp_path, "page", value)


@pytest.mark.parametrize("value", ACCENTS)
def test_accent_option_accepts_exactly_what_design_accent_accepts(tmp_path, value):
    assert (not override_problems(Overrides(accent=value))) == _yaml_accepts(tmp_path, "accent", value)


def test_a_bad_option_is_named_with_the_yaml_wording_and_a_command_line_hint():
    problems = override_problems(Overrides(page="leter", accent="red"))
    assert [(p.file, p.path, p.message, p.hint) for p in problems] == [
        ("--page", "", "'leter' is not one of: letter, a4", "did you mean 'letter'?"),
        ("--accent", "", "'red' is not a CSS colour briefgen accepts",
         'e.g. --accent "#1f4e79", in quotes: a shell reads an unquoted # as a comment')]
    assert problems[0].headline() == "--page: 'leter' is not one of: letter, a4 (did you mean 'letter'?)"
    with pytest.raises(InputError) as raised:
        check_overrides(Overrides(page="leter"))
    assert [p.file for p in raised.value.problems] == ["--page"]


def test_bad_options_are_reported_with_the_briefs_own_problems(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(REFERENCE.read_text(encoding="utf-8").replace("better: lower", "better: lowr", 1),
                    encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_brief(path, Overrides(page="legal", accent="url(x)"))
    assert sorted(p.file for p in raised.value.problems) == ["--accent", "--page", str(path)]


def test_options_replace_the_briefs_design_in_the_models_own_form():
    brief, source = load_brief(REFERENCE)
    assert (brief.design.page, brief.design.accent) == ("letter", "#1f4e79")
    design = resolve_design(brief.design, source, Overrides(page="A4", accent="#AA0000"))
    assert (design.page, design.accent) == ("a4", "#AA0000")
    assert resolve_design(brief.design, source, Overrides()).page == "letter"
    with pytest.raises(InputError):
        resolve_design(brief.design, source, Overrides(page="legal"))
