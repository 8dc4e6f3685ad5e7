"""Where the packaged themes and samples live, in a source checkout and in an installed wheel.

The templates sit in the top-level ``templates/`` folder, where coaches look for them; the wheel
ships them inside the package as ``briefgen/_templates`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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


def themes() -> list[str]:
    """The packaged theme names: every folder with a ``brief.html`` but the shared ``base``.

    Folders of assets (``fonts``) and anything hidden are not themes.
    """
    root = templates_root()
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and p.name not in {"base", "fonts"} and not p.name.startswith((".", "_"))
                  and (p / "brief.html").is_file())


def starter_text() -> str:
    """The commented starter brief that ``briefgen init`` writes."""
    return (_PACKAGE / "starter.yaml").read_text(encoding="utf-8")
