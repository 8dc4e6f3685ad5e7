"""No input can crash, hang or lose a file: hostile files, failed renders, and property-based runs
of mutated, random and binary input through `validate` and `render`."""

from __future__ import annotations

import copy
import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefgen.cli import cli

from ..conftest import REFERENCE, pdf_pages
from ..input.test_yaml_tree import billion_laughs

RUNNER = CliRunner()
REF_TEXT = REFERENCE.read_text(encoding="utf-8")
REF_DATA = yaml.safe_load(REF_TEXT)


def located(result: Result, file: Path | str) -> None:
    """Exit 1 with a message starting ``FILE:LINE:COL: `` or ``FILE: `` and no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    pattern = re.compile(re.escape(str(file)) + r"(:\d+:\d+)?: \S")
    assert any(pattern.match(line) for line in result.output.splitlines()), result.output


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- hostile and broken files, through every command that reads a brief -------------------------

BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "comments-only": b"# nothing here\n",
    "top-level-list": b"- candidate\n- projects\n",
    "top-level-scalar": b"hello\n",
    "alias-bomb": billion_laughs().encode(),
    "deep-nesting": b"a: " + b"[" * 5000,
    "not-utf8": REF_TEXT.replace("Priya", "Pri\u00e9ya").encode("latin-1"),
    "nul-byte": REF_TEXT.replace("Priya", "Pri\x00ya").encode(),
    "tab-indent": REF_TEXT.replace("  headline:", "\theadline:").encode(),
    "duplicate-key": REF_TEXT.replace("  name: Priya Raman\n", "  name: Priya Raman\n  name: P\n").encode(),
    "python-tag": REF_TEXT.replace("name: Priya Raman",
                                   "name: !!python/object/apply:os.system [id]").encode(),
    "too-big": REF_TEXT.encode() + b"#" + b"x" * 300_000,
    "binary": bytes(range(256)) * 4,
    "invalid": REF_TEXT.replace("better: lower", "better: sideways").encode(),
}
COMMANDS = [["validate"], ["render", "-f", "md"], ["render", "-f", "html"], ["render", "-f", "pdf"]]


@pytest.mark.parametrize("name", list(BAD_INPUTS))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_bad_input_is_reported_in_every_command(tmp_path, monkeypatch, command, name):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(BAD_INPUTS[name])
    located(RUNNER.invoke(cli, [*command, str(path)]), path)
    assert files_in(tmp_path) == [path.name]  # nothing written, not even output/


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_missing_file_directory_and_stdin(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    located(RUNNER.invoke(cli, [*command, str(tmp_path / "nope.yaml")]), tmp_path / "nope.yaml")
    (tmp_path / "folder").mkdir()
    located(RUNNER.invoke(cli, [*command, "folder"]), "folder")
    located(RUNNER.invoke(cli, [*command, "-"], input=billion_laughs()), "<stdin>")
    located(RUNNER.invoke(cli, [*command, "-"], input=b"\xff\xfe\x00"), "<stdin>")
    assert files_in(tmp_path) == ["folder"]


def test_init_and_schema_report_unwritable_paths_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args in (["init", str(blocker / "brief.yaml")], ["schema", "-o", str(blocker / "s.json")]):
        result = RUNNER.invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: cannot write")
        assert "Traceback" not in result.output


def test_a_bug_shows_a_short_line_and_the_traceback(monkeypatch):
    import briefgen.input.validate as validate

    def broken(file: Any, **_: Any) -> Any:
        raise ZeroDivisionError("a bug, not the input")

    # The command imports load_brief when it runs (a fast --help), so patch it at its source.
    monkeypatch.setattr(validate, "load_brief", broken)
    result = RUNNER.invoke(cli, ["validate", str(REFERENCE)])
    assert result.exit_code == 70
    first = result.output.splitlines()[0]
    assert "bug" in first and "not your input's fault" in first
    assert "Traceback (most recent call last)" in result.output
    assert "ZeroDivisionError: a bug, not the input" in result.output


# --- atomic writes: the previous output survives any failure ------------------------------------


def render(args: list[str]) -> Result:
    return RUNNER.invoke(cli, ["render", *args])


@pytest.fixture
def rendered_md(tmp_path) -> tuple[Path, bytes]:
    out = tmp_path / "out" / "brief.md"
    result = render([str(REFERENCE), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, out.read_bytes()


def test_invalid_input_keeps_the_previous_output(tmp_path, rendered_md):
    out, before = rendered_md
    bad = tmp_path / "bad.yaml"
    bad.write_text(REF_TEXT.replace("baseline: 12%", "baseline: twelve"))
    located(render([str(bad), "-f", "md", "-o", str(out)]), bad)
    assert out.read_bytes() == before
    assert files_in(out.parent) == ["brief.md"]


@pytest.mark.parametrize("fmt,template", [("md", "brief.md"), ("pdf", "brief.html")])
def test_a_failing_template_keeps_the_previous_output(tmp_path, fmt, template):
    out = tmp_path / "out" / f"brief.{fmt}"
    assert render([str(REFERENCE), "-f", fmt, "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    broken = tmp_path / "coach"
    broken.mkdir()
    (broken / template).write_text("{% if %}\n")
    result = render([str(REFERENCE), "-f", fmt, "-o", str(out), "--templates", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{template}:1" in result.output
    assert out.read_bytes() == before
    assert files_in(out.parent) == [out.name]


@pytest.mark.parametrize("failure,exit_code", [
    (OSError(errno.ENOSPC, "No space left on device"), 1),
    (KeyboardInterrupt(), 130),
])
def test_a_failure_while_writing_keeps_the_previous_output(monkeypatch, rendered_md, failure, exit_code):
    out, before = rendered_md

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)  # the new bytes are written, not yet in place
    result = render([str(REFERENCE), "-f", "html", "-o", str(out)])
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    if exit_code == 1:
        assert f"cannot write {out}: No space left on device" in result.output
    assert out.read_bytes() == before
    assert files_in(out.parent) == ["brief.md"]


def test_a_failed_rename_keeps_the_previous_output(monkeypatch, rendered_md):
    out, before = rendered_md

    def fail(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    result = render([str(REFERENCE), "-f", "md", "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert files_in(out.parent) == ["brief.md"]


def test_new_files_get_normal_permissions_and_old_files_keep_theirs(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "brief.md"
    assert render([str(REFERENCE), "-f", "md", "-o", str(out)]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    assert render([str(REFERENCE), "-f", "md", "-o", str(out)]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_output_that_is_a_directory_gets_the_brief_inside_it(tmp_path):
    (tmp_path / "x.md").mkdir()
    result = render([str(REFERENCE), "-f", "md", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in (tmp_path / "x.md").iterdir()] == [".md"]


def test_writing_onto_a_directory_is_refused_by_the_library(tmp_path):
    from briefgen.errors import RenderError
    from briefgen.output import write_atomic

    (tmp_path / "x.md").mkdir()
    with pytest.raises(RenderError, match="it is a directory"):
        write_atomic(tmp_path / "x.md", b"text")
    assert files_in(tmp_path / "x.md") == []


# --- property-based: mutated, random and binary input --------------------------------------------

NASTY = [
    "", " ", "1:30", "12:30:45", "no", "yes", "on", "off", "~", "null", "true", "2026-01-01", "12%",
    "-15%", "+1.5M", "$1.2M", "$400K", "2 s", "350 ms", "99.9%", "twelve million", "13M",
    "1,500,000", "0", "-0", "1e400", "nan", ".inf", "Dive Deeep", "Are Right, A Lot", "Dive Deep",
    "lower", "higher", "a4", "letter", "classic", "A5", "<script>alert(1)</script>", "{{ 7*7 }}",
    "{% include '/etc/passwd' %}", "[x](javascript:alert(1))", "\u202eevil", "\U0001f600", "# x",
    "&a", "*a", "!!python/object", "x" * 2500, "../../etc", "/", "\\", "\t", "é" * 50,
]
SCALARS = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers(),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=8)
KEYS = st.one_of(st.sampled_from(["title", "baseine", "metric", "name", "better", "principles", "x"]),
                 st.text(min_size=1, max_size=12))
YAML_TOKENS = st.sampled_from(list(":-[]{}#&*!|>'\",?%@`\t\n abcXYZ019.$~\\")
                              + ["\n  ", "\n- ", ": ", "&a ", "*a", "---\n", "!!str ", "candidate:\n"])


def yaml_soup(max_tokens: int) -> st.SearchStrategy[str]:
    """Text made of YAML's special characters and fragments: the parser's worst inputs."""
    return st.lists(YAML_TOKENS, max_size=max_tokens).map("".join)

TEXT_FIELDS = [("candidate", "name"), ("candidate", "headline"), ("summary",),
               ("projects", 0, "title"), ("projects", 0, "situation"), ("projects", 0, "task"),
               ("projects", 0, "actions", 1), ("projects", 1, "technique"),
               ("projects", 0, "metric", "name"), ("projects", 1, "outcomes", 2, "note"),
               ("projects", 1, "leadership", "story")]


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path in the tree (containers and leaves), for picking what to mutate."""
    out = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _leaves(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _leaves(value, path + (i,))
    return out


def _parent(tree: Any, path: tuple) -> Any:
    for part in path[:-1]:
        tree = tree[part]
    return tree


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).encode("utf-8")


