"""The Jinja environments, one per search path and format, and rendering one template.

Templates are untrusted: each environment is a bounded, immutable sandbox
(:mod:`~briefgen.templating.sandbox`) with a loader that opens nothing outside its folders
(:mod:`~briefgen.templating.loader`) and undefined names reported from the documented view
(:mod:`~briefgen.templating.context`). HTML is autoescaped and Markdown output escapes every
value it prints. Every failure becomes a :class:`TemplateError` naming the template file and line.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from ..errors import TemplateError
from ..themes import templates_root
from .context import FieldUndefined
from .escaping import bind_units, markdown_escape, markdown_with_code
from .loader import FolderLoader
from .sandbox import BoundedSandbox

HTML_TEMPLATE = "brief.html"
MARKDOWN_TEMPLATE = "brief.md"
MAX_ENVIRONMENTS = 8  # a few themes times a few coach folders; a long --watch never grows past it

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Environments:
    """The sandboxes of one process, built once per search path and format.

    Building one and compiling its templates costs more than a render (15-30 ms), which a batch
    or ``--watch`` would pay per brief. ``auto_reload`` re-reads a template whose file changed,
    so a coach's edit shows at the next render; the sandbox resets its budgets per render. The
    least recently used environment is dropped past :data:`MAX_ENVIRONMENTS`.
    """

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[tuple[Path, ...], bool], BoundedSandbox] = OrderedDict()

    def get(self, search_path: list[Path], *, markdown: bool) -> BoundedSandbox:
        key = (tuple(search_path), markdown)
        env = self._cache.get(key)
        if env is None:
            root = templates_root().resolve()
            packaged = all(Path(folder).resolve().is_relative_to(root) for folder in search_path)
            env = self._cache[key] = new_environment(search_path, markdown=markdown,
                                                     compiled_cache=packaged)
            while len(self._cache) > MAX_ENVIRONMENTS:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return env

    def __len__(self) -> int:
        return len(self._cache)

    def render(self, name: str, context: dict[str, Any], search_path: list[Path], *,
               markdown: bool = False, theme: str = "classic") -> str:
        return render_template(self.get(search_path, markdown=markdown), name, context, theme=theme)


def new_environment(search_path: list[Path], *, markdown: bool,
                    compiled_cache: bool = False) -> BoundedSandbox:
    """A sandbox over ``search_path``; ``compiled_cache`` keeps compiled templates between
    processes (for the packaged templates only: see :mod:`briefgen.templating.bytecode`)."""
    bytecode = None
    if compiled_cache:
        from .bytecode import PackagedTemplates

        bytecode = PackagedTemplates()
    env = BoundedSandbox(
        bytecode_cache=bytecode,
        loader=FolderLoader(search_path),
        undefined=FieldUndefined,
        autoescape=not markdown,
        finalize=markdown_escape if markdown else bind_units,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.add_filter("md", markdown_escape)
    # Markdown code spans for briefgen's own `key:` marks; in HTML it is plain text, escaped as such.
    env.add_filter("md_code", markdown_with_code if markdown else _markdown_code_as_text)
    return env


def _markdown_code_as_text(value: object) -> str:
    return str(markdown_with_code(value))  # a plain str: autoescaped like any value in HTML


def render_template(env: BoundedSandbox, name: str, context: dict[str, Any], *,
                    theme: str = "classic") -> str:
    """Render one template, turning every failure into a located :class:`TemplateError`
    (``theme`` names the packaged theme beneath, for advice)."""
    entry: str | None = None
    try:
        template = env.get_template(name)
        entry = display_path(template.filename)
        text = env.render_bounded(template, context)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error: {exc.message}", display_path(exc.filename or exc.name),
                            exc.lineno) from None
    except TemplateNotFound as exc:
        assert isinstance(env.loader, FolderLoader)
        raise TemplateError(f"template {exc.name!r} not found (looked in {env.loader.searched()})",
                            *template_frame(exc)) from None
    except UndefinedError as exc:
        raise TemplateError(exc.message or "undefined", *template_frame(exc)) from None
    except SecurityError as exc:
        where = template_frame(exc)
        path = getattr(exc, "path", None)  # a template file the loader would not read
        file = where[0] or entry or (display_path(str(path)) if path is not None else None)
        raise TemplateError(f"not allowed in a template: {exc}", file, where[1]) from None
    except RecursionError as exc:
        raise TemplateError(
            f"the templates call themselves without end; a template that extends or includes its own "
            f"name loads itself: extend the packaged one by its prefix, e.g. "
            f"{{% extends \"{theme}/{name}\" %}}", *template_frame(exc)) from None
    except MemoryError:
        raise  # the bounded child reports it with its limit (briefgen.isolation)
    except Exception as exc:  # e.g. 1/0 or 'a' + 1 in a coach's template: its error, not ours
        raise TemplateError(f"{type(exc).__name__}: {exc}", *template_frame(exc)) from None
    if bad := _LONE_SURROGATE.search(text):
        # Half of a UTF-16 pair ("\ud800", or "%c"|format(55296)) cannot be written as UTF-8.
        raise TemplateError(f"the template printed U+{ord(bad.group()):04X}, half of a UTF-16 "
                            "surrogate pair, which no file can hold", entry)
    return text


def display_path(filename: str | None) -> str | None:
    """A template file as a user would type it: relative to the working folder when inside it."""
    if not filename:
        return filename
    try:
        relative = os.path.relpath(filename)
    except ValueError:  # another drive on Windows
        return filename
    return filename if relative.startswith("..") else relative


def template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in ``exc``'s traceback (Jinja rewrites its frames)."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            line = tb.tb_lineno
            # A frame of the compiled template itself (an exception Jinja did not rewrite, such
            # as a resource limit's): its line is Python's, mapped back to the template's.
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            if template is not None:
                line = template.get_corresponding_lineno(line)
            found = (display_path(filename), line)
        tb = tb.tb_next
    return found
