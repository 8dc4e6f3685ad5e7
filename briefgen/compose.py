"""Validated brief -> the view every template receives: finished sentences and formatted figures.

Templates never format numbers or build sentences themselves, so a coach's template cannot get a
figure wrong and the Markdown, HTML and PDF always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import __version__, language
from .input.models import Brief, Project

if TYPE_CHECKING:
    from .input.design import Design
from .language.numbers import format_quantity
from .scoring.bar import BarVerdict, judge


@dataclass(frozen=True)
class Figure:
    """A labelled number for the triad band: 'Repeat-call volume', '-15%'."""

    label: str
    value: str
    detail: str = ""
    tone: str = "neutral"  # good | bad | neutral


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
    star: list[StoryPart]
    actions: list[str]
    situation: str
    task: str
    leadership_story: str
    bullet: str
    script: str
    contrast: str = ""  # "Not 'I used LoRA adapters', but 'I used LoRA adapters to cut ...'."
    leadership: str = ""  # "Dive Deep · Deliver Results: Dove into ..." ('' when not given)


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
    scale_line: str
    page: str
    theme: str
    accent: str
    title: str
    subject: str
    keywords: list[str]
    lang: str = "en"
    generator: str = f"briefgen {__version__}"
    extra: dict[str, str] = field(default_factory=dict)


def compose(brief: Brief, design: Design | None = None) -> BriefView:
    """The view of ``brief`` that every template receives; ``design`` is the resolved design
    (the brief's own when not given)."""
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
        scale_line=language.brief_scale_line([p.verdict for p in projects]),
        page=design.page if design else brief.design.page,
        theme=design.theme.name if design else brief.design.theme,
        accent=design.accent if design else brief.design.accent,
        title=f"{c.name}: impact brief" + (f" for {target}" if target else ""),
        subject="Interview impact brief: " + "; ".join(p.title for p in brief.projects),
        keywords=keywords,
    )


def _project(number: int, p: Project, brief: Brief) -> ProjectView:
    change = language.metric_change(p.metric)
    triad = language.triad_sentence(p)
    verdict = judge(p.scale, brief.thresholds)
    figures = [Figure(label=p.metric.name, value=change.result,
                      detail=f"from {change.baseline}", tone=_tone(change.verdict))]
    for o in p.outcomes:
        if o.money is not None:
            label = {"savings": "saved", "revenue": "revenue", "cost_avoided": "cost avoided"}[
                o.money_kind or "savings"]
            figures.append(Figure(label=label + (f" per {o.per}" if o.per else ""),
                                  value=format_quantity(o.money, signed=False), tone="good"))
        elif o.change is not None and o.metric:
            figures.append(Figure(label=o.metric + (f" per {o.per}" if o.per else ""),
                                  value=format_quantity(o.change, signed=True)))
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
        scale_sentence=language.scale_sentence(p.scale),
        verdict=verdict,
        star=star,
        actions=list(p.actions),
        situation=p.situation or "",
        task=p.task or "",
        leadership_story=story,
        bullet=language.resume_bullet(p),
        script=language.spoken_script(p, verdict),
        contrast=language.contrast_line(p),
        leadership=language.leadership_text(p),
    )


def _tone(verdict: str) -> str:
    return {"better": "good", "worse": "bad"}.get(verdict, "neutral")
