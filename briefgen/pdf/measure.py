"""Reading WeasyPrint's laid-out boxes: the only module that uses WeasyPrint's private API.

Everything the fit needs to know about a layout comes from here: how far the ink reaches, how
much of it is prose that rewraps, how big the body text is, whether a box clips its content or
text was lost, how tall each project is, and whether anything sticks out past the right edge.
``Page._page_box`` and the box classes are WeasyPrint internals; keeping them in one module means
one place to mend when WeasyPrint changes (a test pins the version behaviour on real layouts).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from typing import Any

from .fit import TOLERANCE_PX


def page_box(document: Any, index: int = 0) -> Any:
    return document.pages[index]._page_box


def rewrap_share(document: Any, flow: float) -> float:
    """The share of ``document``'s content height (``flow``, from :func:`flow_height`) in
    paragraphs of two lines or more that set the height: of boxes side by side (table cells,
    flex items), only those as tall as the tallest count, and only as much as the least of them
    rewraps."""
    wrapped = sum(_wrapped_px(page._page_box) for page in document.pages)
    return min(1.0, wrapped / flow) if flow > 0 else 0.0


def _natural_height(box: Any) -> float:
    """How far ``box``'s content reaches below its top (a table cell stretches to its row)."""
    children = getattr(box, "children", ())
    if not children:
        return float(box.margin_height())
    return max(c.position_y + c.margin_height() for c in children) - box.position_y


def _wrapped_px(box: Any) -> float:
    from weasyprint.formatting_structure import boxes as wb

    children = [child for child in getattr(box, "children", ()) if isinstance(child, wb.Box)]
    lines = [child for child in children if isinstance(child, wb.LineBox)]
    if lines:
        return sum(line.height for line in lines) if len(lines) > 1 else 0.0
    total = 0.0
    band: list[Any] = []  # children that share a stretch of height: side by side
    bottom = -math.inf
    for child in sorted(children, key=lambda c: c.position_y) + [None]:
        if child is not None and child.position_y < bottom - TOLERANCE_PX:
            band.append(child)
            bottom = max(bottom, child.position_y + child.margin_height())
            continue
        if band:
            tallest = max(_natural_height(c) for c in band)
            # A column within 10% of the tallest may set the height once that one shrinks.
            total += min(_wrapped_px(c) for c in band if _natural_height(c) >= 0.9 * tallest)
        if child is not None:
            band, bottom = [child], child.position_y + child.margin_height()
    return total


def available_px(document: Any) -> float:
    return float(document.pages[0]._page_box.height)


def content_height(document: Any) -> float:
    """How far the first page's content reaches below the top of its content area, in px."""
    page_box = document.pages[0]._page_box
    return ink_bottom(page_box.children[:1], page_box.height * 2) - page_box.content_box_y()


def flow_height(document: Any) -> float:
    """The content height of every page of ``document`` added up, in px."""
    total = 0.0
    for page in document.pages:
        page_box = page._page_box
        total += max(0.0, ink_bottom(page_box.children[:1], page_box.height * 2)
                     - page_box.content_box_y())
    return total


def body_pt(document: Any) -> float:
    """The body text size as designed: the font size that most of the characters are set in
    (0 when no text has a size)."""
    from weasyprint.formatting_structure.boxes import TextBox

    sizes: dict[float, int] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox):
                size = round(box.style["font_size"] * 0.75, 2)  # CSS px -> pt
                if size > 0:  # text set at 0 pt says nothing about the body size
                    sizes[size] = sizes.get(size, 0) + visible_characters(box.text)
    return max(sizes, key=lambda size: sizes[size]) if sizes else 0.0


def clips(page_box: Any) -> bool:
    """Whether a box that hides its overflow (``overflow: hidden`` ...) has content below it."""
    for box in page_box.descendants():
        if getattr(box, "style", None) is None or box.style["overflow"] == "visible":
            continue
        bottom = box.padding_box_y() + box.padding_height()
        if ink_bottom(getattr(box, "children", ()), float("inf")) > bottom + TOLERANCE_PX:
            return True
    return False


