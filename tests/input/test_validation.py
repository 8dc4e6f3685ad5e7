"""Validation: every mistake at once, each located, in plain English, with the fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.errors import InputError, describe
from briefgen.input.models import PRINCIPLES
from briefgen.input.validate import MAX_PROBLEMS, load_brief

from ..conftest import REFERENCE

HEADLINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<path>\S+): (?P<rest>.*)$")


def reference_with(*edits: tuple[str, str]) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def position(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    offset = text.index(needle, start)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class Checked:
    """What validating a brief came to: its exit status and the text a user would read."""

    exit_code: int
    output: str


def validate(tmp_path, text: str, name: str = "brief.yaml") -> tuple[Checked, Path]:
    """Validate ``text`` through the input stage, as ``briefgen validate`` would show it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        load_brief(path)
    except InputError as exc:
        return Checked(1, describe(exc) + "\n"), path
    return Checked(0, ""), path


def headlines(output: str) -> list[dict[str, str]]:
    return [m.groupdict() for line in output.splitlines() if (m := HEADLINE.match(line))]


def only_problem(tmp_path, text: str) -> dict[str, str]:
    result, path = validate(tmp_path, text)
    assert result.exit_code == 1, result.output
    found = headlines(result.output)
    assert len(found) == 1, result.output
    assert found[0]["file"] == str(path)
    return found[0]


def at(problem: dict[str, str]) -> tuple[int, int]:
    return int(problem["line"]), int(problem["col"])


# --- unknown keys -------------------------------------------------------------------------------


def test_unknown_key_suggests_the_close_one(tmp_path):
    text = reference_with(("      baseline: 12%", "      baseine: 12%"))
    result, path = validate(tmp_path, text)
    assert result.exit_code == 1
    found = headlines(result.output)
    # One problem, not two: the unknown key's "did you mean" already says what is missing.
    assert [p["path"] for p in found] == ["projects[0].metric.baseine"]
    (unknown,) = found
    assert at(unknown) == position(text, "baseine")
    assert unknown["rest"] == "unknown key 'baseine' (did you mean 'baseline'?)"


def test_unknown_key_that_belongs_one_level_down_says_where(tmp_path):
    text = reference_with(("    technique: LoRA adapters\n    metric:\n      name: BLEU",
                           "    technique: LoRA adapters\n    better: higher\n    metric:\n      name: BLEU"))
    result, _ = validate(tmp_path, text)
    found = {p["path"]: p for p in headlines(result.output)}
    assert found["projects[1].better"]["rest"] == "unknown key 'better' (`better` belongs under `metric:`)"
    assert at(found["projects[1].better"]) == position(text, "better: higher")


def test_unknown_key_with_nothing_close_lists_the_allowed_keys(tmp_path):
    text = reference_with(("  theme: classic", "  theme: classic\n  zzz: 1"))
    problem = only_problem(tmp_path, text)
    assert problem["rest"] == "unknown key 'zzz' (allowed here: theme, page, accent, templates)"


# --- leadership principles ------------------------------------------------------------------------


def test_misspelt_principle_gets_a_short_did_you_mean(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]", "[Dive Deeep, Deliver Results]"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].leadership.principles[0]"
    assert at(problem) == position(text, "Dive Deeep")
    assert problem["rest"] == ("'Dive Deeep' is not one of Amazon's 16 leadership principles "
                               "(did you mean 'Dive Deep'?)")


def test_principle_case_and_spacing_do_not_hide_the_match(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]", "[dive  deep, Deliver Results]"))
    assert only_problem(tmp_path, text)["rest"].endswith("(did you mean 'Dive Deep'?)")


def test_flow_list_splitting_a_principle_at_its_comma_says_to_quote_it(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]", "[Dive Deep, Are Right, A Lot]"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].leadership.principles[1]"
    assert at(problem) == position(text, "Are Right")
    assert problem["rest"] == ("'Are Right' and 'A Lot' are one principle, split at its comma "
                               '(put it in quotes: "Are Right, A Lot")')


