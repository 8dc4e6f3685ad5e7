"""Where a PDF render's time goes: layouts, the one-page checks, write_pdf. Run by hand:

    .venv/bin/python benchmarks/pdf_costs.py [BRIEF.yaml ...] [--runs 7]

Prints medians over ``--runs`` warm runs in one process (imports and the first font load are
excluded: measure those with ``python -X importtime``), and how many layouts the fit took.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.resources import templates_root  # noqa: E402

from briefgen import pdf  # noqa: E402
from briefgen.errors import FitError  # noqa: E402
from briefgen.pipeline import prepare, render_pdf  # noqa: E402
from briefgen.templating.render import render_html  # noqa: E402


def median_ms(times: list[float]) -> str:
    return f"{1000 * statistics.median(times):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("briefs", nargs="*", default=[str(ROOT / "samples" / "priya-raman.yaml")])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for brief in args.briefs:
        prepared = prepare(brief)
        view = prepared.view
        with contextlib.suppress(FitError):  # warm up fonts and caches
            render_pdf(prepared)
        totals, layouts_t, checks_t, writes_t, counts = [], [], [], [], []
        for _ in range(args.runs):
            layouts = pdf._Layouts(lambda fit, view=view: render_html(view, scale=fit, for_pdf=True),
                                   view.page, templates_root() / view.theme,
                                   pdf.safe_url_fetcher([templates_root()]))
            t0 = time.perf_counter()
            document = layouts.layout(1.0)
            t1 = time.perf_counter()
            layouts.fits(document, 1.0)
            t2 = time.perf_counter()
            document.write_pdf(pdf_variant=pdf.PDF_VARIANT)
            t3 = time.perf_counter()
            layouts_t.append(t1 - t0)
            checks_t.append(t2 - t1)
            writes_t.append(t3 - t2)
            t = time.perf_counter()
            try:
                counts.append(render_pdf(prepared).layouts)
            except FitError as exc:
                counts.append(-1)
                print(f"  refused: {exc}")
            totals.append(time.perf_counter() - t)
        print(f"{Path(brief).name}: one layout {median_ms(layouts_t)}, one-page checks "
              f"{median_ms(checks_t)}, write_pdf {median_ms(writes_t)}; whole render_pdf "
              f"{median_ms(totals)} with {statistics.median(counts):.0f} layouts")


if __name__ == "__main__":
    main()
