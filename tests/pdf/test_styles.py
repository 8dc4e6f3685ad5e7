"""Style sheets parsed once per process (pdf_styles): the same PDFs as WeasyPrint's own parsing,
for every theme and for coach sheets, and WeasyPrint's own parsing wherever that could differ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tinycss2
import weasyprint

from briefgen.errors import TemplateError
from briefgen.pdf.spec import PdfResult
from briefgen.pdf.styles import SheetCache, cacheable
from briefgen.pipeline import prepare, render_pdf
from briefgen.renderer import default_renderer
from briefgen.themes import templates_root

from ..conftest import REFERENCE, pdf_of_html, pdf_pages, sample_files
from ..textcheck import contains


def bitmap(data: bytes) -> bytes:
    """The first page's pixels: two PDFs that look the same give the same bytes."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return bytes(document[0].render(scale=1).to_pil().tobytes())
    finally:
        document.close()


@pytest.fixture
def weasyprint_parses(monkeypatch):
    """Turn the cache off: WeasyPrint reads the ``<style>`` elements itself, as it did before."""
    def off() -> None:
        monkeypatch.setattr(SheetCache, "inline_sheets", lambda *args, **kwargs: None)
    return off


def same_pdf(first: PdfResult, second: PdfResult) -> bool:
    return ((first.fit, first.layouts, first.pages) == (second.fit, second.layouts, second.pages)
            and pdf_pages(first.data) == pdf_pages(second.data)
            and bitmap(first.data) == bitmap(second.data))


@pytest.mark.parametrize("theme", ["classic", "compact"])
@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_cached_sheets_give_the_same_pdf_as_weasyprints_own_parsing(sample, theme,
                                                                    weasyprint_parses):
    prepared = prepare(sample, theme=theme)
    cached = render_pdf(prepared)
    weasyprint_parses()
    assert same_pdf(cached, render_pdf(prepared))


def test_a_warm_render_parses_no_style_sheet(monkeypatch):
    prepared = prepare(REFERENCE)
    render_pdf(prepared)
    parsed: list[str] = []
    original = tinycss2.parse_stylesheet

    def counting(css, *args, **kwargs):
        parsed.append(css)
        return original(css, *args, **kwargs)

    monkeypatch.setattr(tinycss2, "parse_stylesheet", counting)
    render_pdf(prepared)
    assert [css for css in parsed if css] == []  # only the emptied <style> elements remain


def test_themes_do_not_share_sheets(weasyprint_parses):
    prepared = {theme: prepare(REFERENCE, theme=theme) for theme in ("classic", "compact")}
    cached = {theme: render_pdf(p) for theme, p in prepared.items()}
    weasyprint_parses()
    for theme, p in prepared.items():
        assert same_pdf(cached[theme], render_pdf(p)), theme


def coach_folder(tmp_path: Path, name: str, extra_css: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    css = (templates_root() / "classic" / "style.css").read_text(encoding="utf-8")
    (folder / "style.css").write_text(css + extra_css, encoding="utf-8")
    return folder


def summary_and_scale_line(folder: Path) -> tuple[bool, bool]:
    prepared = prepare(REFERENCE, templates=folder)
    text = pdf_pages(render_pdf(prepared).data)[0]
    return contains(text, prepared.view.summary), contains(text, "Scale-and-Ship")


def test_an_edited_coach_sheet_is_picked_up(tmp_path):
    """``--watch`` re-renders in the same process: the cache is keyed by the sheet's text."""
    folder = coach_folder(tmp_path, "coach", ".summary { display: none }")
    assert summary_and_scale_line(folder) == (False, True)
    css = (folder / "style.css").read_text(encoding="utf-8")
    (folder / "style.css").write_text(
        css.replace(".summary { display: none }", ".scale-line { display: none }"),
        encoding="utf-8")
    assert summary_and_scale_line(folder) == (True, False)


def test_coach_folders_do_not_share_sheets(tmp_path):
    hides_summary = coach_folder(tmp_path, "a", ".summary { display: none }")
    hides_scale = coach_folder(tmp_path, "b", ".scale-line { display: none }")
    assert summary_and_scale_line(hides_summary) == (False, True)
    assert summary_and_scale_line(hides_scale) == (True, False)
    assert summary_and_scale_line(hides_summary) == (False, True)


@pytest.mark.parametrize("block", ["head", "footer"])
def test_a_coach_style_element_anywhere_still_applies(tmp_path, block, weasyprint_parses):
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.html").write_text(
        '{% extends "classic/brief.html" %}\n'
        f"{{% block {block} %}}<style>.summary {{ display: none }}</style>{{{{ super() }}}}"
        "{% endblock %}\n", encoding="utf-8")
    prepared = prepare(REFERENCE, templates=folder)
    cached = render_pdf(prepared)
    assert not contains(pdf_pages(cached.data)[0], prepared.view.summary)
    weasyprint_parses()
    assert same_pdf(cached, render_pdf(prepared))


