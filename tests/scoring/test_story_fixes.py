"""The readiness check's fixes for the forty-odd stories of tests/language/stories.py.

A fix never adds a fact the candidate did not give (a gap is a visible placeholder such as
`<whom you led>`), never attaches money to a cost, suggests money only where money is plausible,
and never words a cost as a win. Each story also pins what its check must say.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from briefgen.input.models import Brief, Thresholds
from briefgen.scoring.rules import score_brief, score_project

from ..language.stories import STORIES, m, story
from ..language.test_stories import random_story, worded_as_a_win

# Facts the check used to make up ("leading two SDEs and a PM"): never in a fix unless the brief
# says them.
INVENTED = re.compile(r"two SDEs|a PM\b|product manager|N curated examples|on-policy", re.IGNORECASE)

# What each story's check must say: (severity, words in the message, words in the fix).
MUST_SAY: dict[str, list[tuple[str, str, str]]] = {
    "trade-off-accuracy-for-cost": [("info", "A trade-off", "<why the cost was worth paying>")],
    "trade-off-bleu-for-money": [("info", "A trade-off", "Are Right, A Lot")],
    "cost-abandonment-rose": [("info", "A trade-off", "")],
    "unmarked-abandonment": [("warning", "'abandoned sessions +4%' reads as a win",
                              "add `better: lower`")],
    "unmarked-accuracy-drop": [("warning", "'accuracy -2 pp' reads as a win", "add `better: higher`")],
    "unmarked-churn": [("warning", "'monthly churn +0.5 pp' reads as a win", "`better: lower`")],
    "loss-only": [("error", "Only a validation loss figure", "<moved which product metric, by how much>")],
    "perplexity-only": [("error", "Only a perplexity figure", "from 18.2 to 11.4")],
    "bleu-only": [("error", "Only a BLEU figure", "Raised BLEU from 28 to 35")],
    "relative-worse": [("error", "worse than the baseline", "names this as the cost")],
    "pilot-with-requests": [("warning", "a pilot, not yet shipped", "`status: shipped`")],
    "offline-held-out": [("warning", "evaluated offline, not shipped", "Evaluated offline on 1.2M")],
    "task-sentence": [("warning", "missing the Situation", "CSAT stood at 71%")],
    "relative-nps": [("warning", "missing the Task", "Raise NPS without")],
    "article-reward-model": [("warning", "missing the Situation", "<cost the business what>")],
}

# Stories whose win is not about money: no fix may suggest "$N".
NO_MONEY = ("relative-nps", "relative-worse", "bleu-only", "perplexity-only", "loss-only",
            "accuracy-only-with-actions", "article-reward-model", "offline-bare", "task-sentence",
            "task-deflect", "article-plural-and-mass")


def check(p):
    return score_project(1, p, Thresholds())


def _fixes(p) -> list[str]:
    return [f"{f.message} {f.fix}" for f in check(p).findings]


@pytest.mark.parametrize("name", sorted(STORIES))
def test_fixes_add_no_fact_and_no_money_to_a_cost(name):
    p = STORIES[name]
    for text in _fixes(p):
        assert not INVENTED.search(text), text
        # placeholders stay whole and visible: every "<" opens one "<...>"
        assert text.count("<") == len(re.findall(r"<[^<>]+>", text)), text
        for money in re.finditer(r"\$N", text):
            before = text[:money.start()]
            assert "at the cost of" not in before and "regressed" not in before, text
    if name in NO_MONEY:
        assert not any("$N" in text for text in _fixes(p)), name


@pytest.mark.parametrize("name", sorted(MUST_SAY))
def test_each_story_gets_the_check_it_needs(name):
    findings = check(STORIES[name]).findings
    for severity, message, fix in MUST_SAY[name]:
        found = [f for f in findings if message in f.message and fix in f.fix]
        assert found, (message, fix, [(f.message, f.fix) for f in findings])
        assert found[0].severity == severity


def test_a_marked_cost_is_not_warned_about():
    for name in ("cost-abandonment-rose", "cost-accuracy-points", "cost-weekly-escalations"):
        assert not any("reads as a win" in f.message for f in check(STORIES[name]).findings), name


def test_a_principle_the_story_shows_is_suggested_not_added():
    p = story(m("unsafe-reply rate", "2%", "0.5%"),
              leadership={"principles": ["Ownership"],
                          "story": "Dove into the logs and mentored two engineers."})
    advice = [f for f in check(p).findings if f.severity == "info" and "without naming it" in f.message]
    assert [a.message for a in advice] == [
        "The story shows Hire and Develop the Best ('mentored') without naming it.",
        "The story shows Dive Deep ('Dove into') without naming it.",
    ]
    assert advice[1].fix == "If it is the point of the story, add it: `principles: [Ownership, Dive Deep]`."
    assert all(f.points == 0 for f in advice)
    assert p.leadership is not None and p.leadership.principles == ["Ownership"]  # nothing added


@settings(max_examples=200, deadline=None)
@given(p=random_story())
def test_no_fix_words_a_cost_as_a_win(p):
    from briefgen import language

    costs = [o.metric for o in p.outcomes if o.is_cost and o.metric]
    if language.metric_change(p.metric).verdict == "worse":
        costs.append(p.metric.name)
    for text in _fixes(p):
        for name in costs:
            assert not worded_as_a_win(text, name), (name, text)


def test_the_unedited_starter_is_recognised_and_an_edited_one_is_not(tmp_path):
    from briefgen.input.validate import load_brief
    from briefgen.scoring.rules import STARTER

    starter, _ = load_brief(STARTER)
    unedited = score_brief(starter)
    assert unedited.score == 0 and unedited.label == "not ready"
    assert any("unedited `briefgen init` starter" in note for note in unedited.notes)
    text = STARTER.read_text(encoding="utf-8")
    name, title = starter.candidate.name, starter.projects[0].title
    edited_file = tmp_path / "mine.yaml"
    edited_file.write_text(text.replace(name, "Priya Raman").replace(title, "Grounded support answers"),
                           encoding="utf-8")
    edited = score_brief(load_brief(edited_file)[0])
    assert edited.score > 80 and not edited.notes


def test_principle_coverage_names_the_often_asked_ones_no_story_covers():
    brief = Brief.model_validate({"candidate": {"name": "A"}, "projects": [
        {"title": "x", "metric": {"name": "m", "baseline": 1, "result": 2, "better": "higher"},
         "leadership": {"principles": ["Dive Deep", "Frugality"]}},
        {"title": "y", "metric": {"name": "m", "baseline": 1, "result": 2, "better": "higher"},
         "leadership": {"principles": ["Dive Deep", "Are Right, A Lot"]}}]})
    cov = score_brief(brief).coverage
    assert cov.covered == ("Are Right, A Lot", "Frugality", "Dive Deep")
    assert cov.missing == ("Customer Obsession", "Ownership", "Deliver Results", "Bias for Action",
                           "Earn Trust", "Have Backbone; Disagree and Commit")
