"""One source, a brief per interview: project ids, the checks a variant needs, and selection.

A brief's ``variants:`` name what changes for each interview (the target, the summary, which
projects in which order, the bar, the design). :func:`select` turns the brief and a variant's
name into the brief for that interview, so everything after the input stage (composing,
scoring, templates, the PDF) works on an ordinary brief and knows nothing of variants.
"""

from __future__ import annotations

from difflib import get_close_matches

from ..errors import InputError, Problem
from ..output import name_slug
from .models import Brief, Project
from .source import Source


def default_id(title: str) -> str:
    """A title as an id: lower-case words (any script) joined by hyphens ("Grounded answers for
    Alexa Q&A" -> "grounded-answers-for-alexa-q-a"), made as output file names are."""
    return name_slug(title, empty="project")


def project_ids(projects: list[Project]) -> list[str]:
    """Each project's id: its own ``id``, or a slug of its title made unique by a number
    (two projects titled alike are ``ranking`` and ``ranking-2``). An explicit id that repeats
    another is a problem :func:`variant_problems` reports."""
    taken = {p.id for p in projects if p.id}
    ids: list[str] = []
    for project in projects:
        if project.id:
            ids.append(project.id)
            continue
        base = candidate = default_id(project.title)
        number = 2
        while candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def variant_problems(brief: Brief, source: Source) -> list[Problem]:
    """Every located problem of ids and variants: a repeated id, a variant naming a project that
    is not in the brief (with the closest id), or naming one twice."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, project in enumerate(brief.projects):
        if project.id and project.id in seen:
            problems.append(source.problem(
                ("projects", index, "id"), f"the id {project.id!r} is already project "
                f"{seen[project.id] + 1}'s", hint="give each project its own id"))
        elif project.id:
            seen[project.id] = index
    ids = project_ids(brief.projects)
    for name, variant in brief.variants.items():
        if name == "all":  # `--variant all` means every variant
            problems.append(source.problem(("variants", name), "a variant may not be called 'all'",
                                           hint="`--variant all` renders every variant; pick "
                                                "another name", key=True))
        listed: set[str] = set()
        for position, wanted in enumerate(variant.projects or []):
            at = ("variants", name, "projects", position)
            if wanted in listed:
                problems.append(source.problem(at, f"lists project {wanted!r} twice",
                                               hint="each project is shown once"))
            elif wanted not in ids:
                close = get_close_matches(wanted, ids, n=1, cutoff=0.6)
                hint = (f"did you mean {close[0]!r}?" if close else
                        f"the brief's projects are: {', '.join(ids)}")
                problems.append(source.problem(at, f"no project has the id {wanted!r}", hint=hint))
            listed.add(wanted)
    return problems


def select(brief: Brief, name: str, file: str = "") -> Brief:
    """The brief for the interview ``name``: the variant's projects in its order (all, when it
    lists none), its target and summary, its thresholds and design merged over the brief's.
    Raises :class:`InputError` naming the variants there are when ``name`` is not one."""
    variant = brief.variants.get(name)
    if variant is None:
        raise InputError([unknown_variant(brief, name, file)])
    projects = brief.projects
    if variant.projects is not None:
        by_id = dict(zip(project_ids(brief.projects), brief.projects, strict=True))
        projects = [by_id[wanted] for wanted in variant.projects]
    given = variant.model_fields_set
    candidate = brief.candidate.model_copy(update={
        key: getattr(variant, key) for key in ("target_role", "target_team", "interview_date")
        if key in given})
    thresholds, design = brief.thresholds, brief.design
    if variant.thresholds is not None:  # key by key: a variant's bar may change one number
        thresholds = thresholds.model_copy(update={
            key: getattr(variant.thresholds, key) for key in variant.thresholds.model_fields_set})
    if variant.design is not None:
        design = design.model_copy(update={
            key: getattr(variant.design, key) for key in variant.design.model_fields_set})
    return brief.model_copy(update={
        "candidate": candidate, "projects": projects, "thresholds": thresholds, "design": design,
        "summary": variant.summary if "summary" in given else brief.summary, "variants": {}})


def unknown_variant(brief: Brief, name: str, file: str) -> Problem:
    names = list(brief.variants)
    if not names:
        return Problem(f"--variant {name}: this brief has no variants", file=file,
                       hint="add a `variants:` section naming what changes for each interview "
                            "(README: One brief per interview)")
    close = get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else ""
    return Problem(f"--variant {name}: no such variant; this brief's are {', '.join(names)}",
                   file=file, hint=hint)