def test_principles_with_a_comma_or_semicolon_are_fine_when_written_properly(tmp_path):
    text = reference_with(("principles: [Dive Deep, Deliver Results]",
                           'principles: [Dive Deep, "Are Right, A Lot"]'),
                          ("principles: [Frugality, Invent and Simplify]",
                           "principles:\n        - Are Right, A Lot\n"
                           "        - Have Backbone; Disagree and Commit"))
    result, _ = validate(tmp_path, text)
    assert result.exit_code == 0, result.output


def test_unknown_principle_lists_the_16_once_and_compactly(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]", "[Be Nice, Deliver Results]"),
                          ("[Frugality, Invent and Simplify]", "[Frugality, Work Hard]"))
    result, _ = validate(tmp_path, text)
    found = headlines(result.output)
    assert [p["path"] for p in found] == ["projects[0].leadership.principles[0]",
                                          "projects[1].leadership.principles[1]"]
    first, second = found
    assert first["rest"].startswith("'Be Nice' is not one of Amazon's 16 leadership principles "
                                    "(the 16 are: Customer Obsession | Ownership | ")
    for name in PRINCIPLES:
        assert first["rest"].count(name) == 1, name
    assert second["rest"].endswith("(see the list of the 16 above)")
    assert sum(line.count("Customer Obsession") for line in result.output.splitlines()) == 1


# --- enumerations and themes ----------------------------------------------------------------------


@pytest.mark.parametrize("old,new,path,rest", [
    ("better: lower", "better: lowr", "projects[0].metric.better",
     "'lowr' is not one of: lower, higher (did you mean 'lower'?)"),
    ("better: lower", "better: sideways", "projects[0].metric.better",
     "'sideways' is not one of: lower, higher"),
    ("page: letter", "page: leter", "design.page",
     "'leter' is not one of: letter, a4 (did you mean 'letter'?)"),
    ("theme: classic", "theme: clasic", "design.theme", "unknown theme 'clasic' (did you mean 'classic'?)"),
    ("theme: classic", "theme: Fancy Theme", "design.theme",
     "may contain only lowercase letters, digits, - and _"),
])
def test_enumerations_name_the_options_and_the_close_one(tmp_path, old, new, path, rest):
    text = reference_with((old, new))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == path
    assert at(problem) == position(text, new.split(": ")[1])
    assert problem["rest"] == rest


def test_empty_enumeration_says_what_to_write(tmp_path):
    text = reference_with(("      better: lower", "      better:"))
    problem = only_problem(tmp_path, text)
    assert problem["rest"] == "is empty (write lower or higher)"


# --- quantities -----------------------------------------------------------------------------------


