"""Bytes -> a plain YAML tree plus the source position of every value.

The tree is built from PyYAML's node graph rather than its constructor so that we can
- keep ``line:col`` for every key and value (errors name ``FILE:LINE:COL``),
- resolve scalars the YAML 1.2 way: only ``true``/``false`` are booleans, ``no``, ``on``,
  ``1:30`` and unquoted dates stay text, so nobody's words silently become something else,
- refuse duplicate keys, custom tags, and bound size, nesting and alias expansion.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

MAX_BYTES = 1_000_000  # a brief is a few KB; anything near this is a mistake or an attack
MAX_NODES = 100_000  # counts nodes as aliases are expanded: stops "billion laughs" early
MAX_DEPTH = 50

Path_ = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Source:
    """A loaded YAML document: the plain tree, where each part of it came from, and the text."""

    data: Any
    file: str
    text: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    base_dir: Path | None = None  # relative paths in the brief resolve against this

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
        return Problem(
            message=message,
            file=self.file,
            line=line,
            column=col,
            path=dotted(path),
            hint=hint,
            source_line=self.line_text(line),
        )


def dotted(path: Path_) -> str:
    """("projects", 0, "metric") -> "projects[0].metric"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Resolver(yaml.resolver.BaseResolver):
    """No implicit resolvers: every plain scalar arrives as ``str`` and we type it ourselves."""


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def read_source(file: str | Path) -> Source:
    """Read ``file`` (or ``-`` for standard input) into a :class:`Source`."""
    name = str(file)
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        return load_bytes(raw, "<stdin>", base_dir=Path.cwd())
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError([Problem(f"{name} is a directory, not a YAML file", file=name)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=name)]) from None
    except PermissionError:
        raise InputError([Problem("permission denied", file=name)]) from None
    except IsADirectoryError:
        raise InputError([Problem(f"{name} is a directory, not a YAML file", file=name)]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file ({exc.strerror})", file=name)]) from None
    return load_bytes(raw, name, base_dir=path.resolve().parent)


def load_bytes(raw: bytes, file: str = "<input>", *, base_dir: Path | None = None) -> Source:
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(
            f"the file is larger than {MAX_BYTES // 1000} KB; a brief is a few KB of YAML",
            file=file)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            file=file, line=line, column=col)]) from None
    return load_text(text, file, base_dir=base_dir)


def load_text(text: str, file: str = "<input>", *, base_dir: Path | None = None) -> Source:
    source = Source(data=None, file=file, text=text, base_dir=base_dir)
    if not text.strip():
        raise InputError([Problem("the file is empty; run `briefgen init` for a starter brief",
                                  file=file)])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(exc, source)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(f"not valid YAML: {exc}", file=file)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError([Problem("the file has no content", file=file)])
    builder = _TreeBuilder(source)
    source.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return source


def _yaml_problem(exc: yaml.MarkedYAMLError, source: Source) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = exc.problem or exc.context or "invalid YAML"
    if "\t" in reason or "'\\t'" in reason or "tab" in reason.lower():
        reason += "; YAML indents with spaces only: replace the tab with spaces"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(message=f"YAML syntax error: {reason}", file=source.file, line=line,
                   column=col, source_line=source.line_text(line))


class _TooBig(Exception):
    pass


class _TreeBuilder:
    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self._build(node, path, 0)
        except _TooBig as exc:
            self.problems = [Problem(str(exc), file=self.source.file)]
            return None

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(
                f"the document expands to more than {MAX_NODES:,} values "
                "(aliases that repeat each other?); refusing to load it")
        if depth > MAX_DEPTH:
            raise _TooBig(f"the document is nested more than {MAX_DEPTH} levels deep")
        self.source.positions.setdefault(path, self._mark(node))
        if node.tag not in _STANDARD_TAGS:
            line, col = self._mark(node)
            self.problems.append(Problem(
                f"custom YAML tags such as {node.tag!r} are not allowed",
                file=self.source.file, line=line, column=col, path=dotted(path),
                source_line=self.source.line_text(line)))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                    isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<"
                    and key_node.style is None):
                line, col = self._mark(key_node)
                self.problems.append(Problem(
                    "YAML merge keys (<<) are not supported; write the fields out",
                    file=self.source.file, line=line, column=col, path=dotted(path),
                    source_line=self.source.line_text(line)))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self._mark(key_node)
                self.problems.append(Problem(
                    "a key must be plain text", file=self.source.file, line=line, column=col,
                    path=dotted(path), source_line=self.source.line_text(line)))
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in out:
                line, col = self._mark(key_node)
                first = self.source.key_positions.get(child, (None, None))[0]
                self.problems.append(Problem(
                    f"duplicate key {key!r} (first set on line {first})",
                    file=self.source.file, line=line, column=col, path=dotted(child),
                    source_line=self.source.line_text(line)))
                continue
            self.source.key_positions[child] = self._mark(key_node)
            out[key] = self._build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        if node.style is not None:  # quoted or block scalars are always text
            if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and node.value:
                return _number(value) if _number(value) is not None else value
            return value
        if node.tag == "tag:yaml.org,2002:str":
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        number = _number(value)
        return value if number is None else number


def _number(value: str) -> int | float | None:
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        return float(value)
    return None
