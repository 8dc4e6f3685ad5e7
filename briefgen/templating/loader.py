"""Finding templates on the search path without ever opening a file outside its folders.

A template name is checked first (relative, no ``..``), then each candidate path is *resolved*
(symbolic links followed) and must still lie inside one of the folders before a byte is read:
a link from a coach's folder to ``/etc/passwd`` is refused, not read and then refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.sandbox import SecurityError

MAX_TEMPLATE_BYTES = 1_000_000  # a template file; the packaged brief.html is 6 KB

_DRIVE = re.compile(r"^[A-Za-z]:")


class TemplateAccessError(SecurityError):
    """A template asked for a file by an absolute path, ``..`` or a link out of the folders, or
    a template file is not one briefgen will read (``path`` names it then)."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


def check_template_name(name: object) -> str:
    """The name, if a template may load it; raise :class:`TemplateAccessError` if not."""
    if not isinstance(name, str):
        raise TemplateAccessError(f"a template name must be text, not {type(name).__name__}")
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\", "~")) or _DRIVE.match(name) or "\\" in name:
        raise TemplateAccessError(
            f"loading {name!r} is refused: templates are loaded by a relative name inside the "
            "template folders, never by an absolute path")
    if ".." in parts:
        raise TemplateAccessError(
            f"loading {name!r} is refused: '..' may not be used to leave the template folders")
    if "\x00" in name:
        raise TemplateAccessError("a template name may not contain a NUL character")
    return name


class FolderLoader(BaseLoader):
    """First hit wins over ``roots``; a file must really live inside one of them."""

    def __init__(self, roots: list[Path]):
        self.roots = [r.resolve() for r in roots]

    def find(self, name: str) -> Path | None:
        """The file ``name`` resolves to on the search path, or None. Raises
        :class:`TemplateAccessError` for a refused name or a link out of its folder."""
        check_template_name(name)
        for root in self.roots:
            candidate = root.joinpath(*[p for p in name.split("/") if p not in ("", ".")])
            try:
                real = candidate.resolve(strict=True)
            except RecursionError:
                raise  # a template that loads itself: the environment reports that
            except (OSError, RuntimeError):  # missing, a loop of links, a name too long
                continue
            if not any(real.is_relative_to(folder) for folder in self.roots):
                raise TemplateAccessError(
                    f"loading {name!r} is refused: it links to a file outside the template folders")
            if real.is_file():
                return real
        return None

    def get_source(self, environment: Any,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = self.find(template)
        if path is None:
            raise TemplateNotFound(template)
        try:
            size = path.stat().st_size
            if size > MAX_TEMPLATE_BYTES:
                raise TemplateAccessError(f"{template!r} is larger than {MAX_TEMPLATE_BYTES:,} "
                                          "bytes; a template is a few KB", path)
            source = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime_ns
        except UnicodeDecodeError:
            raise TemplateAccessError(f"{template!r} is not UTF-8 text", path) from None
        except OSError as exc:
            raise TemplateNotFound(template, f"{template}: {exc.strerror or exc}") from None
        filename = os.fspath(path)

        def still_current() -> bool:
            # Unchanged, and no folder earlier on the path has gained a file of that name since
            # (a coach adding an override while `render --watch` runs).
            try:
                return path.stat().st_mtime_ns == mtime and self.find(template) == path
            except (OSError, SecurityError):
                return False

        return source, filename, still_current

    def searched(self) -> str:
        return ", ".join(str(r) for r in self.roots)
