"""`make bench` keeps working: the benchmark script runs end to end and prints every figure the
README reports. Only that it runs is checked here, never how fast (timed tests on a shared
machine would be noise); the figures themselves are read by hand from `make bench`."""

from __future__ import annotations

import re
import subprocess
import sys

from ..conftest import ROOT

BENCH = ROOT / "benchmarks" / "bench.py"


def test_bench_runs_and_reports_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--runs", "1", "--batch-runs", "1", "--batch-size", "4",
         "--no-rendercv"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for row in ("reference -> PDF", "reference -> PDF, one process", "reference -> Markdown",
                "import click, yaml, jinja2, pydantic",
                "--help", "4 briefs -> PDF, 2 jobs"):
        line = next((x for x in out.splitlines() if x.strip().startswith(row + " ")), "")
        # A row is a measurement: a median in seconds, CPU time and peak memory, never FAILED.
        assert re.search(r"\d+\.\d{3} s \(.*\)\s+cpu\s+\d+\.\d{3} s\s+peak\s+\d+ MB", line), (row, out)
    assert re.search(r"Markdown cold \d+ ms = \d+\.\d\dx the floor, importing click, PyYAML, "
                     r"Jinja2 and pydantic alone \(\d+ ms; target <= 1\.6x\): (meets|MISSES) target",
                     out)
    assert re.search(r"batch \d+\.\d briefs/s with 2 jobs \(a figure", out)
    assert re.search(r"peak memory \d+ MB per process \(target < 150 MB\)", out)
    assert "RenderCV skipped (--no-rendercv)" in out


def test_pdf_costs_runs_on_the_public_api() -> None:
    """benchmarks/pdf_costs.py (README: where a PDF's time goes) uses only public names, so a
    refactoring that breaks it fails here instead of in the hands of the next person measuring."""
    script = ROOT / "benchmarks" / "pdf_costs.py"
    result = subprocess.run([sys.executable, str(script), str(ROOT / "samples" / "one-project.yaml"),
                             "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"one-project\.yaml \(classic\): first render +\d+\.\d ms; warm: one layout "
                     r"+\d+\.\d ms, write_pdf +\d+\.\d ms, whole render +\d+\.\d ms with \d layouts",
                     result.stdout), result.stdout


def test_compare_runs_each_revision_through_its_own_console_script(tmp_path) -> None:
    """``benchmarks/compare.py`` runs a revision the way its installed ``briefgen`` runs: the
    function its pyproject.toml names (``briefgen.launch:main`` now, ``briefgen.cli:main`` before)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("compare", ROOT / "benchmarks" / "compare.py")
    assert spec and spec.loader
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    assert "from briefgen.launch import main as m" in compare.entry(ROOT)
    old = tmp_path / "old"
    old.mkdir()
    (old / "pyproject.toml").write_text('[project.scripts]\nbriefgen = "briefgen.cli:main"\n')
    assert "from briefgen.cli import main as m" in compare.entry(old)
    done = subprocess.run([sys.executable, "-c", compare.entry(ROOT), "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "briefgen" in done.stdout