@st.composite
def mutated_reference(draw: st.DrawFn) -> bytes:
    """The reference brief with one to three structural edits: replace, delete, rename, repeat."""
    data = copy.deepcopy(REF_DATA)
    for _ in range(draw(st.integers(1, 3))):
        paths = _leaves(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        op = draw(st.sampled_from(["replace", "replace", "delete", "rename", "repeat"]))
        if op == "replace":
            parent[last] = draw(VALUES)
        elif op == "delete":
            del parent[last]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(last)
        elif op == "repeat" and isinstance(parent, list):
            parent.extend([copy.deepcopy(parent[last])] * draw(st.integers(1, 12)))
    return _dump(data)


@st.composite
def mangled_text(draw: st.DrawFn) -> bytes:
    """The reference brief's text with one to three textual edits: the mistakes of a hand edit."""
    lines = REF_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["insert", "delete", "indent", "dedent", "replace", "duplicate"]))
        snippet = draw(st.one_of(yaml_soup(6), st.sampled_from(NASTY)))
        if op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + snippet + lines[i][at:]
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][1:] if lines[i].startswith(" ") else lines[i]
        elif op == "replace":
            key = lines[i].split(":")[0]
            lines[i] = f"{key}: {snippet}\n"
        elif op == "duplicate":
            lines.insert(i, lines[i])
    return "".join(lines).encode("utf-8")


