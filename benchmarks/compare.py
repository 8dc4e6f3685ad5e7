"""Two revisions' cold PDF of the reference brief, alternated: ``make bench`` for a change. By hand:

    .venv/bin/python benchmarks/compare.py REV_A REV_B [--runs 21]     (RENDERCV=... adds RenderCV)

Each revision is checked out in a temporary git worktree, compiled (as an installed package is;
with PYTHONDONTWRITEBYTECODE set every run would otherwise compile briefgen from source, about
0.1 s) and run through its own console-script function with this checkout's ``.venv``. The order
alternates (A B, then B A) so that neither always runs second; medians of wall and CPU time (the
process tree's user + system, which load elsewhere distorts least) are printed. Checking the
harness: the same revision twice should read a ratio near 1.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SHARED = ROOT.parent / "shared" / "reference" / "brief.yaml"
REFERENCE = _SHARED if _SHARED.exists() else ROOT / "samples" / "priya-raman.yaml"


def timed(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def entry(tree: Path) -> str:
    match = re.search(r'^briefgen = "([\w.]+):(\w+)"$', (tree / "pyproject.toml").read_text(), re.M)
    assert match, f"{tree}: no briefgen console script"
    return f"import sys; sys.argv[0] = 'briefgen'; from {match[1]} import {match[2]} as m; m()"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python = str(ROOT / ".venv" / "bin" / "python")
    work = Path(tempfile.mkdtemp(prefix="briefgen-compare-"))
    trees = {"a": work / "a", "b": work / "b"}
    try:
        for key, rev in (("a", args.a), ("b", args.b)):
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach",
                            str(trees[key]), rev], check=True)
            subprocess.run([python, "-m", "compileall", "-q", str(trees[key] / "briefgen")],
                           check=True, stdout=subprocess.DEVNULL)
        rendercv = os.environ.get("RENDERCV")
        if rendercv:
            (work / "rcv").mkdir()
            subprocess.run([rendercv, "new", "John Doe"], cwd=work / "rcv", check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results: dict[str, list[tuple[float, float]]] = {"a": [], "b": [], "rcv": []}
        for run in range(args.runs):
            for key in ("a", "b") if run % 2 == 0 else ("b", "a"):
                env = {**os.environ, "PYTHONPATH": str(trees[key])}
                results[key].append(timed([python, "-c", entry(trees[key]), "render", str(REFERENCE),
                                           "-o", str(work / f"{key}.pdf"), "--force"], env=env))
            if rendercv:
                results["rcv"].append(timed([rendercv, "render", "John_Doe_CV.yaml",
                                             "--dont-generate-markdown", "--dont-generate-html",
                                             "--dont-generate-png"], cwd=work / "rcv"))
    finally:
        for tree in trees.values():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items() if v}
    cpu = {k: statistics.median(c for _, c in v) for k, v in results.items() if v}
    print(f"{args.a}: {wall['a']:.3f} s (cpu {cpu['a']:.3f} s)   {args.b}: {wall['b']:.3f} s "
          f"(cpu {cpu['b']:.3f} s)   wall ratio {wall['b'] / wall['a']:.3f}   medians of {args.runs}")
    if "rcv" in wall:
        print(f"RenderCV: {wall['rcv']:.3f} s   {args.a}: {wall['a'] / wall['rcv']:.2f}x   "
              f"{args.b}: {wall['b'] / wall['rcv']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
