"""A Jinja sandbox for untrusted coach templates: no files outside the template folders, bounded work.

Jinja's :class:`ImmutableSandboxedEnvironment` already blocks private attributes (``__class__``,
``|attr('__mro__')``), mutation of containers and ``range`` above ``MAX_RANGE``. It does not bound
memory or time, so a template such as ``{{ 'x' * 10**9 }}`` or two nested 100,000-step loops
would eat the machine. :class:`BoundedSandbox` adds those bounds:

* template names: no absolute paths, no ``..``, no file reached through a link out of the folders;
* numbers passed to calls and filters, widths in format strings, ``**`` exponents;
* the size of every string and list a template builds (``*``, ``+``, ``~``, calls, filters);
* loop steps and seconds per render, and the size of the rendered document.

Every refusal is a :class:`SecurityError`, so the caller reports it with the template's file and line.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from string import Formatter
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, nodes
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

MAX_OUTPUT = 2_000_000  # characters in one rendered document (a one-page brief is ~20,000)
MAX_TEXT = 1_000_000  # characters in any string or list a template builds
MAX_NUMBER = 100_000  # largest number a template may pass to a call, filter or repetition
MAX_WORK = 50_000_000  # size of a call's input times its arguments (bounds replace/join/center)
MAX_WIDTH = 10_000  # largest width or precision in a format string
MAX_LOOP_STEPS = 1_000_000  # loop iterations in one render
MAX_SECONDS = 10.0  # one render of a one-page brief takes milliseconds

_LOOP_FILTER = "_briefgen_loop"
_TEXT_FILTER = "_briefgen_text"


class TemplateAccessError(SecurityError):
    """A template asked for a file by an absolute path, ``..`` or a link out of the folders."""


class LimitError(SecurityError):
    """A template tried to build or print more than the sandbox allows."""


def check_template_name(name: object) -> str:
    """The name, if a template may load it; raise :class:`TemplateAccessError` if not."""
    if not isinstance(name, str):
        raise TemplateAccessError(f"a template name must be text, not {type(name).__name__}")
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise TemplateAccessError(
            f"loading {name!r} is refused: templates are loaded by a relative name inside the "
            "template folders, never by an absolute path")
    if ".." in parts:
        raise TemplateAccessError(
            f"loading {name!r} is refused: '..' may not be used to leave the template folders")
    return name


class FolderLoader(ChoiceLoader):
    """First hit wins over ``roots``; names are checked and files must really live inside a root."""

    def __init__(self, roots: list[Path]):
        self.roots = [r.resolve() for r in roots]
        super().__init__([FileSystemLoader(str(r)) for r in self.roots])

    def get_source(self, environment: Any,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        check_template_name(template)
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            real = Path(filename).resolve()
            if not any(real.is_relative_to(root) for root in self.roots):
                raise TemplateAccessError(
                    f"loading {template!r} is refused: it links to a file outside the template folders")

        def still_current() -> bool:
            # Unchanged, and no folder earlier on the path has gained a file of that name since
            # (a coach adding an override while `render --watch` runs).
            return bool(uptodate is None or uptodate()) and self._first(template) == filename

        return source, filename, still_current

    def _first(self, template: str) -> str | None:
        for root in self.roots:
            candidate = root.joinpath(*template.split("/"))
            if candidate.is_file():
                return str(candidate)
        return None

    def load(self, environment: Any, name: str, globals: Any = None) -> Any:
        # ChoiceLoader.load would ask each FileSystemLoader directly and skip the checks above.
        return BaseLoader.load(self, environment, name, globals)

    def searched(self) -> str:
        return ", ".join(str(r) for r in self.roots)


class _Bounds(NodeTransformer):
    """Routes every loop's iterable and every ``~`` through the budget filters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, _TEXT_FILTER, [], [], None, None, lineno=node.lineno)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates cannot reach files or exhaust memory and time.

    One instance serves one render: the loop budget and size cache are per instance.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.loop_steps = 0
        self.deadline = float("inf")  # set when a render starts
        self._sizes: dict[int, tuple[Any, int]] = {}  # id -> (object kept alive, size)
        self.globals.pop("lipsum", None)  # placeholder text has no place in a brief; unbounded
        self.filters = {name: self._bounded_filter(f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = self._loop
        self.filters[_TEXT_FILTER] = self._text

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = self._bounded_filter(func)

    # --- parsing: every loop and concatenation goes through the budget -------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        tree = _Bounds().visit(tree)
        tree.set_environment(self)
        return tree

    # --- sizes ---------------------------------------------------------------------------------

    def size(self, obj: Any) -> int:
        """Roughly how many characters ``obj`` would print as; shared sub-lists are counted each time."""
        if isinstance(obj, (str, bytes)):
            return len(obj)
        if isinstance(obj, (list, tuple, dict, set, frozenset)):
            cached = self._sizes.get(id(obj))
            if cached is not None and cached[0] is obj:
                return cached[1]
            total = len(obj)
            items: Iterable[Any] = obj.items() if isinstance(obj, dict) else obj
            for item in items:
                total += self.size(item)
                if total > MAX_WORK:
                    break
            self._sizes[id(obj)] = (obj, total)
            return total
        if isinstance(obj, int) and not isinstance(obj, bool):
            return len(str(obj)) if abs(obj) < 10**50 else 51
        return 1

    def _check_result(self, value: Any, what: str) -> Any:
        if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) and self.size(value) > MAX_TEXT:
            raise LimitError(f"{what} builds more than {MAX_TEXT:,} characters; templates are bounded")
        return value

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(f"the template ran for more than {MAX_SECONDS:g} seconds; "
                             "templates are bounded")

    def _check_args(self, target: Any, args: Iterable[Any], what: str) -> None:
        self.check_time()
        biggest, inputs = 1, 0
        for arg in args:
            if isinstance(arg, int) and not isinstance(arg, bool):
                if abs(arg) > MAX_NUMBER:
                    shown = str(arg) if abs(arg) < 10**12 else f"with {len(str(abs(arg)))} digits"
                    raise LimitError(f"{what}: the number {shown} is too large for a template "
                                     f"(limit {MAX_NUMBER:,})")
                biggest = max(biggest, abs(arg))
            else:
                inputs += self.size(arg)
        if self.size(target) * max(biggest, inputs, 1) > MAX_WORK:
            raise LimitError(f"{what} would build too much text; templates are bounded")

    # --- calls, filters, operators -------------------------------------------------------------

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        target = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "a call").replace("safe_range", "range")
        __self._check_args(target, [*args, *kwargs.values()], f"{name}()")
        return __self._check_result(super().call(__context, __obj, *args, **kwargs), f"{name}()")

    def _bounded_filter(self, func: Callable[..., Any]) -> Callable[..., Any]:
        name = getattr(func, "__name__", "filter").removeprefix("do_")

        @functools.wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            plain = [a for a in args if not isinstance(a, (Context, EvalContext)) and a is not self]
            if plain and name == "format" and isinstance(plain[0], str):
                check_format_widths(plain[0], percent=True)
            if plain:
                self._check_args(plain[0], [*plain[1:], *kwargs.values()], f"the {name} filter")
            return self._check_result(func(*args, **kwargs), f"the {name} filter")

        return bounded

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and (
                    right > 1000 or abs(left).bit_length() * max(right, 0) > 1000):
                raise LimitError(f"{left} ** {right} is too large for a template")
        elif operator == "*":
            if (isinstance(left, int) and isinstance(right, int)
                    and left.bit_length() + right.bit_length() > 4096):
                raise LimitError("multiplying numbers this large is not allowed in a template")
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                        and self.size(seq) * times > MAX_TEXT):
                    raise LimitError(f"repeating text or a list {times} times builds more than "
                                     f"{MAX_TEXT:,} characters; templates are bounded")
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and self.size(left) + self.size(right) > MAX_TEXT:
                raise LimitError(f"joining these builds more than {MAX_TEXT:,} characters; "
                                 "templates are bounded")
        elif operator == "%" and isinstance(left, str):
            check_format_widths(left, percent=True)
        return self._check_result(super().call_binop(context, operator, left, right), f"'{operator}'")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            check_format_widths(value.__self__)
        return wrapped

    # --- loops and output ----------------------------------------------------------------------

    def _loop(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.loop_steps += 1
            if self.loop_steps > MAX_LOOP_STEPS:
                raise LimitError(f"the template's loops ran more than {MAX_LOOP_STEPS:,} steps; "
                                 "templates are bounded")
            if self.loop_steps % 64 == 0:
                self.check_time()
            yield item

    def _text(self, value: Any) -> Any:
        return self._check_result(value, "joining text with '~'")

    def render_bounded(self, template: Any, context: dict[str, Any]) -> str:
        """Render ``template``, stopping as soon as the output passes :data:`MAX_OUTPUT`."""
        chunks: list[str] = []
        total = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.loop_steps = 0  # the budget is per render: an environment serves many renders
        for chunk in template.generate(context):
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise LimitError(f"the rendered document passed {MAX_OUTPUT:,} characters; "
                                 "a one-page brief is far smaller, so the template is stopped")
            chunks.append(chunk)
        return "".join(chunks)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\d*)(?:\.(\d*))?")
_BRACE_NUMBERS = re.compile(r"\d+")


def check_format_widths(text: str, *, percent: bool = False) -> None:
    """Refuse a format string whose width or precision would build a huge string."""
    if percent or "%" in text:
        for match in _PERCENT_SPEC.finditer(text):
            for group in match.groups():
                if group and int(group) > MAX_WIDTH:
                    raise LimitError(f"the format width {group} is too large for a template "
                                     f"(limit {MAX_WIDTH:,})")
    if "{" in text:
        try:
            fields = list(Formatter().parse(text))
        except ValueError:
            return  # not a format string; str.format will report it if it is used as one
        for _, _, spec, _ in fields:
            for number in _BRACE_NUMBERS.findall(spec or ""):
                if int(number) > MAX_WIDTH:
                    raise LimitError(f"the format width {number} is too large for a template "
                                     f"(limit {MAX_WIDTH:,})")
