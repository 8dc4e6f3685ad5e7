"""Cold-start benchmark: `make bench` (or `.venv/bin/python benchmarks/bench.py --help`).

Every measurement is a fresh process, as a user runs briefgen: the reference brief to PDF (also
with ``BRIEFGEN_PDF_WORKER=0``, all in one process) and to Markdown, `--help`, and a batch of 100
briefs (copies of the samples) with 2 jobs. Each is run once to warm the disk cache (and
briefgen's cache of WeasyPrint's parsed declarations, as any first run does), then ``--runs``
times; the medians are reported with the peak
resident memory of the largest process (for the batch: the busiest worker).

If RenderCV is installed (``rendercv`` on PATH, or ``RENDERCV=/path/to/rendercv``), the same run
times ``rendercv render`` of its own sample to PDF and prints briefgen's time as a ratio of it.
RenderCV is never a dependency of briefgen; install it in a separate environment.

Medians on a shared machine are noisy: compare numbers from one run, not across days.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "brief.yaml"
REFERENCE = _SHARED_REFERENCE if _SHARED_REFERENCE.exists() else SAMPLES / "priya-raman.yaml"

FLOOR_IMPORTS = "import click, yaml, jinja2.sandbox; from pydantic import BaseModel"

# SPEC.md's targets: the PDF against RenderCV, Markdown against its floor (the bare import of the
# four libraries it needs, measured in the same run); batch and watch throughput are reported.
TARGET_PDF_RATIO = 0.85
TARGET_MD_FLOOR_RATIO = 1.6
TARGET_WORKER_MB = 150.0


@dataclass
class Result:
    name: str
    cmd: list[str]
    cwd: str | None = None
    env: dict[str, str] = field(default_factory=dict)  # added to this process's environment
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process tree
    peak_kb: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024


def measure_child(cmd: list[str], cwd: str | None) -> None:
    """Run ``cmd`` once from this (wrapper) process; print wall time and peak RSS as JSON.

    A wrapper per run keeps ``RUSAGE_CHILDREN`` about this command's process tree alone: its
    ``ru_maxrss`` is the largest resident set of any process in it (kilobytes on Linux).
    """
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes there
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": peak,
                      "rc": proc.returncode, "stderr": proc.stderr[-2000:]}))


def measure(result: Result, keep: bool) -> None:
    """Run ``result.cmd`` once in a fresh process tree and record it (unless a warm-up)."""
    if result.error:
        return
    out = subprocess.run([sys.executable, __file__, "--measure", "--", *result.cmd], cwd=result.cwd,
                         env={**os.environ, **result.env}, capture_output=True, text=True,
                         check=True)
    data = json.loads(out.stdout)
    if data["rc"] != 0:
        result.error = f"exit {data['rc']}: {data['stderr'].strip()[-600:]}"
    elif keep:
        result.seconds.append(data["seconds"])
        result.cpu.append(data["cpu"])
        result.peak_kb.append(data["peak_kb"])


def run_interleaved(results: list[Result], runs: int) -> None:
    """One warm-up round (disk cache), then ``runs`` rounds running each command in turn.

    Interleaving makes a burst of load elsewhere on the machine hit every command alike, so
    the ratios stay meaningful even when the absolute times drift.
    """
    for i in range(runs + 1):
        for result in results:
            measure(result, keep=i > 0)


def make_batch(folder: Path, count: int) -> None:
    """``count`` briefs, cycling through the samples (each a distinct file)."""
    samples = sorted(SAMPLES.glob("*.yaml"))
    for i in range(count):
        sample = samples[i % len(samples)]
        text = sample.read_text(encoding="utf-8")
        (folder / f"brief-{i:03d}.yaml").write_text(f"# benchmark copy {i} of {sample.name}\n{text}",
                                                    encoding="utf-8")


def find_rendercv(explicit: str | None) -> str | None:
    candidate = explicit or os.environ.get("RENDERCV") or shutil.which("rendercv")
    if candidate and (Path(candidate).is_file() or shutil.which(candidate)):
        return candidate
    return None


def harfbuzz_subset() -> bool:
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is not None


def fmt_row(r: Result, extra: str = "") -> str:
    if r.error:
        return f"  {r.name:<38} FAILED {r.error}"
    spread = f"{min(r.seconds):.3f}-{max(r.seconds):.3f}"
    return (f"  {r.name:<38} {r.median:7.3f} s ({spread}, n={len(r.seconds)})  "
            f"cpu {r.median_cpu:6.3f} s  peak {r.peak_mb:4.0f} MB{extra}")


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a median of no runs means nothing)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=5, help="cold runs per single-brief measurement")
    parser.add_argument("--batch-runs", type=positive, default=3, help="runs of the batch")
    parser.add_argument("--batch-size", type=positive, default=100)
    parser.add_argument("--jobs", type=positive, default=2)
    parser.add_argument("--rendercv", help="path to the rendercv command (default: $RENDERCV, PATH)")
    parser.add_argument("--no-rendercv", action="store_true", help="skip RenderCV even if installed")
    args = parser.parse_args()

    # Bytecode for briefgen's own modules, as pip writes it for an installed package. An editable
    # install (make's) run where PYTHONDONTWRITEBYTECODE is set, as on many CI and container
    # images, would otherwise recompile all of them in every cold run: about 35 ms here.
    compileall.compile_dir(ROOT / "briefgen", quiet=1)
    # The installed command, as users run it (python -m adds runpy's few milliseconds).
    script = Path(sys.executable).parent / "briefgen"
    briefgen = [str(script)] if script.is_file() else [sys.executable, "-m", "briefgen"]
    print(f"briefgen benchmark: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"libharfbuzz-subset {'found' if harfbuzz_subset() else 'MISSING (slower PDFs)'}, "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"reference brief: {REFERENCE}")
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        results: dict[str, Result] = {
            "pdf": Result("reference -> PDF", [*briefgen, "render", str(REFERENCE), "-f", "pdf",
                                               "-o", str(tmp / "ref.pdf")]),
            # The same render without the PDF worker process: what the worker's overlap saves.
            "pdf1": Result("reference -> PDF, one process", [*briefgen, "render", str(REFERENCE),
                                                             "-f", "pdf", "-o", str(tmp / "ref1.pdf")],
                           env={"BRIEFGEN_PDF_WORKER": "0"}),
            "md": Result("reference -> Markdown", [*briefgen, "render", str(REFERENCE), "-f", "md",
                                                   "-o", str(tmp / "ref.md")]),
            "help": Result("--help", [*briefgen, "--help"]),
            # No briefgen code: what importing the fixed dependencies a Markdown render needs
            # costs by itself, the floor under the Markdown figure.
            "floor": Result("import click, yaml, jinja2, pydantic",
                            [sys.executable, "-c", FLOOR_IMPORTS]),
        }
        rendercv = None if args.no_rendercv else find_rendercv(args.rendercv)
        if rendercv:
            work = tmp / "rendercv"
            work.mkdir()
            made = subprocess.run([rendercv, "new", "John Doe"], cwd=work, capture_output=True, text=True)
            sample = work / "John_Doe_CV.yaml"
            if made.returncode != 0 or not sample.exists():
                results["rcv"] = Result("RenderCV sample -> PDF", [],
                                        error=f"`rendercv new` failed: {made.stderr.strip()[-400:]}")
            else:
                results["rcv"] = Result("RenderCV sample -> PDF only",
                                        [rendercv, "render", sample.name, "--dont-generate-markdown",
                                         "--dont-generate-html", "--dont-generate-png"], cwd=str(work))
                results["rcv_all"] = Result("RenderCV sample, default outputs",
                                            [rendercv, "render", sample.name], cwd=str(work))
        print(f"timing {len(results)} commands x {args.runs} cold runs, interleaved ...", flush=True)
        run_interleaved(list(results.values()), args.runs)

        batch = tmp / "batch"
        batch.mkdir()
        make_batch(batch, args.batch_size)
        results["batch"] = Result(f"{args.batch_size} briefs -> PDF, {args.jobs} jobs",
                                  [*briefgen, "render", str(batch), "-f", "pdf", "-o", str(tmp / "out"),
                                   "--jobs", str(args.jobs)])
        print(f"timing the batch x {args.batch_runs} ...", flush=True)
        run_interleaved([results["batch"]], args.batch_runs)

    print("\nmedians of cold runs: wall time (min-max), CPU time of the process tree, peak resident"
          "\nmemory of its largest process. CPU time is what load elsewhere on the machine distorts least.")
    for key in ("pdf", "pdf1", "md", "floor", "help", "batch", "rcv", "rcv_all"):
        if key not in results:
            continue
        r = results[key]
        extra = ""
        if key == "batch" and not r.error:
            extra = (f"  {args.batch_size / r.median:.1f} briefs/s; with {args.jobs} idle cores "
                     f"~{args.batch_size * args.jobs / r.median_cpu:.1f}/s")
        print(fmt_row(r, extra))

    print("\ntargets:")
    md, pdf, batch_r = results["md"], results["pdf"], results["batch"]
    floor = results["floor"]
    if not md.error and not floor.error:
        ratio = md.median / floor.median
        print(f"  Markdown cold {md.median * 1000:.0f} ms = {ratio:.2f}x the floor, importing click, "
              f"PyYAML, Jinja2 and pydantic alone ({floor.median * 1000:.0f} ms; target <= "
              f"{TARGET_MD_FLOOR_RATIO}x): {verdict(ratio <= TARGET_MD_FLOOR_RATIO)}")
    elif not md.error:
        print(f"  Markdown cold {md.median * 1000:.0f} ms (the floor failed: no ratio)")
    if not batch_r.error:
        rate = args.batch_size / batch_r.median
        print(f"  batch {rate:.1f} briefs/s with {args.jobs} jobs (a figure to compare runs by, "
              "not a target)")
    peaks = [r.peak_mb for r in (pdf, md, batch_r) if not r.error]
    if peaks:
        print(f"  peak memory {max(peaks):.0f} MB per process (target < {TARGET_WORKER_MB:.0f} MB): "
              f"{verdict(max(peaks) < TARGET_WORKER_MB)}")
    rcv = results.get("rcv")
    if rcv and not rcv.error and not pdf.error:
        ratio = pdf.median / rcv.median
        print(f"  PDF cold {pdf.median:.3f} s = {ratio:.2f}x RenderCV's {rcv.median:.3f} s "
              f"(target <= {TARGET_PDF_RATIO}x): {verdict(ratio <= TARGET_PDF_RATIO)}; "
              f"CPU time {pdf.median_cpu / rcv.median_cpu:.2f}x")
        if not md.error:
            print(f"  Markdown cold = {md.median / rcv.median:.2f}x RenderCV's PDF time")
        if not batch_r.error:
            per = batch_r.median / args.batch_size
            print(f"  batch: {per:.3f} s per brief = {per / rcv.median:.2f}x RenderCV's PDF time")
        rcv_all = results.get("rcv_all")
        if rcv_all and not rcv_all.error:
            print(f"  (RenderCV with its default PNG/Markdown/HTML outputs: {rcv_all.median:.3f} s; "
                  f"briefgen PDF = {pdf.median / rcv_all.median:.2f}x that)")
    elif rcv and rcv.error:
        print(f"  RenderCV could not render here ({rcv.error}); no ratios")
    elif args.no_rendercv:
        print("  RenderCV skipped (--no-rendercv); no ratios")
    else:
        print("  RenderCV not found (set RENDERCV=/path/to/rendercv); no ratios")
    load = os.getloadavg()[0]
    busy = " (above the CPU count: expect noise)" if load > (os.cpu_count() or 1) else ""
    print(f"\nload average at the end: {load:.2f}{busy}")
    failed = [r.name for r in results.values() if r.error and not r.name.startswith("RenderCV")]
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure" and sys.argv[2] == "--":
        measure_child(sys.argv[3:], cwd=None)
    else:
        sys.exit(main())
