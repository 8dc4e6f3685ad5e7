"""YAML text -> a plain tree plus the source position of every value.

The tree is built from PyYAML's node graph rather than its constructor so that we can
- keep ``line:col`` for every key and value (errors name ``FILE:LINE:COL``),
- resolve scalars the YAML 1.2 way: only ``true``/``false`` are booleans, ``no``, ``on``,
  ``1:30`` and unquoted dates stay text, so nobody's words silently become something else;
  numbers remember how they were written (``0.50``, ``012``) for fields that want text,
- refuse duplicate keys, custom tags, and bound size, node count, nesting and alias expansion
  *while* parsing, so a hostile file is refused in a fraction of a second.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from .scalars import YamlFloat, YamlInt
from .source import Path_, Source, dotted, located

MAX_NODES = 10_000  # values, counted as aliases are expanded: a full brief has about a thousand
MAX_DEPTH = 40  # a brief nests 5 levels deep

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_PLAIN = "tag:briefgen,2026:plain"  # our marker for an untagged plain scalar, typed in _scalar
_STANDARD_TAGS = {
    _PLAIN,
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Resolver(yaml.resolver.BaseResolver):
    """No implicit resolvers: untagged plain scalars get our marker tag and we type them ourselves."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))


class _Limit(Exception):
    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.mark = mark


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)
        self.node_count = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Counted and bounded here, before the node graph exists: PyYAML's composer recurses
        # once per level, so an unbounded "[[[[..." would otherwise end in a RecursionError,
        # and a flat list of 100,000 items would take seconds to compose.
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise _Limit(f"the document has more than {MAX_NODES:,} values; a brief has a few "
                         "hundred", self.peek_event().start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Limit(f"the document is nested more than {MAX_DEPTH} levels deep",
                         self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_text(text: str, file: str = "<input>", *, base_dir: Path | None = None) -> Source:
    source = Source(data=None, file=file, text=text, base_dir=base_dir)
    if not text.strip():
        raise InputError([Problem("the file is empty; run `briefgen init` for a starter brief",
                                  file=file)])
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader checks for forbidden characters right here
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(exc, source)]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_reader_problem(exc, source)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(f"not valid YAML: {exc}", file=file)]) from None
    except _Limit as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (None, None)
        raise InputError([located(source, f"refusing to load: {exc}", line, col)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise InputError([Problem("the file has only comments; run `briefgen init` for a starter "
                                  "brief", file=file)])
    builder = _TreeBuilder(source)
    source.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return source


# The parser's reasons, explained: (substring of PyYAML's problem, what to do about it).
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed here",
     "a value that contains ': ' must be in quotes, e.g. title: \"Fix: faster search\"; "
     "otherwise check this line's indentation"),
    ("could not find expected ':'",
     "each line needs `key: value`; check for a missing colon or an unclosed quote"),
    ("did not find expected key",
     "check the indentation: keys of one mapping start in the same column"),
    ("expected <block end>",
     "check the indentation: this line does not line up with the ones above it"),
    ("did not find expected '-' indicator",
     "check the indentation: list items (`- `) of one list start in the same column"),
    ("expected ',' or ']'",
     "a [...] list is not closed, or an item has a special character; put such items in quotes"),
    ("expected ',' or '}'",
     "a {...} mapping is not closed, or a value has a special character; put it in quotes"),
    ("found undefined alias",
     "a value starting with * is read as an alias; put the value in quotes"),
    ("cannot start any token",
     "a value cannot start with this character; put the whole value in quotes"),
    ("expected a single document",
     "the file holds a second YAML document after `---`; keep one brief per file"),
    ("end of stream",
     "a quote or bracket is opened here but never closed"),
    ("<stream end>",
     "a quote or bracket is opened here but never closed"),
    ("found unknown escape character",
     "inside double quotes a backslash starts an escape; use single quotes or write \\\\"),
)


