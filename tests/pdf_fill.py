"""How much of the page a written PDF's content uses, read back from its text layer.

The footer is the last line of text on the page (it sits in the bottom margin); the content runs
from the top of the first line to the bottom of the last line above the footer. ``fill`` is the
content's height as a share of the height from the first line's top to the footer's top: what
the page offers between its top margin and its footer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium


@dataclass(frozen=True)
class PageFill:
    top: float  # the first line's top, in points from the top of the page
    bottom: float  # the last content line's bottom
    footer_top: float  # the footer's top
    page_height: float

    @property
    def fill(self) -> float:
        return (self.bottom - self.top) / (self.footer_top - self.top)


def page_fill(data: bytes) -> PageFill:
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        height = page.get_height()
        text = page.get_textpage()
        boxes = []  # (top, bottom) of every drawn character, from the top of the page
        for i in range(text.count_chars()):
            if text.get_text_range(i, 1).isspace():
                continue
            left, bottom, right, top = text.get_charbox(i)
            if top > bottom:
                boxes.append((height - top, height - bottom))
        text.close()
        page.close()
    finally:
        pdf.close()
    assert boxes, "the page draws no text"
    # The footer: the lowest character and every character whose box overlaps its line (a dot's
    # box starts lower than a capital's, so the line is grown until nothing more overlaps).
    top, bottom = max(boxes)
    while True:
        line = [b for b in boxes if b[0] < bottom and b[1] > top]
        grown = (min(t for t, _ in line), max(b for _, b in line))
        if grown == (top, bottom):
            break
        top, bottom = grown
    footer_top = top
    content = [b for b in boxes if b[1] <= footer_top]
    assert content, "the page draws nothing but its footer"
    return PageFill(top=min(t for t, _ in content), bottom=max(b for _, b in content),
                    footer_top=footer_top, page_height=height)
