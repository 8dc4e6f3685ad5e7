"""The packaged themes as data, and where the packaged files live.

A theme is a folder of ``templates/`` with a ``brief.html`` and a ``theme.yaml`` saying what
the code needs to know about it (how dense it is, which theme to suggest when a brief does not
fit). The templates sit in the top-level ``templates/`` folder, where coaches look for them; the
wheel ships them inside the package as ``briefgen/_templates`` (see ``pyproject.toml``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .errors import closest

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_THEME = "classic"
BASE = "base"  # the shared skeleton every theme extends; not a theme itself
THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class Theme:
    """A packaged theme: its folder and what its ``theme.yaml`` says."""

    name: str
    folder: Path
    description: str = ""
    density: str = "regular"  # "regular" or "dense": how much a page holds
    on_overflow: str | None = None  # a denser theme to suggest when a brief does not fit

    def search_path(self, coach_dir: Path | None = None) -> list[Path]:
        """Where templates are looked up, first hit wins: the coach's folder, this theme, the
        shared ``base``, then the templates root (so ``"classic/brief.html"`` always reaches the
        packaged file under a stable prefix)."""
        path = _packaged_path(self.folder)
        return [coach_dir, *path] if coach_dir is not None else path


def packaged_search_path(name: str) -> list[Path]:
    """:meth:`Theme.search_path` of the packaged theme ``name`` without a coach's folder, known
    without reading any ``theme.yaml`` (for the PDF worker, which has not imported PyYAML)."""
    return _packaged_path(templates_root() / name)


def _packaged_path(folder: Path) -> list[Path]:
    root = templates_root()
    return [folder, root / BASE, root]


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def templates_root() -> Path:
    """The folder holding one sub-folder per theme plus the shared ``base`` folder."""
    return _first_existing(_PACKAGE / "_templates", _PACKAGE.parent / "templates")


def samples_root() -> Path:
    return _first_existing(_PACKAGE / "_samples", _PACKAGE.parent / "samples")


@functools.cache
def packaged_themes() -> dict[str, Theme]:
    """Every folder of the templates root with a ``brief.html`` and a ``theme.yaml``, by name."""
    import yaml  # the theme files are ours (packaged), so safe_load's plain data is all they hold

    found: dict[str, Theme] = {}
    root = templates_root()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        spec_file = folder / THEME_FILE
        if folder.name == BASE or not (folder / "brief.html").is_file() or not spec_file.is_file():
            continue
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}
        found[folder.name] = Theme(name=folder.name, folder=folder,
                                   description=str(spec.get("description", "")),
                                   density=str(spec.get("density", "regular")),
                                   on_overflow=spec.get("on_overflow"))
    return found


def theme_names() -> list[str]:
    return sorted(packaged_themes())


def unknown_theme(name: str) -> tuple[str, str]:
    """("unknown theme 'clasic'", "did you mean 'classic'?") for any place a theme is named."""
    available = theme_names()
    close = closest(name, available)
    hint = f"did you mean {close!r}?" if close else f"the themes are: {', '.join(available)}"
    return f"unknown theme {name!r}", hint


def starter_text() -> str:
    """The commented starter brief that ``briefgen init`` writes."""
    return (_PACKAGE / "starter.yaml").read_text(encoding="utf-8")
