"""The Jinja environment: search path, sandbox, escaping and filters.

Search path, first hit wins (as MkDocs' ``custom_dir``): the coach's folder, the selected theme,
the shared ``base`` folder, then the templates root so that ``{% extends "classic/brief.html" %}``
always reaches the packaged file under a stable prefix.

Templates are untrusted: the environment is an immutable sandbox with strict undefined names;
HTML is autoescaped and Markdown output escapes every value it prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import TemplateError
from .escaping import markdown_escape
from .resources import templates_root, themes

HTML_TEMPLATE = "brief.html"
MARKDOWN_TEMPLATE = "brief.md"


def search_path(theme: str, coach_dir: Path | None = None) -> list[Path]:
    root = templates_root()
    if theme not in themes():
        raise TemplateError(
            f"unknown theme {theme!r}; the available themes are: {', '.join(themes())}")
    path = [root / theme, root / "base", root]
    if coach_dir is not None:
        if not coach_dir.is_dir():
            raise TemplateError(f"templates folder {str(coach_dir)!r} does not exist")
        path.insert(0, coach_dir)
    return path


def environment(theme: str, coach_dir: Path | None, *, markdown: bool) -> ImmutableSandboxedEnvironment:
    loader = ChoiceLoader([FileSystemLoader(str(p)) for p in search_path(theme, coach_dir)])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=not markdown,
        finalize=markdown_escape if markdown else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = markdown_escape
    return env


def render_template(name: str, context: dict[str, Any], *, theme: str,
                    coach_dir: Path | None = None, markdown: bool = False) -> str:
    """Render one template, turning every Jinja failure into a located :class:`TemplateError`."""
    env = environment(theme, coach_dir, markdown=markdown)
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error: {exc.message}", exc.filename or exc.name,
                            exc.lineno) from None
    except UndefinedError as exc:
        raise TemplateError(f"undefined name: {exc.message}", *_where(exc)) from None
    except SecurityError as exc:
        raise TemplateError(f"not allowed in a template: {exc}", *_where(exc)) from None
    except JinjaError as exc:
        raise TemplateError(str(exc), *_where(exc)) from None


def _where(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line that raised ``exc``, found in its traceback."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".md", ".css", ".j2")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
