"""Validated brief -> the view every template receives: finished sentences and formatted figures.

Templates never format numbers or build sentences themselves, so a coach's template cannot get a
figure wrong and the Markdown, HTML and PDF always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import __version__, language
from .input.models import Brief, Outcome, Project

if TYPE_CHECKING:
    from .input.design import Design
from .language.numbers import format_quantity
from .scoring.bar import BarVerdict, judge


@dataclass(frozen=True)
class Figure:
    """A labelled number for the triad band: 'Repeat-call volume', '-15%', toned and worded as
    what it is: a win ('better'), a cost ('cost') or a guardrail that held ('held')."""

    label: str
    value: str
    detail: str = ""  # the outcome's note ("in GPU time"), or "from 12%" for the headline
    tone: str = "neutral"  # good | bad | neutral
    word: str = ""  # better | cost | held ('' for the headline, whose change says it)
    direction: str = ""  # up | down | '' (for the arrow)


@dataclass(frozen=True)
class StoryPart:
    label: str  # Situation, Task, Action, Result, Leadership
    text: str


@dataclass(frozen=True)
class ProjectView:
    number: int
    title: str
    technique: str
    principles: list[str]
    metric_name: str
    better: str  # lower | higher
    change: language.MetricChange
    triad: str
    outcomes: list[str]  # stand-alone past-tense lines: "Saved $1.2M per quarter"
    figures: list[Figure]
    scale_sentence: str
    verdict: BarVerdict
    status: str  # shipped | pilot | offline (shipped when the brief does not say)
    star: list[StoryPart]
    actions: list[str]
    situation: str
    task: str
    leadership_story: str
    bullet: str
    script: str
    contrast: str = ""  # "Not 'I used LoRA adapters', but 'I used LoRA adapters to cut ...'."
    leadership: str = ""  # "Dive Deep · Deliver Results: Dove into ..." ('' when not given)
    optional: bool = False  # the PDF may leave it out when the page is full


@dataclass(frozen=True)
class CandidateView:
    name: str
    headline: str
    target_role: str
    target_team: str
    target: str  # "Applied Intelligence Engineer, Alexa AI"
    interview_date: str  # "3 December 2026"
    interview_date_iso: str
    contact: list[str]


@dataclass(frozen=True)
class BriefView:
    candidate: CandidateView
    summary: str
    projects: list[ProjectView]
    scale_line: str  # the panel's copy: what meets the bar and what was served, never a shortfall
    scale_verdict: str  # the candidate's: every project against the bar, prototype-only said
    page: str
    theme: str
    accent: str
    title: str
    subject: str
    keywords: list[str]
    lang: str = "en"
    generator: str = f"briefgen {__version__}"
    extra: dict[str, str] = field(default_factory=dict)
    variant: str = ""  # the variant this brief was selected for (render --variant), or ""


def compose(brief: Brief, design: Design | None = None, variant: str | None = None) -> BriefView:
    """The view of ``brief`` that every template receives; ``design`` is the resolved design
    (the brief's own when not given); ``variant``: the interview it was selected for."""
    projects = [_project(i + 1, p, brief) for i, p in enumerate(brief.projects)]
    c = brief.candidate
    target = ", ".join(x for x in (c.target_role, c.target_team) if x)
    date_text = (f"{c.interview_date.day} {c.interview_date:%B %Y}" if c.interview_date else "")
    candidate = CandidateView(
        name=c.name,
        headline=c.headline or "",
        target_role=c.target_role or "",
        target_team=c.target_team or "",
        target=target,
        interview_date=date_text,
        interview_date_iso=c.interview_date.isoformat() if c.interview_date else "",
        contact=list(c.contact),
    )
    keywords: list[str] = []
    for p in brief.projects:
        for word in [p.technique, p.metric.name, *(p.leadership.principles if p.leadership else [])]:
            if word and word not in keywords:
                keywords.append(word)
    return BriefView(
        candidate=candidate,
        summary=brief.summary or "",
        projects=projects,
        scale_line=language.brief_evidence_line([p.verdict for p in projects]),
        scale_verdict=language.brief_scale_line([p.verdict for p in projects]),
        page=design.page if design else brief.design.page,
        theme=design.theme.name if design else brief.design.theme,
        accent=design.accent if design else brief.design.accent,
        title=f"{c.name}: impact brief" + (f" for {target}" if target else ""),
        subject="Interview impact brief: " + "; ".join(p.title for p in brief.projects),
        keywords=keywords,
        variant=variant or "",
    )


def _project(number: int, p: Project, brief: Brief) -> ProjectView:
    change = language.metric_change(p.metric)
    triad = language.triad_sentence(p)
    verdict = judge(p.scale, brief.thresholds, p.status)
    figures = [Figure(label=p.metric.name, value=change.result or _headline_value(change),
                      detail=f"from {change.baseline}" if change.baseline else "",
                      tone=_tone(change.verdict), direction=_arrow(change.direction))]
    figures += [_outcome_figure(o) for o in p.outcomes]
    principles = list(p.leadership.principles) if p.leadership else []
    story = p.leadership.story if p.leadership and p.leadership.story else ""
    star = [StoryPart(label, text) for label, text in language.star_parts(p, triad)]
    technique = p.technique or ""
    return ProjectView(
        number=number,
        title=p.title,
        technique=technique,
        principles=principles,
        metric_name=p.metric.name,
        better=p.metric.better,
        change=change,
        triad=triad,
        outcomes=[language.outcome_line(o) for o in p.outcomes],
        figures=figures,
        scale_sentence=language.scale_sentence(p.scale, p.status),
        verdict=verdict,
        status=p.status or "shipped",
        star=star,
        actions=list(p.actions),
        situation=p.situation or "",
        task=p.task or "",
        leadership_story=story,
        bullet=language.resume_bullet(p),
        script=language.spoken_script(p, verdict),
        contrast=language.contrast_line(p),
        leadership=language.leadership_text(p),
        optional=p.optional,
    )


def _tone(verdict: str) -> str:
    return {"better": "good", "worse": "bad"}.get(verdict, "neutral")


def _arrow(direction: str) -> str:
    return direction if direction in ("up", "down") else ""


def _headline_value(change: language.MetricChange) -> str:
    """The big figure of a relative-only headline: '+12%', '2x', '-50%', '+3 pp'."""
    return change.relative or change.delta or ("0" if change.direction == "flat" else change.emphasis)


_MONEY_LABELS = {"savings": ("saved", "added costs"), "revenue": ("revenue", "revenue lost"),
                 "cost_avoided": ("cost avoided", "added costs")}


def _outcome_figure(o: Outcome) -> Figure:
    """An outcome's tile: a win toned and worded as one, a cost as a cost, a zero as held."""
    per = f" per {o.per}" if o.per else ""
    note = language.clean_note(o.note)
    if o.money is not None:
        gain, loss = _MONEY_LABELS[o.money_kind or "savings"]
        cost = o.money.value < 0
        held = o.money.value == 0
        return Figure(label=(loss if cost else gain) + per, value=format_quantity(o.money, signed=False),
                      detail=note, tone="neutral" if held else ("bad" if cost else "good"),
                      word="held" if held else ("cost" if cost else "better"))
    assert o.change is not None and o.metric is not None  # guaranteed by the model
    value = o.change.value
    direction = "" if value == 0 else ("up" if value > 0 else "down")
    if value == 0:
        tone, word = "neutral", "held"
    elif o.is_cost:
        tone, word = "bad", "cost"
    else:
        tone, word = "good", "better"  # as the brief says: a change with no `better:` is the aim
    return Figure(label=o.metric + per, value=format_quantity(o.change, signed=True), detail=note,
                  tone=tone, word=word, direction=direction)
