"""A loaded YAML document and where each of its values came from, for located messages.

Every problem a user sees names ``FILE:LINE:COL`` and shows the offending line; this module owns
that: the positions the reader recorded, dotted field paths, and the window of a long line shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem

MAX_SHOWN_LINE = 160  # characters of a source line shown under a message

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """A loaded YAML document: the plain tree, where each part of it came from, and the text."""

    data: Any
    file: str
    text: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    base_dir: Path | None = None  # relative paths in the brief resolve against this
    # Quoted values that run over 3 or more lines, start line -> end line: usually a closing
    # quote is missing, and the errors that follow are easier to read with that said.
    long_quotes: dict[int, int] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """The nearest known ``(line, col)`` for ``path``: the path itself or its closest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]

    def line_text(self, line: int | None) -> str:
        if line is None:
            return ""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def problem(self, path: Path_, message: str, *, hint: str = "", key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return located(self, message, line, col, path=dotted(path), hint=hint)


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dotted(path: Path_) -> str:
    """("projects", 0, "metric") -> "projects[0].metric"; an odd key is quoted (``['a b']``), so
    a key with spaces, colons or line breaks cannot garble the ``FILE:LINE:COL: path:`` line."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _SIMPLE_KEY.match(part):
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def located(source: Source, message: str, line: int | None, col: int | None, *, path: str = "",
             hint: str = "") -> Problem:
    """A problem at ``line:col`` showing that source line: tabs drawn as a visible arrow (so the
    caret lines up and a tab can be seen), and only a window of a long line, so a 100 KB
    one-line file cannot flood the terminal."""
    text = source.line_text(line).replace("\t", "\u2192")
    caret = col
    if len(text) > MAX_SHOWN_LINE:
        start = 0 if col is None else max(0, min(col - 1 - MAX_SHOWN_LINE // 2,
                                                  len(text) - MAX_SHOWN_LINE))
        text = text[start:start + MAX_SHOWN_LINE]
        caret = None if col is None else col - start
    return Problem(message=message, file=source.file, line=line, column=col, path=path, hint=hint,
                   source_line=text, caret=caret if caret != col else None)
