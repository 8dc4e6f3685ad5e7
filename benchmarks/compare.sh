#!/bin/bash
# Cold `briefgen render` of the reference brief to PDF, two revisions alternated in one loop (so
# load elsewhere on the machine hits both alike), and RenderCV's sample when RENDERCV is set.
# Run by hand:  benchmarks/compare.sh REV_A REV_B [RUNS]   e.g.  benchmarks/compare.sh HEAD~2 HEAD 11
# Each revision is checked out in a temporary git worktree and run with this checkout's .venv.
set -euo pipefail
a=${1:?usage: compare.sh REV_A REV_B [RUNS]}; b=${2:?usage: compare.sh REV_A REV_B [RUNS]}; runs=${3:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
reference="$root/../shared/reference/brief.yaml"
[ -f "$reference" ] || reference="$root/samples/priya-raman.yaml"
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/a" >/dev/null 2>&1 || true
      git -C "$root" worktree remove --force "$work/b" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q --detach "$work/a" "$a"
git -C "$root" worktree add -q --detach "$work/b" "$b"
# Compiled ahead, as an installed package is: with PYTHONDONTWRITEBYTECODE set (or a read-only
# tree) every run would otherwise compile briefgen from source, about 0.1 s.
"$root/.venv/bin/python" -m compileall -q "$work/a/briefgen" "$work/b/briefgen" >/dev/null
if [ -n "${RENDERCV:-}" ]; then
  mkdir "$work/rcv" && (cd "$work/rcv" && "$RENDERCV" new "John Doe" >/dev/null)
fi
seconds() { /usr/bin/env python3 -c 'import subprocess, sys, time
t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(f"{time.perf_counter() - t:.3f}")' "$@"; }
for i in $(seq 1 "$runs"); do
  r=-
  if [ -n "${RENDERCV:-}" ]; then
    r=$(cd "$work/rcv" && seconds "$RENDERCV" render John_Doe_CV.yaml --dont-generate-markdown \
        --dont-generate-html --dont-generate-png)
  fi
  ta=$(PYTHONPATH="$work/a" seconds "$root/.venv/bin/briefgen" render "$reference" -o "$work/a.pdf" --force)
  tb=$(PYTHONPATH="$work/b" seconds "$root/.venv/bin/briefgen" render "$reference" -o "$work/b.pdf" --force)
  echo "$r $ta $tb"
done | python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin if line.strip()]
a = statistics.median(float(r[1]) for r in rows); b = statistics.median(float(r[2]) for r in rows)
print(f"{sys.argv[1]}: {a:.3f} s   {sys.argv[2]}: {b:.3f} s   ratio {b / a:.3f}  (medians of {len(rows)})")
if rows[0][0] != "-":
    r = statistics.median(float(row[0]) for row in rows)
    print(f"RenderCV: {r:.3f} s   {sys.argv[1]}: {a / r:.2f}x   {sys.argv[2]}: {b / r:.2f}x")' "$a" "$b"