@pytest.mark.parametrize("written,hint", [
    ("twelve million", "(write it in digits: 12M or 12,000,000)"),
    ("13 million requests", "(write it like 13M, 4.5k, 12M or 12,000,000)"),
    ("lots", "(write it like 13M, 4.5k, 12M or 12,000,000)"),
])
def test_unreadable_count_explains_the_accepted_forms(tmp_path, written, hint):
    text = reference_with(("      requests: 13M", f"      requests: {written}"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].scale.requests"
    assert at(problem) == position(text, written)
    assert problem["rest"] == f"{written!r} is not a number briefgen can read {hint}"


@pytest.mark.parametrize("field,written,expected", [
    ("      baseline: 12%", "twelve percent", "12%"),
    ("      baseline: 12%", "twelve million", "12M or 12,000,000"),
    ("      - savings: $1.2M", "two million dollars", "$2M or $2,000,000"),
    ("        change: -2 s", "two seconds", "2 s"),
])
def test_numbers_in_words_get_their_digits(tmp_path, field, written, expected):
    key = field.split(":")[0]
    text = reference_with((field, f"{key}: {written}"))
    result, _ = validate(tmp_path, text)
    assert f"(write it in digits: {expected})" in result.output, result.output


def test_quantity_of_the_wrong_kind(tmp_path):
    text = reference_with(("      regression: 1.7%", "      regression: 1.7M"))
    problem = only_problem(tmp_path, text)
    assert problem["rest"] == "expected a percentage such as 1.7%, not '1.7M'"


def test_baseline_and_result_in_different_units_points_at_the_result(tmp_path):
    text = reference_with(("      result: 3%", "      result: 3 ms"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].metric.result"
    assert at(problem) == position(text, "3 ms")


# --- missing fields and lists ---------------------------------------------------------------------


def test_missing_field_points_at_the_parent_key_line(tmp_path):
    text = reference_with(("      better: lower\n", ""))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].metric"
    assert at(problem) == position(text, "metric:")
    assert problem["rest"] == "missing required field `better` (add `better: lower` or `better: higher`)"


def test_missing_field_in_a_list_item_points_at_the_item(tmp_path):
    text = reference_with(("  - title: Faster in-app translation\n", "  - situation: x\n"),
                          ("    situation: Translation requests", "    task2: Translation requests"))
    result, _ = validate(tmp_path, text)
    found = {p["path"]: p for p in headlines(result.output)}
    assert at(found["projects[1]"]) == position(text, "situation: x")
    assert found["projects[1]"]["rest"] == (
        "missing required field `title` (add `title:` with the project's title)")


def test_missing_section(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8").split("projects:")[0]
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects"
    assert at(problem) == position(text, "candidate:")
    assert problem["rest"] == ("missing required section (add `projects:` with at least one project: "
                               "a title and a metric)")


def test_errors_inside_lists_point_at_the_item_line(tmp_path):
    text = reference_with(
        ("      - Added a grounding check", "      - Step two: added a grounding check"),
        ("      - metric: repeat-call volume\n        change: -15%\n",
         "      - metric: repeat-call volume\n"))
    result, _ = validate(tmp_path, text)
    found = {p["path"]: p for p in headlines(result.output)}
    action = found["projects[0].actions[1]"]
    assert at(action) == position(text, "Step two")
    assert action["rest"] == ("expected text, but `: ` made this a `key: value` pair "
                              "(put the whole text in quotes)")
    outcome = found["projects[0].outcomes[0]"]
    assert at(outcome) == position(text, "metric: repeat-call volume")
    assert outcome["rest"] == ("this outcome names a `metric` but has no `change` "
                               "(add e.g. `change: -15%`)")


def test_too_many_principles(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]",
                           "[Dive Deep, Deliver Results, Frugality, Ownership, Think Big]"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].leadership.principles"
    assert problem["rest"].startswith("has 5 items; at most 4")


def test_a_section_written_as_one_value_says_what_goes_under_it(tmp_path):
    text = reference_with(("    metric:\n      name: hallucination rate\n      baseline: 12%\n"
                           "      result: 3%\n      better: lower\n", "    metric: 12%\n"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].metric"
    assert problem["rest"] == ("expected a mapping of `key: value` lines, not '12%' "
                               "(indent `name:`, `baseline:`, `result:` and `better:` under it)")


def test_empty_lists_and_sections_mean_not_given(tmp_path):
    text = reference_with(("    actions:\n      - Fine-tuned a smaller model with LoRA adapters on "
                           "product-domain parallel text.\n", "    actions:\n"),
                          ("thresholds:\n  min_requests: 10M\n  max_regression: 2%\n", "thresholds:\n"))
    result, _ = validate(tmp_path, text)
    assert result.exit_code == 0, result.output


def test_an_empty_required_section_is_named(tmp_path):
    text = reference_with(("    metric:\n      name: BLEU\n      baseline: 28\n      result: 35\n"
                           "      better: higher\n", "    metric:\n"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[1].metric"
    assert problem["rest"] == "is empty (indent `name:`, `baseline:`, `result:` and `better:` under it)"


# --- other mistakes people make -------------------------------------------------------------------


def test_unquoted_hex_colour_is_a_comment(tmp_path):
    text = reference_with(('accent: "#1f4e79"', "accent: #1f4e79"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "design.accent"
    assert problem["rest"] == ("is empty (a `#` after a space starts a comment in YAML; "
                               "put the value in quotes)")


def test_days_in_words(tmp_path):
    text = reference_with(("      days: 14", "      days: two weeks"))
    problem = only_problem(tmp_path, text)
    assert problem["rest"] == "expected a number, not 'two weeks' (e.g. days: 14)"


def test_too_long_text_says_how_long(tmp_path):
    text = reference_with(("  - title: Faster in-app translation", "  - title: " + "x" * 130))
    problem = only_problem(tmp_path, text)
    assert problem["rest"] == "is too long (130 characters; at most 120) (shorten it: the brief is one page)"


def test_unclosed_quote_is_named(tmp_path):
    text = reference_with(("  - title: Faster in-app translation", '  - title: "Faster in-app translation'))
    result, _ = validate(tmp_path, text)
    assert result.exit_code == 1
    line, _ = position(text, '"Faster')
    assert f"the quote opened on line {line} closes only on line" in result.output


# --- YAML syntax ----------------------------------------------------------------------------------


def syntax_error(tmp_path, text: str) -> tuple[tuple[int, int], str, str]:
    result, path = validate(tmp_path, text)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    match = re.match(re.escape(str(path)) + r":(\d+):(\d+): YAML syntax error: (.*)$", first)
    assert match, result.output
    return (int(match[1]), int(match[2])), match[3], result.output


def test_tab_indentation_is_explained(tmp_path):
    text = reference_with(("    situation: Alexa", "\t  situation: Alexa"))
    where, message, output = syntax_error(tmp_path, text)
    assert where == position(text, "\t")
    assert message == ("a tab character where YAML expects spaces "
                       "(YAML indents with spaces only: replace the tab with spaces)")
    assert "\u2192  situation: Alexa" in output  # the tab is made visible under the message


def test_colon_inside_a_value_says_to_quote(tmp_path):
    text = reference_with(("title: Faster in-app translation", "title: Speed: in-app translation"))
    where, message, _ = syntax_error(tmp_path, text)
    assert where == position(text, ": in-app")
    assert message.startswith("mapping values are not allowed here (a value that contains ': ' "
                              "must be in quotes")


def test_bad_indentation(tmp_path):
    text = reference_with(("      result: 3%", "     result: 3%"))
    where, message, _ = syntax_error(tmp_path, text)
    assert where == position(text, "result: 3%")
    assert "check the indentation" in message


def test_second_document(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8") + "---\nx: 1\n"
    where, message, _ = syntax_error(tmp_path, text)
    assert where == position(text, "---\nx")
    assert "keep one brief per file" in message


def test_unclosed_flow_list(tmp_path):
    text = reference_with(("[Dive Deep, Deliver Results]", "[Dive Deep, Deliver Results"))
    _, message, _ = syntax_error(tmp_path, text)
    assert "a [...] list is not closed" in message


# --- all at once, and the summary -----------------------------------------------------------------


def test_every_mistake_is_reported_at_once_in_file_order(tmp_path):
    text = reference_with(("  name: Priya Raman", "  nme: Priya Raman"),
                          ("      baseline: 12%", "      baseline: twelve"),
                          ("      ab_test: true", "      ab_test: maybe"),
                          ("  page: letter", "  page: a5"))
    result, path = validate(tmp_path, text)
    assert result.exit_code == 1
    found = headlines(result.output)
    assert [p["path"] for p in found] == ["candidate", "candidate.nme", "projects[0].metric.baseline",
                                          "projects[1].scale.ab_test", "design.page"]
    assert [at(p) for p in found] == sorted(at(p) for p in found)
    for problem in found:
        line = int(problem["line"])
        assert f"{line:>5} | {text.splitlines()[line - 1]}" in result.output


def test_a_flood_of_mistakes_is_capped(tmp_path):
    projects = "".join(f"  - title: p{i}\n    bogus{i}: 1\n    metric: {{name: m, baseline: 1, "
                       f"result: 2, better: higher}}\n" for i in range(12))
    extra = "".join(f"  extra{i}: x\n" for i in range(60))
    text = f"candidate:\n  name: A\n{extra}projects:\n{projects}"
    result, _ = validate(tmp_path, text)
    assert len(headlines(result.output)) == MAX_PROBLEMS
    assert re.search(r": \.\.\. and \d+ more problems$", result.output.rstrip())


def test_a_theme_overridden_on_the_command_line_is_checked_instead_of_the_briefs(tmp_path):
    from briefgen.errors import InputError
    from briefgen.input.design import Overrides
    from briefgen.input.validate import load_brief

    path = tmp_path / "b.yaml"
    path.write_text(reference_with(("theme: classic", "theme: nosuch")), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_brief(path)
    assert [p.path for p in raised.value.problems] == ["design.theme"]
    brief, _ = load_brief(path, Overrides(theme="compact"))
    assert brief.design.theme == "nosuch"
    with pytest.raises(InputError) as raised:
        load_brief(path, Overrides(theme="clasic"))
    assert [(p.file, p.message, p.hint) for p in raised.value.problems] == [
        ("--theme", "unknown theme 'clasic'", "did you mean 'classic'?")]


def test_missing_templates_folder_is_located(tmp_path):
    text = reference_with(("  theme: classic", "  theme: classic\n  templates: coach"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "design.templates"
    assert at(problem) == position(text, "coach")
    assert problem["rest"] == ("the folder 'coach' does not exist "
                               f"(it is resolved against the brief's folder: {tmp_path / 'coach'})")
    (tmp_path / "coach").mkdir()
    result, _ = validate(tmp_path, text)
    assert result.exit_code == 0, result.output


# --- an amount written with its period ------------------------------------------------------------


@pytest.mark.parametrize(("written", "amount", "period"), [
    ("$55k/month", "$55k", "month"), ("$55k / month", "$55k", "month"),
    ("$55k per month", "$55k", "month"), ("$55K a month", "$55K", "month"),
    ("$400K annually", "$400K", "year"), ("1.2M/yr", "1.2M", "year"), ("$3M per quarter", "$3M", "quarter"),
])
def test_money_with_its_period_says_to_use_per(tmp_path, written, amount, period):
    text = reference_with(("      - savings: $1.2M\n        per: quarter", f"      - savings: {written}"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].outcomes[1].savings"
    assert problem["rest"] == (f"{written!r} puts the period into the amount (write the amount "
                               f"alone, {amount}, and the period beside it as `per: {period}`)")
    fixed = reference_with(("      - savings: $1.2M\n        per: quarter",
                            f"      - savings: {amount}\n        per: {period}"))
    result, _ = validate(tmp_path, fixed)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("written", "hint"), [
    ("-2 s/request", "write the amount alone, -2 s, and the period beside it as `per: request`"),
    ("+40k/week", "write the amount alone, +40k, and the period beside it as `per: week`"),
])
def test_a_change_with_its_period_says_to_use_per(tmp_path, written, hint):
    text = reference_with(("        change: -15%", f"        change: {written}"))
    problem = only_problem(tmp_path, text)
    assert problem["path"] == "projects[0].outcomes[0].change"
    assert problem["rest"].endswith(f"({hint})")


@pytest.mark.parametrize("written", ["$55k/fortnight", "12%/month", "lots/month"])
def test_other_slashes_get_the_usual_message(tmp_path, written):
    text = reference_with(("      - savings: $1.2M", f"      - savings: {written}"))
    problem = only_problem(tmp_path, text)
    assert "is not a number briefgen can read" in problem["rest"]
