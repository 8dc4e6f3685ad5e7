"""The packaged themes' pages use a user-agent sheet without the rules that cannot apply to them:
generated from WeasyPrint's own, current, covering every element the templates write, and the
pages come out pixel for pixel as with WeasyPrint's whole sheet."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefgen.input.design import Overrides
from briefgen.pdf import ua
from briefgen.pdf.engine import Engine
from briefgen.pipeline import prepare, render_job
from briefgen.renderer import default_renderer
from briefgen.themes import packaged_themes

from ..conftest import FIXTURES_DIR, REFERENCE, sample_files
from .test_styles import bitmap

BRIEFS = [REFERENCE, *sample_files(), FIXTURES_DIR / "international.yaml"]
CASES = [(brief, theme, page, review) for brief in BRIEFS for theme in sorted(packaged_themes())
         for page, review in (("letter", False), ("a4", True))]


def test_the_shipped_sheet_is_generated_from_this_weasyprints_sheet():
    source = ua.weasyprint_sheet()
    shipped = ua.SHEET.read_text(encoding="utf-8")
    if not shipped.startswith(ua.generate("").splitlines()[0].replace(
            ua._digest(""), ua._digest(source))):
        pytest.skip("this WeasyPrint's user-agent sheet is not the one ua_packaged.css was made "
                    "from: `python -m briefgen.pdf.ua` writes it anew (each user's cache has one)")
    assert ua.generate(source) == shipped
    assert ua.packaged_sheet() is not None


def test_another_weasyprints_sheet_gets_one_made_once_in_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    source = ua.weasyprint_sheet() + "\nmarquee summary { color: #123456 }\n"
    made = ua.sheet_for(source)
    assert made == ua.generate(source) and "#123456" not in made
    [cached] = tmp_path.glob("ua-packaged-*.css")
    cached.write_text(made.replace("display: none", "display: none ", 1), encoding="utf-8")
    assert ua.sheet_for(source) == cached.read_text(encoding="utf-8")  # read back, not made again
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker / "cache"))
    assert ua.sheet_for(source) == made  # unwritable cache: made and used all the same


def test_what_is_left_out_names_elements_a_packaged_page_never_has():
    source = ".x, form { color: red }\ntable td { color: red }\n:is(table) p { color: red }\n" \
             "p:not(input) { color: red }\nul li, svg|a { color: red }\n" \
             "@counter-style armenian { system: additive; additive-symbols: 1 Ա }\n" \
             "@counter-style disc { system: cyclic; symbols: •; suffix: \" \" }\n"
    kept = ua.generate(source, frozenset({"p", "ul", "li"})).splitlines()[1:]
    assert kept == [".x, form { color: red }", ":is(table) p { color: red }",
                    "p:not(input) { color: red }", "ul li, svg|a { color: red }",
                    "@counter-style disc { system: cyclic; symbols: •; suffix: \" \" }"]


@pytest.mark.parametrize("theme", sorted(packaged_themes()))
@pytest.mark.parametrize("review", [False, True])
def test_every_element_a_packaged_page_holds_is_one_the_sheet_was_made_for(theme, review):
    import weasyprint

    for brief in BRIEFS:
        job = render_job(prepare(brief, Overrides(theme=theme)), "pdf", review=review)
        tree = weasyprint.HTML(string=default_renderer().html_for_pdf(job)).etree_element
        tags = {str(element.tag).rsplit("}", 1)[-1] for element in tree.iter()}
        assert tags <= ua.ELEMENTS, (brief.name, tags - ua.ELEMENTS)


@pytest.mark.parametrize("brief, theme, page, review", CASES,
                         ids=[f"{b.stem}-{t}-{p}{'-review' if r else ''}" for b, t, p, r in CASES])
def test_the_page_is_the_same_as_with_weasyprints_whole_sheet(brief, theme, page, review,
                                                             monkeypatch):
    job = render_job(prepare(brief, Overrides(theme=theme, page=page)), "pdf", review=review)
    assert job.pdf is not None and job.pdf.packaged
    html = default_renderer().html_for_pdf(job)
    packaged = Engine().write_pdf(html, job.pdf)
    monkeypatch.setattr(ua, "use_for", lambda html: False)
    whole = Engine().write_pdf(html, job.pdf)
    assert (packaged.fit, packaged.layouts, packaged.spread) == (whole.fit, whole.layouts, whole.spread)
    assert bitmap(packaged.data) == bitmap(whole.data)


def test_a_sheet_made_from_another_weasyprint_sheet_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "ua_packaged.css"
    stale.write_text(ua.generate("p { color: red }"), encoding="utf-8")
    monkeypatch.setattr(ua, "SHEET", stale)
    monkeypatch.setattr(ua, "_loaded", [])
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    assert ua.sheet_for(ua.weasyprint_sheet()) == ua.generate(ua.weasyprint_sheet())  # made anew
    monkeypatch.setattr(ua, "generate", lambda source: 1 / 0)  # and when that fails, none
    (tmp_path / "cache").rename(tmp_path / "gone")
    assert ua.packaged_sheet() is None
    job = render_job(prepare(REFERENCE), "pdf")
    assert Engine().write_pdf(default_renderer().html_for_pdf(job), job.pdf).pages == 1


PROBE = """
import json, sys
from briefgen.pdf.weasyprint_import import load
weasyprint = load()
from weasyprint import html
from briefgen.pipeline import prepare, render_pdf
packaged = render_pdf(prepare(sys.argv[1]))
after_packaged = html.UA_STYLESHEET._sheet is not None
import pypdfium2
plain = weasyprint.HTML(string="<ol><li>one</li><li>two</li></ol><ul><li>dot</li></ul>").write_pdf()
text = pypdfium2.PdfDocument(plain)[0].get_textpage().get_text_range()
print(json.dumps({"pages": packaged.pages, "after_packaged": after_packaged,
                  "after_plain": html.UA_STYLESHEET._sheet is not None, "text": text}))
"""


def test_other_pages_get_weasyprints_own_sheet_and_counter_styles():
    """WeasyPrint's sheet is parsed only when a page that is not a packaged theme's comes; that
    page numbers its list items and bullets them as WeasyPrint always did."""
    result = subprocess.run([sys.executable, "-c", PROBE, str(REFERENCE)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["pages"] == 1 and not out["after_packaged"] and out["after_plain"]
    assert "1." in out["text"] and "2." in out["text"] and "•" in out["text"]
