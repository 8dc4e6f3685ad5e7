"""WeasyPrint imported with its C declarations pre-parsed: cached once, read as data, and an
ordinary import whenever the cache cannot serve. Each case runs in a fresh interpreter, since
WeasyPrint is imported once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from briefgen.pdf import weasyprint_import

from ..conftest import REFERENCE

PROBE = """
import json, sys
from briefgen.pdf import weasyprint_import
weasyprint_import.load()
import weasyprint.text.ffi as ffi_module, weasyprint.text.fonts as fonts
from briefgen.pipeline import prepare, render_pdf
result = render_pdf(prepare(sys.argv[1]))
print(json.dumps({"ffi": type(ffi_module.ffi).__module__, "same": fonts.ffi is ffi_module.ffi,
                  "pages": result.pages, "pdf": result.data[:5].decode()}))
"""


def probe(cache: Path | str) -> dict:
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(REFERENCE)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def cached_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("briefgen_pango_*.py"))


def test_first_import_writes_the_cache_and_later_ones_use_it(tmp_path):
    first = probe(tmp_path)
    # Every WeasyPrint module shares the one FFI, the pre-parsed one (cffi's C backend type).
    assert first == {"ffi": "_cffi_backend", "same": True, "pages": 1, "pdf": "%PDF-"}
    [cache] = cached_files(tmp_path)
    written = cache.stat().st_mtime_ns
    assert probe(tmp_path) == first
    assert cached_files(tmp_path) == [cache] and cache.stat().st_mtime_ns == written
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_a_tampered_cache_is_never_run_and_the_import_still_works(tmp_path):
    probe(tmp_path)
    [cache] = cached_files(tmp_path)
    marker = tmp_path / "ran"
    cache.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n"
                     "ffi = _cffi_backend.FFI(__import__('os').getcwd())\n")
    result = probe(tmp_path)
    assert result["pages"] == 1 and result["same"]
    assert result["ffi"] == "cffi.api"  # parsed the ordinary way
    assert not marker.exists()


def test_an_unwritable_cache_falls_back_to_the_ordinary_import(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = probe(blocker / "cache")  # its parent is a file: nothing can be created there
    assert result["pages"] == 1 and result["ffi"] == "cffi.api" and result["same"]


def test_the_cache_folder_follows_xdg(monkeypatch, tmp_path):
    from briefgen.cache import cache_dir

    monkeypatch.delenv("BRIEFGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "briefgen"
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


FONTTOOLS_PROBE = """
import json, sys, traceback, types
from briefgen.pdf import weasyprint_import
weasyprint_import.load()
import weasyprint.pdf.fonts as pdf_fonts
if sys.argv[2] == "no-harfbuzz-subset":
    pdf_fonts.harfbuzz_subset = None  # as on a machine without libharfbuzz-subset: fontTools subsets
from briefgen.pipeline import prepare, render_pdf
result = render_pdf(prepare(sys.argv[1]))
open(sys.argv[3], "wb").write(result.data)
loaded = sorted(m for m in ("fontTools.subset", "fontTools.varLib") if m in sys.modules)
real = all(type(sys.modules[m]) is types.ModuleType for m in loaded)
try:
    pdf_fonts.instantiateVariableFont(None, {})
    reached = ""
except Exception as exc:
    reached = traceback.extract_tb(exc.__traceback__)[-1].filename
print(json.dumps({"pages": result.pages, "loaded": loaded,
                  "real": real, "instancer": "fontTools" in reached and "instancer" in reached}))
"""


def fonttools_probe(mode: str, pdf: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", FONTTOOLS_PROBE, str(REFERENCE), mode, str(pdf)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def real_glyphs(pdf: Path) -> bool:
    """Every letter on the page is drawn from its font's own outline (no box, no blank)."""
    from ..pdf_glyphs import drawn_glyphs

    letters = [g for g in drawn_glyphs(pdf.read_bytes()) if g.text.isalpha()]
    return bool(letters) and all(g.outline and not g.notdef for g in letters)


def test_fonttools_subsetter_loads_only_when_a_render_needs_it(tmp_path):
    """WeasyPrint imports fontTools' subsetter and instancer at its start; with HarfBuzz subsetting
    a render never uses them, so they are not imported (about 60 ms of every cold PDF)."""
    import ctypes.util

    if ctypes.util.find_library("harfbuzz-subset") is None:
        import pytest

        pytest.skip("libharfbuzz-subset is not installed: fontTools subsets every font here")
    fast = fonttools_probe("harfbuzz", tmp_path / "fast.pdf")
    assert fast["pages"] == 1 and fast["loaded"] == [] and real_glyphs(tmp_path / "fast.pdf")
    # The instancer was reached through its stand-in (it then imported the real modules).
    assert fast["instancer"] and fast["real"]


def test_without_harfbuzz_subsetting_fonttools_is_imported_and_subsets(tmp_path):
    slow = fonttools_probe("no-harfbuzz-subset", tmp_path / "slow.pdf")
    assert slow["pages"] == 1 and real_glyphs(tmp_path / "slow.pdf")
    assert "fontTools.subset" in slow["loaded"] and slow["real"]
    assert slow["instancer"]


HINTS_PROBE = """
import json, sys
from briefgen.pdf import weasyprint_import
weasyprint = weasyprint_import.load()
from weasyprint import html
lazy = type(html.PH_STYLESHEET).__name__
parsed_at_import = html.PH_STYLESHEET._sheet is not None if lazy == "_LazySheet" else True
page = html.CSS(string="p { color: red }")  # html.py's CSS is WeasyPrint's own again
document = weasyprint.HTML(string=sys.argv[1]).render(presentational_hints=True)
cell = document.pages[0]._page_box.descendants()
widths = [round(box.width) for box in cell if getattr(box, "element_tag", "") == "td"]
print(json.dumps({"lazy": lazy, "parsed_at_import": parsed_at_import, "ua": type(html.UA_STYLESHEET).__name__,
                  "css": type(page).__name__, "widths": widths,
                  "parsed_when_used": html.PH_STYLESHEET._sheet is not None}))
"""


def test_the_presentational_hints_sheet_is_parsed_only_when_a_render_asks_for_it():
    """briefgen never renders with presentational hints, so their sheet is not parsed at import
    (about 16 ms of the worker's start); a render that asks for them still gets them."""
    table = '<table><tr><td width="120">a</td><td>b</td></tr></table>'
    result = subprocess.run([sys.executable, "-c", HINTS_PROBE, table], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["lazy"] == "_LazySheet" and not out["parsed_at_import"]
    assert out["ua"] == "_LazySheet" and out["css"] == "CSS"
    assert out["parsed_when_used"] and out["widths"][0] == 120  # the width="120" hint applied


def test_pdf_streams_are_compressed_at_zlibs_default_level():
    """pydyf's level 9 costs 2.5 times level 6 for a file under 1% smaller: level 6 here, and
    the PDF reads back whole."""
    import zlib

    import pydyf
    import pypdfium2

    from briefgen.pipeline import prepare, render_pdf

    weasyprint_import.load()
    data = bytes(range(256)) * 400 + b"BT /F1 9 Tf (Impact) Tj ET\n" * 2000
    stream = pydyf.zlib.compressobj(level=9)
    assert stream.compress(data) + stream.flush() == zlib.compress(data, 6)
    assert pydyf.zlib.compress(data) == zlib.compress(data)
    result = render_pdf(prepare(REFERENCE))
    page = pypdfium2.PdfDocument(result.data)[0]
    assert "Priya Raman" in page.get_textpage().get_text_range()
