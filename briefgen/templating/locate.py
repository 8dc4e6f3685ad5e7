"""Where a piece of rendered output came from: the first template file and line holding it.

A rendered document no longer knows which template wrote which element, so an address or tag
the HTML policy or the PDF fetcher refuses is found again by its text in the template folders,
the coach's first. Good enough to point a coach at the line, and it never reads outside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .environment import display_path

MAX_FILE = 1_000_000  # a template file larger than this is refused by the loader anyway
_TEMPLATE_SUFFIXES = {".html", ".htm", ".md", ".css", ".txt", ".j2", ".jinja", ".svg", ""}


def needles(text: str) -> list[str]:
    """What to search for: the text as the browser reads it, then without its scheme
    (``&#104;ttp://host/`` hides "http:", not "//host/"), then a tag's quoted values and name."""
    candidates = [text, text.partition(":")[2].partition("?")[0]]
    if text.startswith("<"):  # '<meta http-equiv="refresh">': "refresh", then "<meta"
        candidates = [*re.findall(r'"([^"]+)"', text), text.split()[0].rstrip(">")]
    if text.startswith("file://"):  # a path inside a folder is written relative to it, usually
        candidates.append(Path(text[7:]).name)
    return [c for c in candidates if len(c) >= 4]


def locate(folders: Iterable[Path], text: str) -> tuple[str | None, int | None]:
    """The first file and line under ``folders`` (in order) holding ``text`` or a form of it."""
    folders = list(folders)
    for needle in needles(text):
        found = find_text(folders, needle)
        if found[0]:
            return found
    return None, None


def find_text(folders: Iterable[Path], text: str) -> tuple[str | None, int | None]:
    """The first file and line under ``folders`` holding ``text``, in any case."""
    wanted = text.casefold()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if (path.suffix.lower() not in _TEMPLATE_SUFFIXES or not path.is_file()
                    or path.is_symlink() or path.stat().st_size > MAX_FILE):
                continue
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (UnicodeDecodeError, OSError):
                continue
            for number, line in enumerate(lines, 1):
                if wanted in line.casefold():
                    return display_path(str(path)), number
    return None, None
