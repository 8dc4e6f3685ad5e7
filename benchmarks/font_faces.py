"""What the vendored @font-face rules cost: this checkout's templates against another revision's.

    .venv/bin/python benchmarks/font_faces.py [BRIEF.yaml] [--against main] [--theme classic] [--runs 40]

Prints medians of (1) a new FontConfiguration plus registering every face of ``fonts.css`` (what
a process pays once), and (2) warm layouts and ``write_pdf`` of the same brief, alternating the
two template versions in one process with one shared font configuration (what every later render
pays). The other revision's ``fonts.css`` and theme ``style.css`` are swapped into the HTML this
checkout renders, so only the fonts and the family stacks differ. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.pdf.engine import PDF_VARIANT  # noqa: E402
from briefgen.pdf.fetcher import safe_url_fetcher  # noqa: E402
from briefgen.pipeline import prepare, render_job  # noqa: E402
from briefgen.renderer import default_renderer  # noqa: E402
from briefgen.themes import templates_root  # noqa: E402


def at_revision(revision: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def ms(values: list[float]) -> str:
    return f"{1000 * statistics.median(values):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", nargs="?", default=str(ROOT / "samples" / "priya-raman.yaml"))
    parser.add_argument("--against", default="main", help="the git revision to compare with")
    parser.add_argument("--theme", default="classic")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    root = templates_root()
    theme_dir = root / args.theme
    fonts = {"this": (root / "base" / "fonts.css").read_text(encoding="utf-8"),
             args.against: at_revision(args.against, "templates/base/fonts.css")}
    styles = {"this": (theme_dir / "style.css").read_text(encoding="utf-8"),
              args.against: at_revision(args.against, f"templates/{args.theme}/style.css")}
    prepared = prepare(args.brief, theme=args.theme)
    html = default_renderer().html_for_pdf(render_job(prepared, "pdf"))
    assert fonts["this"] in html and styles["this"] in html, "the HTML does not inline the sheets"
    htmls = {"this": html,
             args.against: html.replace(fonts["this"], fonts[args.against])
                               .replace(styles["this"], styles[args.against])}
    names = list(htmls)

    registration: dict[str, list[float]] = {name: [] for name in names}
    for i in range(max(5, args.runs // 4)):
        for name in names if i % 2 == 0 else reversed(names):
            t = time.perf_counter()
            config = FontConfiguration()
            weasyprint.CSS(string=fonts[name], base_url=str(theme_dir) + "/", font_config=config)
            registration[name].append(time.perf_counter() - t)
            del config

    fetcher = safe_url_fetcher([root], [])
    shared = FontConfiguration()

    class Layouts:
        def __init__(self, text: str) -> None:
            self.html = weasyprint.HTML(string=text, base_url=str(theme_dir) + "/", url_fetcher=fetcher)

        def layout(self, fit: float) -> object:
            return self.html.render(font_config=shared)

    def layouts(name: str) -> Layouts:
        return Layouts(htmls[name])

    for name in names:  # warm up: faces registered
        layouts(name).layout(1.0).write_pdf(pdf_variant=PDF_VARIANT)
    layout_t: dict[str, list[float]] = {name: [] for name in names}
    write_t: dict[str, list[float]] = {name: [] for name in names}
    for i in range(args.runs):
        for name in names if i % 2 == 0 else reversed(names):
            current = layouts(name)
            t0 = time.perf_counter()
            document = current.layout(1.0)
            t1 = time.perf_counter()
            document.write_pdf(pdf_variant=PDF_VARIANT)
            t2 = time.perf_counter()
            layout_t[name].append(t1 - t0)
            write_t[name].append(t2 - t1)

    for name in names:
        faces = fonts[name].count("@font-face")
        print(f"{name:>8}: {faces:2} faces, registering them {ms(registration[name])}; "
              f"{Path(args.brief).name} ({args.theme}) warm layout {ms(layout_t[name])}, "
              f"write_pdf {ms(write_t[name])} (medians of {args.runs})")


if __name__ == "__main__":
    main()
