"""The Jinja environment: search path, sandbox, escaping and filters.

Search path, first hit wins (as MkDocs' ``custom_dir``): the coach's folder, the selected theme,
the shared ``base`` folder, then the templates root so that ``{% extends "classic/brief.html" %}``
always reaches the packaged file under a stable prefix.

Templates are untrusted: the environment is an immutable, bounded sandbox (see ``sandbox.py``)
with strict undefined names; HTML is autoescaped and Markdown output escapes every value it
prints. Every failure becomes a :class:`TemplateError` naming the template file and line.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from ..errors import TemplateError
from ..resources import templates_root, themes
from .escaping import bind_units, markdown_escape
from .sandbox import BoundedSandbox, FolderLoader

HTML_TEMPLATE = "brief.html"
MARKDOWN_TEMPLATE = "brief.md"


def unknown_theme_message(theme: str) -> tuple[str, str]:
    """("unknown theme 'x'", "did you mean 'classic'? The available themes are: ...")."""
    available = themes()
    close = difflib.get_close_matches(theme, available, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown theme {theme!r}", f"{hint}the available themes are: {', '.join(available)}"


def search_path(theme: str, coach_dir: Path | None = None) -> list[Path]:
    """The folders searched for a template, first hit wins: coach, theme, base, templates root."""
    root = templates_root()
    if theme not in themes():
        message, hint = unknown_theme_message(theme)
        raise TemplateError(f"{message}; {hint}")
    path = [root / theme, root / "base", root]
    if coach_dir is not None:
        if not coach_dir.is_dir():
            raise TemplateError(f"the templates folder {str(coach_dir)!r} does not exist")
        path.insert(0, coach_dir)
    return path


def environment(theme: str, coach_dir: Path | None, *, markdown: bool) -> BoundedSandbox:
    """The sandbox for a theme and coach folder, built once per process.

    Building one and compiling its templates costs more than a render (15-30 ms), which a batch
    or ``--watch`` would pay per brief. ``auto_reload`` re-reads a template whose file changed,
    so a coach's edit shows at the next render; the loop and time budgets reset per render.
    """
    key = (theme, coach_dir, markdown)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(search_path(theme, coach_dir), markdown=markdown)
    else:
        search_path(theme, coach_dir)  # the theme and coach folder must still exist
    return _ENVIRONMENTS[key]


_ENVIRONMENTS: dict[tuple[str, Path | None, bool], BoundedSandbox] = {}


def _new_environment(path: list[Path], *, markdown: bool) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=FolderLoader(path),
        undefined=StrictUndefined,
        autoescape=not markdown,
        finalize=markdown_escape if markdown else bind_units,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.add_filter("md", markdown_escape)
    return env


def render_template(name: str, context: dict[str, Any], *, theme: str,
                    coach_dir: Path | None = None, markdown: bool = False) -> str:
    """Render one template, turning every failure into a located :class:`TemplateError`."""
    env = environment(theme, coach_dir, markdown=markdown)
    entry: str | None = None
    try:
        template = env.get_template(name)
        entry = display_path(template.filename)
        return env.render_bounded(template, context)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error: {exc.message}", display_path(exc.filename or exc.name),
                            exc.lineno) from None
    except TemplateNotFound as exc:
        assert isinstance(env.loader, FolderLoader)
        raise TemplateError(f"template {exc.name!r} not found (looked in {env.loader.searched()})",
                            *_where(exc)) from None
    except UndefinedError as exc:
        raise TemplateError(f"undefined: {exc.message}", *_where(exc)) from None
    except SecurityError as exc:
        where = _where(exc)
        raise TemplateError(f"not allowed in a template: {exc}", where[0] or entry, where[1]) from None
    except RecursionError as exc:
        raise TemplateError(
            f"the templates call themselves without end; a template that extends or includes its own "
            f"name loads itself: extend the packaged one by its prefix, e.g. "
            f"{{% extends \"{theme}/{name}\" %}}", *_where(exc)) from None
    except Exception as exc:  # e.g. 1/0 or 'a' + 1 in a coach's template: its error, not ours
        raise TemplateError(f"{type(exc).__name__}: {exc}", *_where(exc)) from None


def display_path(filename: str | None) -> str | None:
    """A template file as a user would type it: relative to the working folder when inside it."""
    if not filename:
        return filename
    try:
        relative = os.path.relpath(filename)
    except ValueError:  # another drive on Windows
        return filename
    return filename if relative.startswith("..") else relative


def _where(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in ``exc``'s traceback (Jinja rewrites its frames)."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            found = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
