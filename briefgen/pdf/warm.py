"""Warming the PDF engine for the default theme while the PDF worker waits for its first job.

The worker (:mod:`briefgen.isolation`) imports WeasyPrint while the parent validates the brief
and renders its HTML, and is often ready before the HTML is. That wait is spent on what the
first layout would otherwise pay: the default theme's font configuration, its style sheet parsed
(15-30 ms; the template keeps the theme's sheet in a ``<style>`` of its own whose text is the
same for every brief, :func:`theme_sheet`), its four Brief Sans faces registered, and Pango's
and HarfBuzz's fonts for every size and weight the theme sets at the design size (a skeleton
brief, one word per part, laid out with the theme's sheet: a new size costs Pango a font
match and a font, about 2 ms each, and a brief sets some twenty).

It is a guess: a brief in another theme or a coach's folder gets another font configuration
and pays as before. The warming stops between steps as soon as the job is there (``pending``),
so a guess that misses costs at most one step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import faces, ua

if TYPE_CHECKING:
    from .engine import Engine

# The parts of templates/base/brief.html, each with a word or a figure in it: laid out with a
# theme's sheet, they set every size and weight the theme gives them (a test compares with the
# reference brief). Four small pages, each inside the ancestors its rules name, so that a job
# that comes in waits for a quarter at most; a theme element missing here is only a font the
# brief makes itself.
_OPEN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>
<body class="page-letter"><main class="brief">"""
_CLOSE = "</main></body></html>"
_SKELETON = tuple(_OPEN + part + _CLOSE for part in (
    """<header class="masthead"><div class="who"><h1 class="name">Name</h1>
<p class="headline">Headline</p></div><div class="target"><p class="role"><span class="label">For</span>
<strong class="target-role">Role</strong><span class="sep">, </span><span class="target-team">Team</span></p>
<p class="date"><span class="label">Date</span> <time>3 May</time></p><p class="contact">
<span>mail@example.com</span><span class="dot"> · </span></p></div></header>""",
    """<div class="overview"><p class="summary">Summary</p><p class="scale-line"><span
class="label">Scale</span> Bar 25M</p></div><footer class="footer"><span class="for">Name · Role</span>
<span class="made">Review</span></footer>""",
    """<section class="project"><div class="lead"><div class="project-head"><span class="number">01</span>
<h2 class="title">Title</h2><ul class="tags"><li>Tag</li></ul></div><div class="triad">
<div class="figure metric tone-good"><span class="label">rate<span class="better"> · lower</span></span>
<span class="value"><span class="from">12%</span><span class="arrow"> → </span><strong
class="to">3%</strong></span><span class="change"><span class="dir">↓</span> down 75%</span></div>
<div class="figure outcome tone-bad"><span class="label">cost</span><span class="detail">note</span>
<span class="value">$1.2M</span><span class="change word-cost"><span class="dir">↑</span> cost</span>
</div></div></div></section>""",
    """<section class="project"><div class="body"><dl class="star"><div class="part part-situation">
<dt>Situation</dt><dd>Story 12%</dd></div><div class="part part-result"><dt>Result</dt>
<dd>Result 3%</dd></div></dl><aside class="evidence"><p class="badge meets"><span
class="mark">✓</span> Meets</p><p class="scale">Scale 25M</p><p class="shortfall">Short</p><p
class="technique"><span class="label">Technique</span> LoRA</p></aside></div></section>""",
))


def _plain_boxes() -> Any:
    """Every skeleton element a plain block, nothing running into the page margin: its fonts
    (sizes and weights come from the cascade, not from the display) at a fifth of the layout
    that the theme's flex rows, tables and running footer would cost."""
    from weasyprint import CSS

    return CSS(string="* { display: block !important; position: static !important; "
                      "float: none !important }")


def default_roots() -> tuple[Path, ...]:
    """The template search path of a brief in the default theme without a coach's folder."""
    from ..themes import DEFAULT_THEME, packaged_search_path

    return tuple(packaged_search_path(DEFAULT_THEME))


def warm(engine: Engine, pending: Callable[[], bool], roots: tuple[Path, ...] | None = None) -> int:
    """Prepare ``engine`` for pages whose files come from ``roots`` (the default theme's), step
    by step until ``pending()`` says the job has come. Returns the steps done (for tests)."""
    import weasyprint

    from ..templating.assets import virtual_base
    from .fetcher import safe_url_fetcher

    roots = roots or default_roots()
    done = 0
    if pending():
        return done
    config = engine.fonts(tuple(str(r) for r in roots))
    ua.packaged_sheet()
    done += 1
    if pending():
        return done
    # The theme's sheet as the document's <style> will hold it (same text, base and folders), so
    # the first layout finds it parsed and its faces registered.
    text = theme_sheet(roots)
    if text is None:
        return done
    fetcher = safe_url_fetcher(list(roots), [])
    scope = tuple(str(r) for r in roots)
    sheet, recorded = engine.sheets.packaged_sheet(text, virtual_base(roots), fetcher, scope)
    faces.register(config, list(recorded), fetcher, chars=set())
    done += 1
    plain = _plain_boxes()
    for part in _SKELETON:
        if pending():
            return done
        page = weasyprint.HTML(string=part, url_fetcher=fetcher)
        ua.use_for(page)
        page.render(stylesheets=[sheet, plain], font_config=config)
        done += 1
    return done


def theme_sheet(roots: tuple[Path, ...]) -> str | None:
    """The text of the theme's own ``<style>`` in a PDF's HTML (``templates/base/brief.html``):
    the ``fonts.css`` and ``style.css`` its includes find first on the search path ``roots``,
    as Jinja writes them there (a newline, then both files as they are). None when one is
    missing. A test renders each packaged theme and compares."""
    texts = []
    for name in ("fonts.css", "style.css"):
        found = next((root / name for root in roots if (root / name).is_file()), None)
        if found is None:
            return None
        texts.append(found.read_text(encoding="utf-8"))
    return "\n" + "".join(texts)
