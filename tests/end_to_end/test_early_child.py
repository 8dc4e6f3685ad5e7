"""The child started early for a packaged theme's PDF: the same PDF as in-process, every error
back in the parent, nothing left running. Each case runs in a fresh interpreter (the child is only
started where WeasyPrint is not imported yet, and the pytest process has it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen import isolation

from ..conftest import REFERENCE, SAMPLES, pdf_text
from ..pdf.test_one_page import write_brief

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the worker is started only on Linux")

PRELUDE = """
import json, os, sys
from briefgen import isolation
from briefgen.pipeline import prepare, render_pdf
worker = isolation.start()
assert worker is not None
"""


def run_probe(body: str, *args: str) -> dict:
    code = PRELUDE + textwrap.dedent(body)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_worker_lays_out_the_same_pdf_as_the_process_itself(tmp_path):
    out = run_probe("""
        prepared = prepare(sys.argv[1])
        remote = render_pdf(prepared, engine=worker)
        laid_out_elsewhere = "weasyprint" not in sys.modules
        local = render_pdf(prepared)
        open(sys.argv[2], "wb").write(remote.data)
        open(sys.argv[3], "wb").write(local.data)
        print(json.dumps({"elsewhere": laid_out_elsewhere, "fit": [remote.fit, local.fit],
                          "layouts": [remote.layouts, local.layouts],
                          "pages": [remote.pages, local.pages]}))
    """, str(SAMPLES / "rlhf-research-scientist.yaml"), str(tmp_path / "w.pdf"),
        str(tmp_path / "l.pdf"))
    assert out["elsewhere"]  # the parent never imported WeasyPrint
    # A brief that must shrink: the child laid the parent's HTML out at each fit it tried.
    assert out["fit"][0] == out["fit"][1] < 1
    assert out["layouts"][0] == out["layouts"][1] > 1
    assert out["pages"] == [1, 1]
    assert pdf_text((tmp_path / "w.pdf").read_bytes()) == pdf_text((tmp_path / "l.pdf").read_bytes())


def test_a_brief_that_cannot_fit_is_refused_with_the_same_report(tmp_path):
    brief = write_brief(tmp_path, 6, extra_sentences=6)
    out = run_probe("""
        from briefgen.errors import FitError
        prepared = prepare(sys.argv[1])
        reports = []
        for engine in (worker, None):
            try:
                render_pdf(prepared, engine=engine)
            except FitError as exc:
                reports.append(str(exc))
        print(json.dumps({"reports": reports}))
    """, str(brief))
    remote, local = out["reports"]
    assert remote == local and "does not fit on one page" in remote


def test_a_coachs_template_error_comes_back_from_the_child_and_it_is_reaped(tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}'
        "{% block summary %}{{ no_such_name }}{{ super() }}{% endblock %}", encoding="utf-8")
    out = run_probe("""
        from briefgen.errors import TemplateError
        prepared = prepare(sys.argv[1], templates=sys.argv[2])
        try:
            render_pdf(prepared, engine=worker)
            outcome = "rendered"
        except TemplateError as exc:
            outcome = f"{exc.template}:{exc.line}: {exc.message}"
        try:
            os.waitpid(worker.pid, 0)
            reaped = False
        except ChildProcessError:
            reaped = True  # already waited for: nothing left running
        print(json.dumps({"outcome": outcome, "reaped": reaped, "pid": worker.pid}))
    """, str(SAMPLES / "rlhf-research-scientist.yaml"), str(coach))
    assert out["outcome"].endswith("brief.html:1: 'no_such_name' is not a variable templates "
                                   "receive (see TEMPLATES.md for what a template receives)")
    assert out["reaped"]


def test_a_worker_that_died_is_replaced_by_rendering_here():
    out = run_probe("""
        import signal
        os.kill(worker.pid, signal.SIGKILL)
        result = render_pdf(prepare(sys.argv[1]), engine=worker)
        print(json.dumps({"pages": result.pages, "here": "weasyprint" in sys.modules}))
    """, str(REFERENCE))
    assert out == {"pages": 1, "here": True}


def test_a_bug_in_the_child_comes_back_with_its_traceback():
    code = """
        import sys
        from briefgen import isolation
        from briefgen.pdf.engine import Engine
        def broken(*args, **kwargs):
            return 1 / 0
        Engine.write_pdf = broken  # inherited by the forked child
        worker = isolation.start()
        from briefgen.pipeline import prepare, render_pdf
        try:
            render_pdf(prepare(sys.argv[1]), engine=worker)
        except RuntimeError as exc:
            print("BUG", "ZeroDivisionError" in str(exc), "render process failed" in str(exc))
    """
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(REFERENCE)],
                            capture_output=True, text=True, timeout=120)
    assert "BUG True True" in result.stdout, result.stderr


def test_no_worker_where_it_cannot_help(monkeypatch):
    import weasyprint  # noqa: F401 - imported already: nothing to overlap

    assert isolation.start() is None
    monkeypatch.delitem(sys.modules, "weasyprint")
    monkeypatch.setenv("BRIEFGEN_PDF_WORKER", "0")
    assert isolation.start() is None


# --- through the installed command --------------------------------------------------------------

def briefgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("briefgen")
    return subprocess.run([str(exe), *args], capture_output=True, timeout=180, cwd=cwd)


def test_the_command_renders_through_the_worker_to_a_file_and_to_stdout(tmp_path):
    target = tmp_path / "brief.pdf"
    assert briefgen("render", str(REFERENCE), "-o", str(target)).returncode == 0
    piped = briefgen("render", str(REFERENCE), "-o", "-")
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-")
    assert pdf_text(piped.stdout) == pdf_text(target.read_bytes())


def test_an_invalid_brief_stops_the_worker_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(REFERENCE.read_text(encoding="utf-8").replace("candidate:", "candidat:", 1),
                   encoding="utf-8")
    result = briefgen("render", str(bad), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 1
    assert b"candidat" in result.stderr
    assert not (tmp_path / "out.pdf").exists()
    # The worker is killed and reaped before the command exits: none is left behind.
    assert not _children_of_dead_parents()


def _children_of_dead_parents() -> list[str]:
    """``python`` processes re-parented to init whose command line is briefgen's (orphans)."""
    orphans = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if stat[1] == "1" and "briefgen" in cmdline and "render" in cmdline and str(os.getpid()) != proc.name:
            orphans.append(cmdline)
    return orphans
