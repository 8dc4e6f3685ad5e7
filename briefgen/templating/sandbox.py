"""The Jinja half of the sandbox for untrusted coach templates: bounded work inside one render.

Jinja's :class:`ImmutableSandboxedEnvironment` already blocks private attributes (``__class__``,
``|attr('__mro__')``), mutation of containers and ``range`` above ``MAX_RANGE``. It does not bound
memory or time, so a template such as ``{{ 'x' * 10**9 }}`` or two nested 100,000-step loops
would eat the machine. :class:`BoundedSandbox` adds those bounds:

* numbers passed to calls and filters, widths in format strings, ``**`` exponents;
* the size of every string and list a template builds (``*``, ``+``, ``~``, calls, filters, and
  list and mapping literals, so a structure of shared halves cannot grow past the limit unseen);
* every character a template emits, captured (``{% set %}...{% endset %}``, macros) or not;
* loop steps and seconds per render, and the size of the rendered document.

These are the first line of defence, and they report the template's file and line. What
guarantees the bounds is the process a coach's template runs in (:mod:`briefgen.isolation`):
one C-level operation (comparing two huge lists) never returns to these checks. The template
loader (:mod:`briefgen.templating.loader`) keeps files outside the folders out of reach, and
templates receive plain data only (:mod:`briefgen.templating.context`), so nothing is left to
call. Every refusal here is a :class:`SecurityError`.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from string import Formatter
from typing import Any

from jinja2 import nodes
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from .context import Record
from .escaping import TemplateText

MAX_OUTPUT = 2_000_000  # characters in one rendered document (a one-page brief is ~20,000)
MAX_TEXT = 1_000_000  # characters in any string or list a template builds
MAX_NUMBER = 100_000  # largest number a template may pass to a call, filter or repetition
MAX_WORK = 50_000_000  # size of a call's input times its arguments (bounds replace/join/center)
MAX_WIDTH = 10_000  # largest width or precision in a format string
MAX_EMITTED = 8_000_000  # characters emitted in one render, into the document or a capture
MAX_LOOP_STEPS = 1_000_000  # loop iterations in one render
MAX_SECONDS = 10.0  # one render of a one-page brief takes milliseconds
_SIZE_CACHE = 10_000  # containers whose size is remembered within one render

_LOOP_FILTER = "_briefgen_loop"
_TEXT_FILTER = "_briefgen_text"
_EMIT_FILTER = "_briefgen_emit"
_LITERAL_FILTER = "_briefgen_literal"


class LimitError(SecurityError):
    """A template tried to build or print more than the sandbox allows."""


def _through(node: nodes.Node, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _Bounds(NodeTransformer):
    """Routes every loop's iterable, every ``~``, every literal container and everything emitted
    through the budget filters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _through(node.iter, _LOOP_FILTER)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _through(node, _TEXT_FILTER)

    def visit_List(self, node: nodes.List) -> nodes.Node:
        self.generic_visit(node)
        return _through(node, _TEXT_FILTER)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        self.generic_visit(node)
        return _through(node, _TEXT_FILTER)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        self.generic_visit(node)
        if node.ctx != "load":  # a loop or assignment target: nothing is built
            return node
        return _through(node, _TEXT_FILTER)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_through(nodes.Const(child.data, lineno=child.lineno), _LITERAL_FILTER)
                      if isinstance(child, nodes.TemplateData) else _through(child, _EMIT_FILTER)
                      for child in node.nodes]
        return node


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates cannot exhaust memory and time, within limits.

    One instance serves many renders (batch, ``--watch``); every budget and the size cache are
    reset at the start of each :meth:`render_bounded`.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.loop_steps = 0
        self.emitted = 0
        self.deadline = float("inf")  # set when a render starts
        self._sizes: dict[int, tuple[Any, int]] = {}  # id -> (object kept alive, size); per render
        self.globals.pop("lipsum", None)  # placeholder text has no place in a brief; unbounded
        self.filters = {name: self._bounded_filter(f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = self._loop
        self.filters[_TEXT_FILTER] = self._text
        self.filters[_EMIT_FILTER] = self._emit
        self.filters[_LITERAL_FILTER] = self._literal

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = self._bounded_filter(func)

    @property
    def cached_sizes(self) -> int:
        """How many containers' sizes are remembered now (none between renders)."""
        return len(self._sizes)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A record's fields come before the mapping's methods: `project.items` is data.
        if isinstance(obj, Record) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

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
            if len(self._sizes) < _SIZE_CACHE:
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
        return self._check_result(value, "building text or a list")

    def _count(self, size: int) -> None:
        self.emitted += size
        if self.emitted > MAX_EMITTED:
            raise LimitError(f"the template emitted more than {MAX_EMITTED:,} characters "
                             "(captured or printed); a one-page brief is far smaller")

    def _emit(self, value: Any) -> Any:
        self._count(self.size(value) if isinstance(value, str) else 8)
        return value

    def _literal(self, text: str) -> TemplateText:
        self._count(len(text))
        return TemplateText(text)

    def render_bounded(self, template: Any, context: dict[str, Any]) -> str:
        """Render ``template``, stopping as soon as the output passes :data:`MAX_OUTPUT`."""
        chunks: list[str] = []
        total = 0
        # The budgets are per render: an environment serves many renders (batch, --watch).
        self.deadline = time.monotonic() + MAX_SECONDS
        self.loop_steps = self.emitted = 0
        self._sizes.clear()
        try:
            for chunk in template.generate(context):
                total += len(chunk)
                if total > MAX_OUTPUT:
                    raise LimitError(f"the rendered document passed {MAX_OUTPUT:,} characters; "
                                     "a one-page brief is far smaller, so the template is stopped")
                chunks.append(chunk)
        finally:
            self._sizes.clear()  # it keeps every container of the render alive
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
