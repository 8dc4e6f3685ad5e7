"""The brief's design, resolved once: which theme, which coach folder, page size and accent.

The YAML's ``design`` section and the command line's overrides (``--theme``, ``--templates``,
``--page``, ``--accent``) meet here and nowhere else. A problem in the YAML is reported at its line
in the brief; a problem in an override names the option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, os_reason
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


def design_problems(source: Source, overrides: Overrides = Overrides()) -> list[Problem]:
    """Everything wrong with the theme and coach folder, the YAML's (located) and the
    overrides', before the model is even valid (so ``validate`` reports them with the rest)."""
    problems: list[Problem] = []
    section = source.data.get("design") if isinstance(source.data, dict) else None
    section = section if isinstance(section, dict) else {}
    if overrides.theme is not None:
        if unknown := _unknown_theme(overrides.theme):
            problems.append(Problem(unknown[0], file="--theme", hint=unknown[1]))
    elif (isinstance(theme := section.get("theme"), str) and _THEME_NAME.fullmatch(theme)
          and (unknown := _unknown_theme(theme))):  # (a malformed name is the model's to report)
        problems.append(source.problem(("design", "theme"), unknown[0], hint=unknown[1]))
    if overrides.templates is not None:
        _, problem = _coach_folder(Path(overrides.templates), str(overrides.templates))
        if problem:
            problems.append(Problem(problem, file="--templates"))
    elif isinstance(section.get("templates"), str) and section["templates"].strip():
        written = section["templates"].strip()
        base = source.base_dir or Path.cwd()
        _, problem = _coach_folder(base / written, written)
        if problem:
            problems.append(source.problem(
                ("design", "templates"), problem,
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
    return Design(theme=theme, page=overrides.page or section.page,
                  accent=overrides.accent or section.accent, coach_dir=coach)


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