def test_a_coach_copy_of_a_theme_keeps_its_fonts(tmp_path, weasyprint_parses):
    """An exported theme's sheet differs from the packaged one only in where it comes from."""
    folder = tmp_path / "coach"
    shutil.copytree(templates_root() / "compact", folder)
    prepared = prepare(REFERENCE, templates=folder)
    cached = render_pdf(prepared)
    weasyprint_parses()
    assert same_pdf(cached, render_pdf(prepared))


# --- where WeasyPrint parses the sheets itself ---------------------------------------------------

def engine(html: str, allowed_roots: list[Path] | None = None) -> PdfResult:
    return pdf_of_html(html, roots=tuple(allowed_roots or ()))


def page(style: str, body: str = "<p id=a>shown</p>", style_attrs: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head>{style_attrs}<style>{style}</style></head>'
            f"<body>{body}</body></html>")


@pytest.mark.parametrize("css", [
    "p { color: red !important }",
    "@import url(other.css);",
    "@layer base { p { color: red } }",
    "@counter-style thumbs { system: cyclic; symbols: '+'; }",
    "p { -weasy-anchor: 'x' }",
    ".a { @supports (display: grid) { color: red } }",
])
def test_sheets_that_keep_per_document_state_or_outrank_the_fit_are_left_to_weasyprint(css):
    assert not cacheable(css)


def test_the_packaged_sheets_are_parsed_once():
    for theme in ("classic", "compact"):
        text = (templates_root() / theme / "style.css").read_text(encoding="utf-8")
        assert cacheable(text), theme
    assert cacheable((templates_root() / "base" / "fonts.css").read_text("utf-8"))


@pytest.mark.parametrize("html", [
    page("p { color: red }", body='<p style="color: blue">x</p>'),
    page("p { color: red }", style_attrs='<link rel="stylesheet" href="x.css">'),
    page("p { color: red }").replace("<style>", '<style media="print">'),
    page("p { color: red !important }"),
])
def test_documents_whose_cascade_could_change_are_left_to_weasyprint(html):
    document = weasyprint.HTML(string=html)
    assert SheetCache().inline_sheets(document, default_renderer().engine.fonts(())) is None
    assert "color: red" in weasyprint.HTML(string=html).etree_element.find(".//style").text


def test_a_style_attribute_loses_to_a_more_specific_rule_as_in_weasyprint():
    """WeasyPrint ranks a style attribute like an id selector: ``#a#a`` beats it. Were the sheet
    passed as a user sheet, the attribute would win and hide the paragraph."""
    html = page("#a#a { display: block }", body='<p id=a style="display: none">shown</p>')
    assert "shown" in pdf_pages(engine(html).data)[0]
    assert "shown" in pdf_pages(weasyprint.HTML(string=html).write_pdf())[0]


def test_a_refused_font_is_reported_on_every_render():
    html = page('@font-face { font-family: X; src: url("file:///etc/passwd.ttf") } p { font-family: X }')
    for _ in range(2):  # a cached sheet must not hide a refusal the second time
        with pytest.raises(TemplateError, match="file:///etc/passwd.ttf"):
            engine(html)
