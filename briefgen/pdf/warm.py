"""Warming the PDF engine for the default theme while the PDF worker waits for its first job.

The worker (:mod:`briefgen.isolation`) imports WeasyPrint while the parent validates the brief
and renders its HTML, and is often ready before the HTML is. That wait is spent on what the
first layout would otherwise pay: the default theme's font configuration, its style sheet parsed
(15-30 ms; the template keeps the theme's sheet in a ``<style>`` of its own whose text is the
same for every brief, :func:`theme_sheet`), its four Brief Sans faces registered, and Pango's
and HarfBuzz's caches for them (a tiny page laid out with each weight).

It is a guess: a brief in another theme or a coach's folder gets another font configuration
and pays as before. The warming stops between steps as soon as the job is there (``pending``),
so a guess that misses costs at most one step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import faces

if TYPE_CHECKING:
    from .engine import Engine

# Every weight and style the packaged themes set in Brief Sans, in one line each.
_PAGE = """<!DOCTYPE html><html lang="en"><head><style>
body { font-family: "Brief Sans"; font-size: 9.6pt; }
.s { font-weight: 600; } .b { font-weight: 700; } .i { font-style: italic; }
</style></head><body><p>Impact 0123456789 %.,;:-</p><p class="s">Scale</p><p class="b">Ship</p>
<p class="i">Learned</p></body></html>"""


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
    recorded = engine.sheets.packaged_faces(text, virtual_base(roots), fetcher, scope)
    faces.register(config, list(recorded), fetcher, chars=set())
    done += 1
    if pending():
        return done
    weasyprint.HTML(string=_PAGE, url_fetcher=fetcher).render(font_config=config)
    return done + 1


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
