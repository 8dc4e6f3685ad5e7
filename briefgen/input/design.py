"""The brief's design, resolved once: which theme, which coach folder, page size and accent.

The YAML's ``design`` section and the command line's overrides (``--theme``, ``--templates``,
``--page``, ``--accent``) meet here and nowhere else. A problem in the YAML is reported at its line
in the brief; a problem in an override names the option.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem, os_reason
from ..themes import DEFAULT_THEME, Theme, packaged_themes, unknown_theme

if TYPE_CHECKING:  # a render job carries a Design into a child process: keep pydantic out of it
    from .models import Design as DesignSection
    from .source import Source

_THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")  # the model's pattern for design.theme


@dataclass(frozen=True)
class Overrides:
    """Design choices from the command line, each replacing the brief's own when given."""

    theme: str | None = None
    templates: str | Path | None = None
    page: str | None = None
    accent: str | None = None


@dataclass(frozen=True)
class Design:
    """How a brief is laid out: everything the templating and PDF stages need to know."""

    theme: Theme
    page: str
    accent: str
    coach_dir: Path | None = None  # a coach's template folder, first on the search path

    @property
    def trusted(self) -> bool:
        """Only packaged templates take part: no coach folder, so nothing untrusted runs."""
        return self.coach_dir is None

    def search_path(self) -> list[Path]:
        return self.theme.search_path(self.coach_dir)


# What to write on the command line, where the model's own hint speaks of the YAML.
_OPTION_HINTS = {
    "accent": 'e.g. --accent "#1f4e79", in quotes: a shell reads an unquoted # as a comment',
}


def override_problems(overrides: Overrides) -> list[Problem]:
    """Everything wrong with the command line's design options, each named by its option
    (``--page: 'legal' is not one of: letter, a4``). ``--page`` and ``--accent`` are judged by the
    model's own rules for ``design.page`` and ``design.accent``, so both places accept the same."""
    problems: list[Problem] = []
    if overrides.theme is not None and (unknown := _unknown_theme(overrides.theme)):
        problems.append(Problem(unknown[0], file="--theme", hint=unknown[1]))
    if overrides.templates is not None:
        _, problem = _coach_folder(Path(overrides.templates), str(overrides.templates))
        if problem:
            problems.append(Problem(problem, file="--templates"))
    problems.extend(_checked_options(overrides)[1])
    return problems


def check_overrides(overrides: Overrides) -> None:
    """Raise :class:`InputError` naming each bad option: for a batch or a watch, which would
    otherwise report the same option once per brief."""
    if problems := override_problems(overrides):
        raise InputError(problems)


def design_problems(source: Source, overrides: Overrides = Overrides()) -> list[Problem]:
    """Everything wrong with the theme and coach folder, the YAML's (located) and the
    overrides', before the model is even valid (so ``validate`` reports them with the rest)."""
    problems = override_problems(overrides)
    data = source.data if isinstance(source.data, dict) else {}
    variants = data.get("variants")
    places: list[tuple[str | int, ...]] = [("design",)]
    if isinstance(variants, dict):  # each interview's design, merged over the brief's
        places += [("variants", name, "design") for name, v in variants.items()
                   if isinstance(v, dict) and isinstance(v.get("design"), dict)]
    for place in places:
        section: Any = data
        for key in place:
            section = section.get(key) if isinstance(section, dict) else None
        section = section if isinstance(section, dict) else {}
        if (overrides.theme is None and isinstance(theme := section.get("theme"), str)
                and _THEME_NAME.fullmatch(theme) and (unknown := _unknown_theme(theme))):
            # (a malformed name is the model's to report)
            problems.append(source.problem((*place, "theme"), unknown[0], hint=unknown[1]))
        if (overrides.templates is None and isinstance(section.get("templates"), str)
                and section["templates"].strip()):
            written = section["templates"].strip()
            base = source.base_dir or Path.cwd()
            _, problem = _coach_folder(base / written, written)
            if problem:
                problems.append(source.problem(
                    (*place, "templates"), problem,
                    hint=f"it is resolved against the brief's folder: {base / written}"))
    return problems


def resolve_design(section: DesignSection, source: Source, overrides: Overrides = Overrides()) -> Design:
    """The design of a validated brief: call :func:`design_problems` first, which reports what
    would make this fail."""
    themes = packaged_themes()
    theme = themes[overrides.theme or section.theme or DEFAULT_THEME]
    coach: Path | None = None
    if overrides.templates is not None:
        coach, _ = _coach_folder(Path(overrides.templates), str(overrides.templates))
    elif section.templates:
        coach, _ = _coach_folder((source.base_dir or Path.cwd()) / section.templates,
                                 section.templates)
    options, problems = _checked_options(overrides)
    if problems:
        raise InputError(problems)
    return Design(theme=theme, page=options.get("page", section.page),
                  accent=options.get("accent", section.accent), coach_dir=coach)


def _checked_options(overrides: Overrides) -> tuple[dict[str, str], list[Problem]]:
    """(``--page``/``--accent`` as the model reads them, e.g. ``A4`` -> ``a4``; their problems)."""
    given = {name: value for name in ("page", "accent")
             if (value := getattr(overrides, name)) is not None}
    if not given:
        return {}, []
    # Only here, for a brief's options: the child process that renders a Design never needs it.
    from pydantic import ValidationError

    from .messages import problems_from
    from .models import Design as DesignSection
    from .source import Source

    checked: dict[str, str] = {}
    problems: list[Problem] = []
    for name, value in given.items():
        try:
            checked[name] = getattr(DesignSection.model_validate({name: value}), name)
        except ValidationError as exc:
            # Placed under `design`, the errors read exactly as the YAML's would, then carry
            # the option's name where a file would be named.
            source = Source(data={"design": {name: value}}, file=f"--{name}", text="")
            errors = [{**e, "loc": ("design", *e["loc"])} for e in exc.errors(include_url=False)]
            for problem in problems_from(source, errors):
                problems.append(dataclasses.replace(
                    problem, path="", hint=_OPTION_HINTS.get(name, problem.hint)))
    return checked, problems


def _unknown_theme(name: str) -> tuple[str, str] | None:
    """(message, hint) when ``name`` is not a packaged theme."""
    return None if name in packaged_themes() else unknown_theme(name)


def _coach_folder(path: Path, written: str) -> tuple[Path | None, str]:
    """(the resolved folder, "") or (None, what is wrong with it)."""
    try:
        resolved = path.resolve(strict=True)
        if resolved.is_dir():
            return resolved, ""
        return None, f"{written!r} is a file, not a folder of templates"
    except FileNotFoundError:
        return None, f"the folder {written!r} does not exist"
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        return None, f"the folder {written!r} is a loop of symbolic links"
    except OSError as exc:
        return None, f"the folder {written!r} cannot be used: {os_reason(exc)}"
    except ValueError:
        return None, f"the folder name {written!r} contains a NUL character"

