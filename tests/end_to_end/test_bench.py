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
    assert re.search(r"Markdown cold \d+ ms \(target < 150 ms\)", out)
    assert re.search(r"of which importing click, PyYAML, Jinja2 and pydantic alone: \d+ ms", out)
    assert re.search(r"batch \d+\.\d briefs/s with 2 jobs \(target >= 12\)", out)
    assert re.search(r"peak memory \d+ MB per process \(target < 150 MB\)", out)
    assert "RenderCV skipped (--no-rendercv)" in out
