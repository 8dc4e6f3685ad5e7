"""Whose page it is: the panel's copy (PDF, HTML) shows evidence, the review copy every verdict.

DESIGN.md: the PDF and HTML are what the candidate sends the panel. They never say "below the
bar", list a shortfall or name the tool; `render --review` makes the same page with every verdict
shown, marked as not for the panel. A win is toned as a win, a cost as a cost.
"""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from briefgen import __version__
from briefgen.pipeline import prepare, render_bytes
from briefgen.templating.context import template_context

from ..conftest import normalise, pdf_pages

# A shipped trade-off, a pilot with a cost, and an offline evaluation: every kind of story the
# panel's copy must present without criticising it.
BRIEF = """\
candidate:
  name: Sam Ortiz
  target_role: Applied Intelligence Engineer
  interview_date: 2026-12-05
projects:
  - title: Distilled intent classifier
    technique: fine-tuned BERT classifier
    metric: {name: intent accuracy, baseline: 92%, result: 90%, better: higher}
    outcomes:
      - {metric: cost per request, change: -50%}
      - {savings: $900K, per: year, note: in GPU spend}
    scale: {requests: 40M, days: 30, regression: 0.9%}
  - title: Voice answers for recipes
    status: pilot
    metric: {name: task completion, change: +12%, better: higher}
    outcomes:
      - {metric: abandoned sessions, change: +4%, better: lower}
    scale: {requests: 2.4M, days: 14, regression: 1.1%}
  - title: Reranker for support search
    status: offline
    metric: {name: validation loss, baseline: 0.45, result: 0.32, better: lower}
    scale: {requests: 1.2M}
"""

SELF_CRITICISM = ("below the bar", "short of", "not yet shipped", "not shipped", "no request count",
                  "prototype-only", "review copy")


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def _visible_html(html: str) -> str:
    """The text a reader of the HTML sees: the body, without tags (the <head> keeps metadata)."""
    body = html.split("<body", 1)[1]
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", body))  # the page writes &nbsp; and &amp;
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_the_panels_html_shows_evidence_and_no_self_criticism(brief):
    html = render_bytes(prepare(brief), "html").decode("utf-8")
    page = _visible_html(html)
    for words in SELF_CRITICISM:
        assert words not in page.lower(), words
    assert f"briefgen {__version__}" not in page
    assert f'content="briefgen {__version__}"' in html  # the metadata may name the tool
    assert "Meets the bar" in page  # work that meets the bar may say so
    assert "Piloted on 2.4M requests over 14 days with 1.1% regression." in page
    assert "Evaluated offline on 1.2M requests." in page
    assert "Halved cost per request (-50%) and saved $900K in GPU spend per year, at the cost of " \
           "2 pp of intent accuracy (92% to 90%)." in page


def test_the_review_html_shows_every_verdict_and_shortfall(brief):
    page = _visible_html(render_bytes(prepare(brief), "html", review=True).decode("utf-8"))
    assert "1 of 3 projects meet the Scale-and-Ship bar" in page
    assert "Pilot" in page and "Offline evaluation" in page
    # The badge says what a pilot or an offline evaluation is; the shortfall line says the rest,
    # and an offline evaluation with nothing more to say has none (no "Evaluated offline." twice).
    assert "7.6M requests short of 10M." in page and "A pilot, not yet shipped" not in page
    assert "Evaluated offline, not shipped." not in page
    assert "Review copy with verdicts: not for the panel" in page


def test_the_pdf_copies_differ_only_by_the_verdicts(brief):
    panel = normalise(pdf_pages(render_bytes(prepare(brief), "pdf"))[0])
    review = normalise(pdf_pages(render_bytes(prepare(brief), "pdf", review=True))[0])
    shouted = panel.upper()
    assert "BELOW THE BAR" not in shouted and "SHORT OF" not in shouted and "PILOT, NOT" not in shouted
    assert f"briefgen {__version__}" not in panel
    assert "MEETS THE BAR" in shouted
    assert "7.6M requests short of 10M" in review and "REVIEW COPY" in review.upper()


def test_a_brief_with_nothing_at_the_bar_has_no_scale_line_to_criticise_it(tmp_path):
    path = tmp_path / "proto.yaml"
    path.write_text("candidate: {name: Ada}\nprojects:\n  - title: Proto\n    status: offline\n"
                    "    metric: {name: recall, baseline: 50%, result: 60%, better: higher}\n",
                    encoding="utf-8")
    prepared = prepare(path)
    assert prepared.view.scale_line == ""  # nothing to show the panel
    assert "reads as prototype-only" in prepared.view.scale_verdict
    assert "Scale-and-Ship" not in _visible_html(render_bytes(prepared, "html").decode("utf-8"))
    notes = render_bytes(prepared, "md").decode("utf-8")
    assert "reads as prototype-only" in notes  # the candidate's own notes keep the verdict


def test_tiles_are_toned_and_worded_as_wins_and_costs(brief):
    view = prepare(brief).view
    trade_off, pilot, _ = view.projects
    lead, per_request, saved = trade_off.figures
    assert (lead.tone, lead.direction) == ("bad", "down")
    assert (per_request.value, per_request.tone, per_request.word) == ("-50%", "good", "better")
    assert (saved.value, saved.detail, saved.tone) == ("$900K", "in GPU spend", "good")
    headline, abandoned = pilot.figures
    assert (headline.value, headline.tone, headline.detail) == ("+12%", "good", "")
    assert (abandoned.value, abandoned.tone, abandoned.word, abandoned.direction) == (
        "+4%", "bad", "cost", "up")


def test_review_reaches_templates_as_plain_data(brief):
    view = prepare(brief).view
    assert template_context(view)["review"] is False
    assert template_context(view, review=True)["review"] is True