def visible_characters(text: str | None) -> int:
    """Characters that print: not whitespace, controls or format marks (soft hyphen, ZWJ, RLM)."""
    if not text:
        return 0
    return sum(1 for c in text if not c.isspace()
               and (c.isprintable() if c < "\x80" else unicodedata.category(c)[0] not in "CZ"))


def laid_characters(document: Any) -> int:
    from weasyprint.formatting_structure.boxes import TextBox

    return sum(visible_characters(box.text) for page in document.pages
               for box in page._page_box.descendants() if isinstance(box, TextBox))


_UNRENDERED = {"head", "title", "style", "script", "template", "noscript"}


def html_characters(root: Any) -> int:
    """Visible characters in the HTML's text (what the layout should show, hidden parts aside)."""
    count = 0
    stack = [root]
    while stack:
        element = stack.pop()
        if isinstance(element.tag, str) and element.tag not in _UNRENDERED:
            count += visible_characters(element.text)
            stack.extend(element)
        count += visible_characters(element.tail) if element is not root else 0
    return count


def ink_bottom(boxes: Iterable[Any], limit: float) -> float:
    """The lowest edge of anything in the flow that puts ink on the page.

    Lines, images and boxes with a bottom border or a background count; absolutely positioned
    boxes (page furniture placed against the page edge) do not, nor do boxes taller than ``limit``
    (``html``/``body`` stretched to the page height, which says nothing about the content).
    """
    from weasyprint.formatting_structure import boxes as wb

    bottom = 0.0
    stack = list(boxes)
    while stack:
        box = stack.pop()
        if not isinstance(box, wb.Box) or box.style["position"] in ("absolute", "fixed"):
            continue
        if isinstance(box, wb.LineBox):
            bottom = max(bottom, box.position_y + box.height)
            continue
        height = box.border_height()
        if height <= limit and (isinstance(box, wb.ReplacedBox) or box.border_bottom_width > 0
                                or box.style["background_color"].alpha > 0):
            bottom = max(bottom, box.border_box_y() + height)
        stack.extend(getattr(box, "children", ()))
    return bottom


def section_heights(page_box: Any, ids: set[str]) -> dict[str, float]:
    """The laid-out height of each element whose ``id`` is in ``ids``."""
    heights: dict[str, float] = {}
    for box in page_box.descendants():
        element = getattr(box, "element", None)
        element_id = element.get("id") if element is not None and box.element_tag else None
        if element_id in ids and element_id not in heights:
            heights[element_id] = box.margin_height()
    return heights


def sticks_out(page_box: Any) -> str | None:
    """The text of the first line, text or image that reaches past the sides of the page's
    content area (a word wider than its column, an image too wide), or None.

    Page furniture placed in the margins (a running footer, absolutely positioned boxes) is
    allowed there; the content is not: what is drawn past the edge of the paper is lost.
    """
    from weasyprint.formatting_structure import boxes as wb

    left = page_box.content_box_x() - TOLERANCE_PX
    right = page_box.content_box_x() + page_box.width + TOLERANCE_PX
    stack = list(page_box.children[:1])
    while stack:
        box = stack.pop()
        if not isinstance(box, wb.Box) or box.style["position"] in ("absolute", "fixed"):
            continue
        if isinstance(box, (wb.TextBox, wb.ReplacedBox)) and box.width > 0 and (
                box.position_x < left or box.position_x + box.margin_width() > right):
            return (box.text if isinstance(box, wb.TextBox) else "an image") or "a box"
        stack.extend(getattr(box, "children", ()))
    return None


def tall_page(document: Any, section_ids: set[str]) -> tuple[float, dict[str, float], int]:
    """On a page tall enough for everything: (content height, each section's height, visible
    characters laid out)."""
    box = page_box(document)
    limit = box.height / 2  # nothing real is half of a 5 m page: a stretched box
    needed = ink_bottom(box.children[:1], limit) - box.content_box_y()
    return needed, section_heights(box, section_ids), laid_characters(document)
