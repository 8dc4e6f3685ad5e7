"""Whose brief an output file is: the record that keeps ``render -`` from replacing another's.

A brief read from standard input has no file name, so its default output is named after the
candidate (``output/li-lei-brief.pdf``). Two candidates can share that name (``Li Lei`` and
``LI-LEI``), and a file rendered from ``li-lei.yaml``, or one the user made, can sit there too.
So each such render notes in the output folder's ``.briefgen-written.json`` which candidate it
wrote each file for, with the SHA-256 of the bytes it wrote. A later render replaces the file
only when both still match: same candidate, and the file unchanged since (Markdown notes edited
by hand are kept). Anything else is refused with the way out: ``-o FILE`` or ``--force``.

The record is read in whatever state it is: a missing, unreadable or foreign record only means
"no record", which refuses; it never lets a file be replaced. Two renders into one folder at the
same moment may lose one entry (the last write wins), which again errs on the side of refusing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import BriefgenError, RenderError
from .output import write_atomic

LEDGER = ".briefgen-written.json"
_FORMAT = 1
_MAX_LEDGER = 1_000_000  # bytes: a record of thousands of files; anything larger is not ours
_MAX_HASHED = 64_000_000  # bytes: a brief's PDF is well under a megabyte


def check_replace(target: Path, candidate: str) -> None:
    """Raise :class:`RenderError` unless ``target`` is free, or holds exactly what an earlier
    render from standard input wrote there for ``candidate``."""
    if not target.exists():
        return
    entry = _read(target.parent).get(target.name)
    digest = _digest(target)
    way_out = "give another file with -o, or replace it with --force"
    if not isinstance(entry, dict) or entry.get("sha256") != digest or digest is None:
        if isinstance(entry, dict) and entry.get("candidate") == candidate:
            raise RenderError(f"{target} was changed since briefgen wrote it for {candidate}; "
                              f"{way_out}")
        raise RenderError(f"{target} already exists, and briefgen has no record of writing it "
                          f"for {candidate} from standard input; {way_out}")
    owner = entry.get("candidate")
    if owner != candidate:
        raise RenderError(f"{target} is the brief of {owner}, not of {candidate}; {way_out}")


def record(target: Path, candidate: str, data: bytes) -> None:
    """Note that ``target`` now holds ``data``, written for ``candidate``. Best effort: when the
    record cannot be written the next render refuses, which is the safe way to fail."""
    folder = target.parent
    entries = {name: entry for name, entry in _read(folder).items() if (folder / name).exists()}
    entries[target.name] = {"candidate": candidate, "sha256": hashlib.sha256(data).hexdigest()}
    text = json.dumps({"briefgen": _FORMAT, "files": dict(sorted(entries.items()))},
                      indent=1, ensure_ascii=False)
    with contextlib.suppress(BriefgenError):
        write_atomic(folder / LEDGER, (text + "\n").encode("utf-8"))


def _read(folder: Path) -> dict[str, Any]:
    try:
        with open(folder / LEDGER, "rb") as handle:
            raw = handle.read(_MAX_LEDGER + 1)
        data = json.loads(raw) if len(raw) <= _MAX_LEDGER else None
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("briefgen") == _FORMAT else None
    return files if isinstance(files, dict) else {}


def _digest(path: Path) -> str | None:
    """The SHA-256 of a regular file, or ``None`` for anything else or too large to be ours."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_HASHED:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
