"""The entry point forks the PDF worker before the CLI loads only for a plain one-brief PDF render,
and a worker nothing takes is stopped: the temporary folder is left as it was found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.launch import one_pdf

from .conftest import REFERENCE

BRIEFGEN = Path(sys.executable).with_name("briefgen")


@pytest.mark.parametrize("args, early", [
    (["render", "{brief}"], True),
    (["render", "{brief}", "-o", "out.pdf", "--theme", "compact", "--review", "--force"], True),
    (["render", "--page=a4", "-f", "pdf", "{brief}", "--variant", "amazon"], True),
    (["render", "-", "-o", "-"], True),
    (["render", "{brief}", "-f", "md"], False),
    (["render", "{brief}", "--format=html"], False),
    (["render", "{brief}", "--watch"], False),
    (["render", "{brief}", "-w"], False),
    (["render", "{brief}", "--variant", "all"], False),
    (["render", "{brief}", "{brief}"], False),  # a batch
    (["render", "{folder}"], False),
    (["render", "missing.yaml"], False),
    (["render", "{brief}", "--jobs", "2"], False),
    (["render", "{brief}", "--with-check"], False),
    (["render", "{brief}", "--help"], False),
    (["render", "{brief}", "-fpdf"], False),  # unsure: left to render
    (["check", "{brief}"], False),
    ([], False),
])
def test_only_a_plain_pdf_render_starts_the_worker_early(tmp_path, args, early):
    values = {"brief": str(REFERENCE), "folder": str(tmp_path)}
    assert one_pdf([a.format(**values) for a in args]) is early


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return subprocess.run([str(BRIEFGEN), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TMPDIR": str(scratch)})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker runs on Linux only")
@pytest.mark.parametrize("case", ["rendered", "invalid brief", "bad page", "usage error"])
def test_the_early_worker_is_used_or_stopped(tmp_path, case):
    brief = tmp_path / "brief.yaml"
    brief.write_text(REFERENCE.read_text(encoding="utf-8") if case != "invalid brief"
                     else "candidate: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    extra = {"bad page": ["--page", "legal"], "usage error": ["--accent"]}.get(case, [])
    assert one_pdf(["render", str(brief), "-o", str(out), *extra])
    result = run(tmp_path, "render", str(brief), "-o", str(out), *extra)
    expected = {"rendered": 0, "invalid brief": 1, "bad page": 1, "usage error": 2}[case]
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert out.exists() == (case == "rendered")
    assert sorted(os.listdir(tmp_path / "tmp")) == []  # the worker's scratch folder is gone


# --- leaving without the interpreter's finalization ---------------------------------------------

LEAVE = """
import atexit, sys, threading, time
from briefgen.launch import leave
mode, code = sys.argv[1], sys.argv[2]
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
sys.stdout.write("x" * 200_000)  # more than a pipe holds: left in the buffer unless flushed
if mode == "thread":  # a thread still working: the interpreter's own shutdown waits for it
    threading.Thread(target=lambda: (time.sleep(0.3), print("thread done", file=sys.stderr))).start()
leave(None if code == "none" else int(code) if code.lstrip("-").isdigit() else code)
"""


@pytest.mark.parametrize("mode, code, status", [
    ("plain", "none", 0), ("plain", "0", 0), ("plain", "1", 1), ("plain", "2", 2),
    ("plain", "70", 70), ("plain", "257", 1), ("plain", "-1", 255),
    ("plain", "a message", 1), ("thread", "3", 3), ("thread", "a message", 1),
])
def test_leave_ends_as_sys_exit_would(mode, code, status):
    result = subprocess.run([sys.executable, "-c", LEAVE, mode, code], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == status
    assert result.stdout == "x" * 200_000  # flushed whole
    assert "exit handler ran" in result.stderr
    assert ("a message" in result.stderr) == (code == "a message")
    assert ("thread done" in result.stderr) == (mode == "thread")
    assert "Traceback" not in result.stderr


def test_the_command_line_output_is_flushed_whole_before_it_leaves(tmp_path):
    # Markdown on standard output through a pipe, then the status of a usage error: both as
    # a normal exit would leave them.
    notes = run(tmp_path, "render", str(REFERENCE), "-f", "md", "-o", "-")
    assert notes.returncode == 0, notes.stderr
    assert notes.stdout.startswith("# ") and notes.stdout.endswith("\n")
    assert len(notes.stdout) > 2000
    usage = run(tmp_path, "render", str(REFERENCE), "--format", "docx")
    assert usage.returncode == 2 and "Invalid value for '--format'" in usage.stderr


# --- pydantic's plugin discovery -------------------------------------------------------------------

PLUGINS = """
import json, sys
mode = sys.argv[1]
if mode == "command":
    import briefgen.launch as launch
    launch._no_pydantic_plugins()
from briefgen.pipeline import prepare
prepared = prepare(sys.argv[2])
loader = sys.modules.get("pydantic.plugin._loader")
out = {"metadata": "importlib.metadata" in sys.modules, "loader": type(loader).__name__,
       "projects": len(prepared.brief.projects)}
if mode == "command":
    out["forwarded"] = loader._plugins is None or isinstance(loader._plugins, dict)
    out["real_after"] = type(sys.modules["pydantic.plugin._loader"]).__name__
print(json.dumps(out))
"""


def plugins_probe(mode: str) -> dict:
    import json

    result = subprocess.run([sys.executable, "-c", PLUGINS, mode, str(REFERENCE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_command_builds_its_models_without_looking_for_pydantic_plugins():
    """importlib.metadata and the scan of every installed package's entry points (about 22 ms
    of every command) are skipped; anything else asked of the loader goes to the real one."""
    out = plugins_probe("command")
    assert out["projects"] == 2 and not out["metadata"] and out["loader"] == "_NoPlugins"
    assert out["forwarded"] and out["real_after"] == "module"


def test_briefgen_as_a_library_leaves_pydantic_as_it_is():
    out = plugins_probe("library")
    assert out["projects"] == 2 and out["metadata"] and out["loader"] == "module"