@st.composite
def flipped_bytes(draw: st.DrawFn) -> bytes:
    raw = bytearray(REFERENCE.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


SHORT_SCALARS = st.one_of(st.sampled_from([n for n in NASTY if len(n) < 100]), st.text(max_size=40),
                          st.integers(), st.floats(), st.booleans(), st.none())


@st.composite
def edited_reference(draw: st.DrawFn) -> bytes:
    """The reference brief with one value replaced or removed: often still valid, so PDFs get made."""
    data = copy.deepcopy(REF_DATA)
    leaves = [p for p in _leaves(data) if not isinstance(_parent(data, p)[p[-1]], (dict, list))]
    path = draw(st.sampled_from(leaves))
    parent = _parent(data, path)
    if isinstance(parent, dict) and draw(st.integers(0, 3)) == 0:
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(SHORT_SCALARS)
    return _dump(data)


ANY_INPUT = st.one_of(
    mutated_reference(),
    mangled_text(),
    VALUES.map(_dump),
    yaml_soup(80).map(lambda s: s.encode("utf-8")),
    st.binary(max_size=400),
    flipped_bytes(),
)

CHEAP = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COSTLY = settings(CHEAP, max_examples=12)


def _gist(output: str) -> str:
    """The kind of a message, for hypothesis' statistics (--hypothesis-show-statistics)."""
    message = re.sub(r"^\S+?(:\d+:\d+)?: (\S+: )?", "", output.splitlines()[0])
    return " ".join(re.sub(r"'[^']*'|`[^`]*`|\d+", "_", message).split()[:4])


def _validate_and_render_md(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.yaml"
        path.write_bytes(raw)
        out = Path(folder) / "notes.md"
        checked = RUNNER.invoke(cli, ["validate", str(path)])
        rendered = RUNNER.invoke(cli, ["render", str(path), "-f", "md", "-o", str(out)])
        for result in (checked, rendered):
            if result.exit_code != 0:
                located(result, path)
        assert checked.exit_code == rendered.exit_code, (checked.output, rendered.output)
        event("valid" if checked.exit_code == 0 else "refused: " + _gist(checked.output))
        if rendered.exit_code == 0:
            assert checked.output.startswith(f"OK {path}: ")
            tokens = MarkdownIt("commonmark").parse(out.read_text(encoding="utf-8"))
            assert any(t.type == "heading_open" for t in tokens)
        else:
            assert files_in(Path(folder)) == ["brief.yaml"]


@CHEAP
@given(ANY_INPUT)
def test_any_input_validates_and_renders_markdown_or_is_located(raw):
    _validate_and_render_md(raw)


def _render_pdf(raw: bytes, *, must_succeed: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.yaml"
        path.write_bytes(raw)
        out = Path(folder) / "brief.pdf"
        result = RUNNER.invoke(cli, ["render", str(path), "-f", "pdf", "-o", str(out)])
        if must_succeed:
            assert result.exit_code == 0, result.output
        event("rendered" if result.exit_code == 0 else "refused")
        if result.exit_code == 0:
            assert len(pdf_pages(out.read_bytes())) == 1
            return
        assert not out.exists()
        if "does not fit on one page" in result.output:  # refused, with the overflow report
            assert result.exit_code == 1 and "Traceback" not in result.output
        else:
            located(result, path)


@COSTLY
@given(edited_reference())
def test_edited_reference_renders_one_page_pdf_or_is_located(raw):
    _render_pdf(raw, must_succeed=False)


PRINTABLE = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), min_size=1, max_size=120)


@COSTLY
@given(st.sampled_from(TEXT_FIELDS), PRINTABLE.filter(lambda s: s.strip()))
def test_any_printable_text_in_a_text_field_renders_a_one_page_pdf(field, text):
    data = copy.deepcopy(REF_DATA)
    _parent(data, field)[field[-1]] = text
    _render_pdf(_dump(data), must_succeed=True)
