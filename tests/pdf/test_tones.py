"""The band shows wins as wins: read back the colour each figure's text is drawn in."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from briefgen.input.design import Overrides
from briefgen.pipeline import prepare, render_pdf

GOOD, BAD = (0x00, 0x72, 0xB2), (0xB2, 0x4A, 0x00)  # the themes' --good and --bad

BRIEF = """\
candidate: {name: Sam Ortiz}
projects:
  - title: Cheaper serving
    metric: {name: cost per request, change: -50%, better: lower}
    outcomes:
      - {metric: p99 latency, change: -20%, better: lower}
      - {metric: accuracy, change: -1%, better: higher}
      - {savings: $900K, per: year, note: in GPU spend}
"""


def colours(data: bytes) -> dict[str, set[tuple[int, int, int]]]:
    """Each run of text on the page (split where the colour changes) -> the colours it is in."""
    pdf = pdfium.PdfDocument(data)
    text = pdf[0].get_textpage()
    runs: dict[str, set[tuple[int, int, int]]] = {}
    current, colour = "", None
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for i in range(text.count_chars()):
        pdfium_c.FPDFText_GetFillColor(text.raw, i, r, g, b, a)
        char, now = text.get_text_range(i, 1), (r.value, g.value, b.value)
        if now != colour or char in "\r\n":
            if current.strip():
                runs.setdefault(current.strip(), set()).add(colour)
            current, colour = "", now
        current += char if char not in "\r\n" else ""
    if current.strip():
        runs.setdefault(current.strip(), set()).add(colour)
    return runs


@pytest.mark.parametrize("theme", ["classic", "compact"])
def test_a_lower_is_better_metric_that_went_down_is_toned_as_a_win(tmp_path, theme):
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    runs = colours(render_pdf(prepare(path, Overrides(theme=theme))).data)

    def tone(fragment: str, whole: bool = True) -> set[tuple[int, int, int]]:
        """The colours of the band's figure ``fragment`` (a run of its own; the story's sentence
        that repeats the figure is one long run in the text colour, not starting with it)."""
        found = [c for run, c in runs.items()
                 if (run.startswith(fragment) if whole else fragment in run)]
        assert found, (fragment, sorted(runs))
        return set().union(*found)

    assert tone("-50%") == {GOOD}  # the headline: a cost that halved is a win
    assert tone("down 50%", whole=False) == {GOOD}  # and its change line says so in the same tone
    assert tone("-20%") == {GOOD}
    assert tone("$900K") == {GOOD}
    assert tone("-1%") == {BAD}  # the trade-off stays a cost
    assert tone("↓ cost", whole=False) == {BAD}
