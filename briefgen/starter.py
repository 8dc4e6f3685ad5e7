"""`briefgen init`: a starter brief, and beside it the JSON Schema its first line points at.

The brief's first line is the ``yaml-language-server`` modeline, so VS Code's YAML extension (or
any editor built on yaml-language-server) completes and explains every field offline, from the
schema file next to the brief. One schema serves every brief in a folder: a second ``init`` there
finds it up to date and leaves it alone. Neither file is ever replaced without ``force``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefgenError
from .output import write_atomic
from .themes import starter_text

SCHEMA_FILE = "brief.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"


@dataclass(frozen=True)
class Started:
    """What ``init`` did: the brief, the schema beside it, and whether the schema was written
    (``False`` when an identical one was there already)."""

    brief: Path
    schema: Path
    schema_written: bool


def schema_text() -> str:
    """The schema file's text, exactly as ``briefgen schema`` prints it."""
    from .input.schema import brief_schema  # pydantic: only for the commands that need it

    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"


def write_starter(path: Path, *, force: bool = False) -> Started:
    """Write the starter brief to ``path`` and the schema beside it; refuse, before writing
    either, to replace an existing brief or a different schema unless ``force``."""
    schema_path = path.parent / SCHEMA_FILE
    if path.name == SCHEMA_FILE:
        raise BriefgenError(f"{path} is the name of the schema file init writes beside the brief; "
                            "choose another name for the brief, e.g. brief.yaml")
    schema = schema_text().encode("utf-8")
    brief = (MODELINE + starter_text()).encode("utf-8")
    schema_current = _read(schema_path) == schema
    if not force:
        taken = [f"{path} already exists"] if _exists(path) else []
        if not schema_current and _exists(schema_path):
            taken.append(f"{schema_path} already exists and is not this briefgen's schema")
        if taken:
            raise BriefgenError(f"{'; '.join(taken)}: use --force to overwrite "
                                f"{'it' if len(taken) == 1 else 'both'}")
    # The schema first: the brief never points at a file that is not there.
    if not schema_current:
        write_atomic(schema_path, schema)
    write_atomic(path, brief, inputs=[schema_path])
    return Started(brief=path, schema=schema_path, schema_written=not schema_current)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
