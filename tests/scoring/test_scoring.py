"""Readiness scoring: table-driven cases built from real, validated briefs.

Every case starts from one strong project (the reference's first one) and changes only what the
case is about, so a score difference can only come from that change.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from briefgen.input.models import Brief
from briefgen.input.validate import load_brief
from briefgen.scoring.json_report import to_json
from briefgen.scoring.result import AXES, DEFAULT_WEIGHTS, Weights
from briefgen.scoring.rules import SHARES, score_brief, score_project

STRONG: dict[str, Any] = {
    "title": "Grounded answers for Alexa Q&A",
    "situation": "Alexa Q&A answered 12% of factual questions with hallucinated facts.",
    "task": "Cut hallucinations without adding latency or GPU spend.",
    "actions": ["Built a LoRA fine-tuning pipeline on 40k curated, source-grounded Q&A pairs."],
    "technique": "LoRA adapters",
    "metric": {"name": "hallucination rate", "baseline": "12%", "result": "3%", "better": "lower"},
    "outcomes": [{"metric": "repeat-call volume", "change": "-15%"},
                 {"savings": "$1.2M", "per": "quarter"}],
    "scale": {"requests": "13M", "days": 14, "regression": "1.7%", "sla": "99.9%"},
    "leadership": {"principles": ["Dive Deep", "Deliver Results"],
                   "story": "Found a tokenizer bias and led two SDEs and a product manager "
                            "through the retraining."},
}

DELETE = object()


def project(**changes: Any) -> dict[str, Any]:
    """The strong project with ``changes`` applied; ``DELETE`` removes a key."""
    p = copy.deepcopy(STRONG)
    for key, value in changes.items():
        if value is DELETE:
            p.pop(key, None)
        else:
            p[key] = value
    return p


def brief(*projects: dict[str, Any], thresholds: dict[str, Any] | None = None) -> Brief:
    data: dict[str, Any] = {"candidate": {"name": "Test Candidate"}, "projects": list(projects)}
    if thresholds:
        data["thresholds"] = thresholds
    return Brief.model_validate(data)


def score(p: dict[str, Any], **kw: Any):
    b = brief(p, **kw)
    return score_project(1, b.projects[0], b.thresholds)


LOSS_ONLY = project(metric={"name": "loss", "baseline": 0.45, "result": 0.32, "better": "lower"},
                    outcomes=[])

# --- DOMAIN.md's weak/strong pairs: the weak version must score clearly lower ------------------

PAIRS = [
    # (id, weak, strong, the axis the difference shows on, minimum margin in points)
    ("loss curve vs the triad", LOSS_ONLY, STRONG, "impact", 20),
    ("bare BLEU 35 vs BLEU 28 -> 35 with outcomes",
     project(metric={"name": "BLEU", "baseline": 35, "result": 35, "better": "higher"}, outcomes=[]),
     project(metric={"name": "BLEU", "baseline": 28, "result": 35, "better": "higher"},
             outcomes=[{"metric": "translation turnaround", "change": "-2 s", "per": "request"},
                       {"metric": "daily users served", "change": "+1.5M"},
                       {"savings": "$400K", "per": "year", "note": "of GPU capacity unlocked"}]),
     "technical", 20),
    ("'I led the effort' vs a named team and principle",
     project(leadership={"story": "I led the effort."}),
     STRONG, "leadership", 10),
    ("'I used LoRA' vs 'shave 2 s per request and unlock $400K'",
     project(outcomes=[]),
     project(outcomes=[{"metric": "latency", "change": "-2 s", "per": "request"},
                       {"savings": "$400K", "per": "year", "note": "of capacity unlocked"}]),
     "impact", 20),
    ("prototype below the bar vs 13M requests at 1.7%",
     project(scale={"requests": "2M", "regression": "2.5%"}), STRONG, "impact", 10),
    ("no production evidence vs 13M requests at 1.7%", project(scale=DELETE), STRONG, "impact", 10),
    ("$1.2M vs $1.2M per quarter",
     project(outcomes=[{"savings": "$1.2M"}]), project(outcomes=[{"savings": "$1.2M", "per": "quarter"}]),
     "impact", 5),
    ("STAR-L stopping at the Action vs complete",
     project(outcomes=[], leadership=DELETE), STRONG, "impact", 40),
    ("a result worse than the baseline vs better",
     project(metric={"name": "hallucination rate", "baseline": "3%", "result": "12%", "better": "lower"}),
     STRONG, "technical", 20),
]


@pytest.mark.parametrize(("weak", "strong", "axis", "margin"), [p[1:] for p in PAIRS],
                         ids=[p[0] for p in PAIRS])
def test_weak_scores_clearly_lower_than_strong(weak, strong, axis, margin):
    w, s = score(weak), score(strong)
    assert s.score - w.score >= margin, (w.findings, s.findings)
    assert s.axes.of(axis) > w.axes.of(axis)


# --- detections: each weak pattern gives a located finding with a fix in the user's figures ----

CASES = [
    # (id, project, severity, axis, words in the message, words in the fix)
    ("loss only", LOSS_ONLY, "error", "impact", ["Only a loss figure"],
     ["Cut loss from 0.45 to 0.32", "which <moved which product metric, by how much>"]),
    ("perplexity only",
     project(metric={"name": "perplexity", "baseline": 18.2, "result": 11.4, "better": "lower"},
             outcomes=[]),
     "error", "impact", ["Only a perplexity figure"], ["from 18.2 to 11.4"]),
    ("bare accuracy", project(metric={"name": "accuracy", "baseline": "81%", "result": "88%",
                                      "better": "higher"}, outcomes=[]),
     "error", "impact", ["Only an accuracy figure"], ["Raised accuracy from 81% to 88%"]),
    ("no outcome on a product metric", project(outcomes=[]), "error", "impact",
     ["No business outcome"],
     ["'Cut hallucination rate from 12% to 3% (-75%), which <changed what for customers or the business>'",
      "which saved $N per quarter"]),
    ("no baseline (baseline == result)",
     project(metric={"name": "BLEU", "baseline": 35, "result": 35, "better": "higher"}),
     "error", "technical", ["No baseline", "35 before and after"], ["from <baseline> to 35"]),
    ("zero outcome", project(outcomes=[{"metric": "repeat-call volume", "change": "0%"}]),
     "error", "impact", ["'repeat-call volume' is zero"], ["lowering repeat-call volume by <N>%"]),
    ("zero outcome beside a real one (a guardrail)",
     project(outcomes=[{"metric": "refusal rate", "change": "0%"}, {"savings": "$1.2M", "per": "quarter"}]),
     "info", "impact", ["'refusal rate' is zero", "guardrail"], ["lowering refusal rate by <N>%"]),
    ("money without a period", project(outcomes=[{"savings": "$1.2M"}]), "warning", "impact",
     ["without a period", "$1.2M"], ["`per:`", "'$1.2M per quarter'"]),
    ("count without a period", project(outcomes=[{"metric": "users served", "change": "+1.5M"}]),
     "warning", "impact", ["without a period", "+1.5M users served"], ["per quarter"]),
    ("result worse than baseline",
     project(metric={"name": "hallucination rate", "baseline": "3%", "result": "12%", "better": "lower"}),
     "error", "technical", ["worse than the baseline", "from 3% to 12%"], ["`better:`"]),
    ("no situation", project(situation=DELETE), "warning", "technical", ["missing the Situation"],
     ["stood at 12%"]),
    ("no task", project(task=DELETE), "warning", "technical", ["missing the Task"],
     ["Cut hallucination rate from 12%"]),
    ("no actions", project(actions=DELETE), "warning", "technical", ["missing the Action"],
     ["'<Built what> with LoRA adapters on <how much data>.'"]),
    ("vague actions", project(actions=["Did fine-tuning."]), "warning", "technical", ["vague"],
     ["with a figure"]),
    ("no technique", project(technique=DELETE), "warning", "technical", ["No technique"],
     ["'Cut hallucination rate from 12% to 3% (-75%) across 13M requests with <technique>, lowering"]),
    ("no leadership at all", project(leadership=DELETE), "error", "leadership",
     ["stops before Leadership"], ["Dive Deep"]),
    ("'I led the effort' with no team",
     project(leadership={"principles": ["Ownership"], "story": "I led the effort."}),
     "warning", "leadership", ["'I led the effort' with no team"], ["I led the effort, leading"]),
    ("'I led' with no principle",
     project(leadership={"story": "I led two SDEs and a PM through the retraining."}),
     "warning", "leadership", ["No leadership principle", "'I led' with no principle"],
     ["Deliver Results: I led two SDEs"]),
    ("principle but no story", project(leadership={"principles": ["Dive Deep"]}), "warning",
     "leadership", ["Dive Deep named, but no story"], ["showing Dive Deep"]),
    ("scale below the bar", project(scale={"requests": "2.4M", "regression": "1.2%"}), "warning",
     "impact", ["Below the Scale-and-Ship bar", "7.6M requests short of 10M"],
     ["It served 2.4M requests with 1.2% regression"]),
    ("regression at the bar", project(scale={"requests": "13M", "regression": "2%"}), "warning",
     "impact", ["regression of 2%", "2% limit"], ["13M requests with 2% regression"]),
    ("no scale", project(scale=DELETE), "warning", "impact", ["No production evidence"],
     ["`requests: <how many>`", "`status: pilot`"]),
    ("no money outcome (advice only)", project(outcomes=[{"metric": "repeat-call volume",
                                                           "change": "-15%"}]),
     "info", "impact", ["No outcome in money"],
     ["lowering repeat-call volume by 15%, which saved $N per quarter"]),
]


@pytest.mark.parametrize(("p", "severity", "axis", "message_words", "fix_words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_weak_pattern_is_found_with_a_fix_in_the_users_figures(p, severity, axis, message_words,
                                                               fix_words):
    result = score(p)
    matching = [f for f in result.findings
                if f.axis == axis and all(w in f.message for w in message_words)]
    assert matching, [f.message for f in result.findings]
    finding = matching[0]
    assert finding.severity == severity
    for word in fix_words:
        assert word in finding.fix, finding.fix
    assert (finding.points > 0) == (severity != "info")


def test_strong_project_scores_full_marks_with_no_findings():
    result = score(STRONG)
    assert result.score == 100
    assert result.findings == ()
    assert result.verdict.meets_bar


EVERY_PROJECT = [("strong", STRONG)] + [(c[0], c[1]) for c in CASES] + [("weak: " + x[0], x[1])
                                                                          for x in PAIRS]


@pytest.mark.parametrize("p", [p for _, p in EVERY_PROJECT], ids=[i for i, _ in EVERY_PROJECT])
def test_every_point_lost_is_explained(p):
    result = score(p)
    for axis in AXES:
        lost = DEFAULT_WEIGHTS.of(axis) - result.axes.of(axis)
        explained = sum(f.points for f in result.findings if f.axis == axis)
        assert explained == pytest.approx(lost, abs=0.25), (axis, result.findings)
    assert result.score == pytest.approx(sum(result.axes.of(a) for a in AXES), abs=0.1)
    assert 0 <= result.score <= 100


# --- Scale-and-Ship, from the brief's thresholds ------------------------------------------------

@pytest.mark.parametrize(("scale", "thresholds", "meets"), [
    ({"requests": "10M", "regression": "1.99%"}, None, True),
    ({"requests": "10M", "regression": "2%"}, None, False),
    ({"requests": "9,999,999", "regression": "1%"}, None, False),
    ({"requests": "13M", "regression": "1.7%"}, None, True),
    ({"requests": "2.4M", "regression": "1.2%"}, {"min_requests": "1M"}, True),
    ({"requests": "13M", "regression": "1.7%"}, {"max_regression": "1%"}, False),
])
def test_scale_verdict_follows_the_thresholds(scale, thresholds, meets):
    result = score(project(scale=scale), thresholds=thresholds)
    assert result.verdict.meets_bar is meets
    scale_findings = [f for f in result.findings if "Scale-and-Ship" in f.message]
    assert bool(scale_findings) is not meets
    full_impact = DEFAULT_WEIGHTS.impact
    assert (result.axes.impact == full_impact) is meets


def test_exactly_10m_requests_with_1_99_percent_regression_meets_the_bar():
    result = score(project(scale={"requests": "10M", "regression": "1.99%"}))
    assert result.verdict.meets_bar
    assert to_json_project(result)["scale"] == {
        "meets_bar": True, "status": "shipped", "requests": 10_000_000, "regression": 1.99, "shortfall": None,
        "shortfalls": [], "sentence": result.verdict.sentence}


def test_more_production_evidence_below_the_bar_earns_more():
    low = score(project(scale={"requests": "1M", "regression": "1%"}))
    high = score(project(scale={"requests": "9M", "regression": "1%"}))
    none = score(project(scale=DELETE))
    assert none.axes.impact < low.axes.impact < high.axes.impact < DEFAULT_WEIGHTS.impact


# --- the reference and the acceptance bars ------------------------------------------------------

def test_reference_brief_scores_at_least_80(reference):
    b, _ = load_brief(reference)
    result = score_brief(b)
    assert result.score >= 80
    assert all(p.verdict.meets_bar for p in result.projects)
    assert result.label == "ready"


def test_only_a_loss_figure_scores_under_20_on_impact_even_at_scale():
    assert score(LOSS_ONLY).axes.impact < 20
    bare = project(metric=LOSS_ONLY["metric"], outcomes=[], scale=DELETE)
    assert score(bare).axes.impact < 20


TECHNICAL_ONLY = project(outcomes=[], scale=DELETE, leadership=DELETE)


def test_a_story_that_lives_only_on_the_technical_axis_fails():
    result = score_brief(brief(TECHNICAL_ONLY))
    assert result.projects[0].axes == type(result.projects[0].axes)(40, 0, 0)
    assert result.score == 40
    assert result.label == "not ready"


def test_overall_score_is_the_mean_of_the_projects():
    b = brief(STRONG, LOSS_ONLY, TECHNICAL_ONLY)
    result = score_brief(b)
    assert [p.number for p in result.projects] == [1, 2, 3]
    assert result.score == pytest.approx(sum(p.score for p in result.projects) / 3, abs=0.05)
    assert result.score < 80 and result.label != "ready"


# --- weights -----------------------------------------------------------------------------------

def test_weights_are_a_parameter_and_reweight_the_axes():
    b = brief(LOSS_ONLY)
    tech_heavy = score_brief(b, Weights(technical=60, impact=20, leadership=20))
    default = score_brief(b)
    # The loss-only project is strong on technique and weak on impact, so shifting weight to
    # the technical axis raises it.
    assert tech_heavy.score > default.score
    assert tech_heavy.projects[0].axes.technical == 60


@pytest.mark.parametrize("bad", [(50, 50, 50), (-10, 90, 20)])
def test_weights_must_add_up_to_100(bad):
    with pytest.raises(ValueError, match="add up to 100"):
        Weights(*bad)


def test_each_axis_shares_add_up_to_one():
    for axis in AXES:
        assert sum(SHARES[axis].values()) == pytest.approx(1.0)


# --- the JSON shape ------------------------------------------------------------------------------

def to_json_project(result):
    return to_json(_readiness_of(result))["projects"][0]


def _readiness_of(project_result):
    from briefgen.scoring.result import Readiness
    return Readiness(score=project_result.score, projects=(project_result,))


def test_json_shape_is_the_documented_one(reference):
    b, _ = load_brief(reference)
    doc = json.loads(json.dumps(to_json(score_brief(b))))
    assert set(doc) == {"schema_version", "score", "label", "weights", "thresholds", "prototype_only",
                        "principles", "notes", "projects"}
    assert doc["principles"] == {"covered": ["Invent and Simplify", "Frugality", "Dive Deep",
                                             "Deliver Results"],
                                 "missing": ["Customer Obsession", "Ownership", "Bias for Action",
                                             "Earn Trust", "Have Backbone; Disagree and Commit",
                                             "Are Right, A Lot"]}
    assert doc["prototype_only"] is False and doc["notes"] == []
    assert doc["weights"] == {"technical": 40, "impact": 40, "leadership": 20}
    assert doc["thresholds"] == {"min_requests": 10_000_000, "max_regression": 2}
    first = doc["projects"][0]
    assert set(first) == {"number", "title", "score", "axes", "scale", "findings"}
    assert set(first["axes"]) == {"technical", "impact", "leadership"}
    assert set(first["scale"]) == {"meets_bar", "status", "requests", "regression", "shortfall",
                                   "shortfalls", "sentence"}
    assert first["scale"]["meets_bar"] is True
    assert first["scale"]["requests"] == 13_000_000
    weak = to_json_project(score(LOSS_ONLY))
    assert weak["findings"] and set(weak["findings"][0]) == {"severity", "axis", "points", "message",
                                                             "fix"}
    assert weak["findings"][0]["severity"] == "error"  # the most serious first


def test_a_brief_with_no_project_at_the_bar_is_never_ready():
    """Prototype-only work (DOMAIN.md, Scale-and-Ship) caps the label at "close"."""
    from briefgen.input.validate import load_brief
    from briefgen.scoring.rules import score_brief

    from ..conftest import SAMPLES

    brief, _ = load_brief(SAMPLES / "one-project.yaml")
    readiness = score_brief(brief)
    assert readiness.score >= 80 and not readiness.projects[0].verdict.meets_bar
    assert readiness.label == "close"
    reference, _ = load_brief(SAMPLES / "priya-raman.yaml")
    assert score_brief(reference).label == "ready"


def test_every_backtick_in_a_finding_is_a_code_mark_the_rules_wrote():
    """The brief's own backticks become apostrophes, so each backtick pair in a message or fix is
    a `key:` of briefgen's, which the Markdown notes show as code (the user's words stay text)."""
    quoted = project(technique="`vLLM` with `int8", metric={"name": "`p95` latency", "baseline": "350 ms",
                                                             "result": "120 ms", "better": "lower"},
                     situation=DELETE, task=DELETE, scale=DELETE,
                     outcomes=[{"savings": "$40K"}], title="The `fast` path")
    result = score(quoted)
    assert result.title == "The `fast` path"  # the title is shown as the user wrote it
    texts = [t for f in result.findings for t in (f.message, f.fix)]
    assert any("'p95' latency" in t for t in texts)
    marks = [m for t in texts for m in re.findall(r"`([^`]*)`", t)]
    # A key, with an example value or a visible placeholder: `per:`, `regression: 1.7%`,
    # `requests: <how many>`.
    assert marks and all(re.fullmatch(r"[a-z_]+:?(?: (?:[\w.%]+|<[^<>`]+>%?))?", m) for m in marks), marks
    assert not any("`" in re.sub(r"`[^`]*`", "", t) for t in texts)