def _yaml_problem(exc: yaml.MarkedYAMLError, source: Source) -> Problem:
    reason = exc.problem or exc.context or "invalid YAML"
    if exc.context and reason.startswith("but "):  # "expected a single document ..., but found"
        reason = f"{exc.context}, {reason}"
    mark = exc.problem_mark or exc.context_mark
    if ("end of stream" in reason or "<stream end>" in reason) and exc.context_mark is not None:
        mark = exc.context_mark  # where the unclosed quote or bracket began, not the file's end
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    hint = ""
    if "'\\t'" in reason or "tab" in reason.lower() or (
            line is not None and "\t" in source.line_text(line)[: (col or 1)]):
        reason = "a tab character where YAML expects spaces"
        hint = "YAML indents with spaces only: replace the tab with spaces"
    else:
        hint = next((fix for needle, fix in _SYNTAX_HINTS if needle in reason), "")
    return located(source, f"YAML syntax error: {reason}", line, col, hint=hint)


def _reader_problem(exc: yaml.reader.ReaderError, source: Source) -> Problem:
    # PyYAML reports a character YAML forbids (NUL, ESC, other control codes) by offset.
    offset = exc.position
    line = source.text.count("\n", 0, offset) + 1
    col = offset - (source.text.rfind("\n", 0, offset) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Problem(
        message=f"the file contains a control character (U+{ord(char):04X}) that YAML does not "
                "allow; delete it", file=source.file, line=line, column=col)


class _TreeBuilder:
    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []
        self.count = 0
        self.active: set[int] = set()  # ids of the nodes being built: an alias cycle shows here

    def build(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self._build(node, path, 0)
        except _Limit as exc:
            line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (None, None)
            self.problems = [located(self.source, f"refusing to load: {exc}", line, col)]
            return None

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        line, col = self._mark(node)
        self.problems.append(located(self.source, message, line, col, path=dotted(path)))

    def _build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Limit(
                f"the document expands to more than {MAX_NODES:,} values "
                "(aliases that repeat each other?)", node.start_mark)
        if depth > MAX_DEPTH:
            raise _Limit(f"the document is nested more than {MAX_DEPTH} levels deep",
                         node.start_mark)
        self.source.positions.setdefault(path, self._mark(node))
        if node.tag not in _STANDARD_TAGS:
            self._problem(node, path, f"custom YAML tags such as {node.tag!r} are not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if id(node) in self.active:
            raise _Limit("an alias (*name) refers to the list or mapping that contains it",
                         node.start_mark)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            return [self._build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                    isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<"
                    and key_node.style is None):
                self._problem(key_node, path,
                              "YAML merge keys (<<) are not supported; write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in out:
                first = self.source.key_positions.get(child, (None, None))[0]
                self._problem(key_node, child, f"duplicate key {key!r} (first set on line {first}); "
                                               "keep one of them")
                continue
            self.source.key_positions[child] = self._mark(key_node)
            out[key] = self._build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value: str = node.value
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            number = _number(value.strip())
            if number is None:
                self._problem(node, path, f"{value!r} is tagged as a number but is not one")
            return number
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            if value in _BOOL:
                return _BOOL[value]
            self._problem(node, path, f"{value!r} is tagged as true/false but is neither")
            return None
        if node.tag != _PLAIN:  # quoted, block (| >) and !!str scalars are always text
            if node.style in ("'", '"') and node.end_mark.line - node.start_mark.line >= 2:
                self.source.long_quotes[node.start_mark.line + 1] = node.end_mark.line + 1
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        number = _number(value)
        return value if number is None else number


def _number(value: str) -> YamlInt | YamlFloat | None:
    if _INT.match(value):
        if len(value) > 30:  # int() refuses > 4300 digits; no brief needs a 30-digit count
            return YamlFloat(float(value), value)
        return YamlInt(int(value), value)
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        return YamlFloat(float(value), value)
    return None
