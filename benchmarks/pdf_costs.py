"""Where a PDF render's time goes: the first render of a process, one layout, write_pdf. Run by hand:

    .venv/bin/python benchmarks/pdf_costs.py [BRIEF.yaml ...] [--runs 7] [--theme compact]

For each brief it prints, in one process:
- the first render (what a cold ``briefgen render`` pays after ``import weasyprint``: the font
  configuration, every ``@font-face`` registered, the theme's sheets parsed, Pango's caches cold);
- medians over ``--runs`` warm renders of one layout at the chosen fit, of ``write_pdf`` of that
  layout, and of the whole render with how many layouts the fit took.

The import itself is measured by ``make bench`` (and ``python -X importtime``). Only public names
of briefgen are used, so this runs as long as the library does (a test runs it once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.errors import FitError  # noqa: E402
from briefgen.pdf.engine import PDF_VARIANT  # noqa: E402
from briefgen.pipeline import prepare, render_job  # noqa: E402
from briefgen.renderer import default_renderer  # noqa: E402


def ms(seconds: float) -> str:
    return f"{1000 * seconds:6.1f} ms"


def costs(brief: str, runs: int, theme: str | None) -> str:
    prepared = prepare(brief, theme=theme)
    job = render_job(prepared, "pdf")
    assert job.pdf is not None
    renderer = default_renderer()
    html = renderer.html_for_pdf(job)
    engine = renderer.engine  # imports WeasyPrint: not part of any figure below
    start = time.perf_counter()
    try:
        result = engine.write_pdf(html, job.pdf)
    except FitError:
        return f"{Path(brief).name}: does not fit on one page (see `briefgen render`)"
    first = time.perf_counter() - start
    layouts, writes, totals = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        trial = engine.layout_once(html, job.pdf, result.fit, spread=result.spread)
        layouts.append(time.perf_counter() - start)
        start = time.perf_counter()
        trial.document.write_pdf(pdf_variant=PDF_VARIANT)
        writes.append(time.perf_counter() - start)
        start = time.perf_counter()
        engine.write_pdf(html, job.pdf)
        totals.append(time.perf_counter() - start)
    whole = statistics.median(totals)
    return (f"{Path(brief).name} ({prepared.design.theme.name}): first render {ms(first)}; warm: "
            f"one layout {ms(statistics.median(layouts))}, write_pdf {ms(statistics.median(writes))}, "
            f"whole render {ms(whole)} with {result.layouts} layouts (fit {result.fit:.3f}, "
            f"spread {result.spread:.1f} px); the first render's extra {ms(first - whole)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs", nargs="*", default=[str(ROOT / "samples" / "priya-raman.yaml")])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--theme", help="render with this packaged theme instead of the brief's")
    args = parser.parse_args()
    for brief in args.briefs:
        print(costs(brief, max(1, args.runs), args.theme), flush=True)


if __name__ == "__main__":
    main()
