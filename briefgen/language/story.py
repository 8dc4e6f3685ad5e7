"""STAR-L stories: Situation, Task, Action, Result (the triad), Leadership (principles + story).

A part the user did not give is left out, never printed as an empty label, so the Markdown and
the PDF show only what the candidate can say.
"""

from __future__ import annotations

from ..input.models import Project
from .triad import triad_sentence
from .words import principles_written, sentence

STAR_LABELS = ("Situation", "Task", "Action", "Result", "Leadership")


def leadership_text(project: Project) -> str:
    """'Dive Deep · Deliver Results: Dove into the token distribution ...'."""
    lead = project.leadership
    if lead is None:
        return ""
    names = principles_written(list(lead.principles))
    story = sentence(lead.story) if lead.story else ""
    if names and story:
        return f"{names}: {story}"
    return sentence(names) if names else story


def star_parts(project: Project, result: str | None = None) -> list[tuple[str, str]]:
    """The story as (label, text) pairs, in STAR-L order, without the parts that are missing."""
    parts: list[tuple[str, str]] = []
    if project.situation:
        parts.append(("Situation", sentence(project.situation)))
    if project.task:
        parts.append(("Task", sentence(project.task)))
    actions = [sentence(a) for a in project.actions if a.strip()]
    if actions:
        parts.append(("Action", " ".join(actions)))
    parts.append(("Result", result if result is not None else triad_sentence(project)))
    leadership = leadership_text(project)
    if leadership:
        parts.append(("Leadership", leadership))
    return parts
