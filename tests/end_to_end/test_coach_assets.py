"""A coach's own logo, font and style sheet beside the template: used in the PDF, carried inside the
HTML, and every file that cannot be used (missing, outside the folder, not a page resource, an
image too large to decode) refused with the template file and line that asks for it."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from briefgen.cli import cli
from briefgen.themes import templates_root

from ..conftest import REFERENCE

BRAND_FONT = "AcmeBrand"
TEMPLATE = """{% extends "classic/brief.html" %}
{% block style %}{{ super() }}
@font-face { font-family: "Acme Brand"; src: url("fonts/Brand.otf"); }
.name { font-family: "Acme Brand", serif; }
.coach-logo { height: 0.4in; display: block; margin-bottom: 0.06in; }
{% endblock %}
{% block header %}<img class="coach-logo" src="@LOGO@" alt="ACME Interview Coaching">\
{{ super() }}{% endblock %}
"""


def brand_font(path: Path) -> None:
    """A real font program named as the coach's own, so the PDF can only show it if briefgen used
    the file beside the template (no system font has this name)."""
    font = TTFont(templates_root() / "fonts" / "SourceSans3-Regular.otf")
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName("Acme Brand", record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(BRAND_FONT, 6, record.platformID, record.platEncID, record.langID)
    font["CFF "].cff.fontNames = [BRAND_FONT]
    path.parent.mkdir(parents=True, exist_ok=True)
    font.save(path)


def coach(tmp_path: Path, logo: str = "logo.png") -> Path:
    folder = tmp_path / "coach"
    folder.mkdir()
    Image.new("RGB", (300, 90), (200, 30, 40)).save(folder / "logo.png")
    brand_font(folder / "fonts" / "Brand.otf")
    (folder / "brief.html").write_text(TEMPLATE.replace("@LOGO@", logo), encoding="utf-8")
    return folder


def render(runner, reference, folder: Path, out: Path, fmt: str):
    return runner.invoke(cli, ["render", str(reference), "--templates", str(folder), "-f", fmt,
                               "-o", str(out)])


def font_programs(data: bytes) -> set[str]:
    """The PostScript names inside the font programs the PDF embeds: the file each came from,
    whatever family name the style sheet gave it."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            names.add(TTFont(io.BytesIO(stream.get_object().get_data()))["name"].getDebugName(6))
    return names


def images(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of every raster image the PDF draws: page XObjects, and the XObjects inside
    patterns and forms (WeasyPrint paints a CSS background image as a pattern)."""
    found: list[tuple[int, int]] = []

    def walk(resources, seen) -> None:
        resources = resources.get_object() if resources is not None else {}
        for kind in ("/XObject", "/Pattern"):
            for obj in resources.get(kind, {}).values():
                obj = obj.get_object()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if obj.get("/Subtype") == "/Image":
                    found.append((int(obj["/Width"]), int(obj["/Height"])))
                elif "/Resources" in obj:
                    walk(obj["/Resources"], seen)

    for page in PdfReader(io.BytesIO(data)).pages:
        walk(page["/Resources"], set())
    return found


@pytest.fixture(scope="module")
def branded(tmp_path_factory):
    from click.testing import CliRunner

    tmp = tmp_path_factory.mktemp("assets")
    folder = coach(tmp)
    runner = CliRunner()
    outputs = {}
    for fmt in ("pdf", "html"):
        out = tmp / f"brief.{fmt}"
        result = render(runner, REFERENCE, folder, out, fmt)
        assert result.exit_code == 0, result.output
        outputs[fmt] = out.read_bytes()
    return folder, outputs


def test_the_pdf_draws_the_coach_logo_and_font(branded):
    data = branded[1]["pdf"]
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert (300, 90) in images(data)
    assert BRAND_FONT in font_programs(data)


def test_the_html_carries_the_logo_and_font_inside_itself(branded):
    folder, outputs = branded
    html = outputs["html"].decode("utf-8")
    logo = re.search(r'<img class="coach-logo" src="data:image/png;base64,([^"]+)"', html)
    assert logo and base64.b64decode(logo[1]) == (folder / "logo.png").read_bytes()
    font = re.search(r'url\("?data:font/otf;base64,([^")]+)"?\)', html)
    assert font and base64.b64decode(font[1]) == (folder / "fonts" / "Brand.otf").read_bytes()
    assert "logo.png" not in html and "Brand.otf" not in html  # nothing left to fetch


def test_a_linked_sheet_finds_its_images_beside_itself(runner, reference, tmp_path):
    folder = coach(tmp_path)
    (folder / "css").mkdir()
    (folder / "img").mkdir()
    Image.new("RGB", (40, 20), (0, 90, 160)).save(folder / "img" / "mark.png")
    (folder / "css" / "brand.css").write_text(
        ".coach-mark { width: 0.4in; height: 0.2in; background: url(../img/mark.png); }",
        encoding="utf-8")
    (folder / "brief.html").write_text(
        TEMPLATE.replace("@LOGO@", "logo.png")
        .replace("{% block header %}", '{% block header %}<link rel="stylesheet" href="css/brand.css">'
                                       '<div class="coach-mark"></div>'), encoding="utf-8")
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    assert render(runner, reference, folder, pdf, "pdf").exit_code == 0
    assert (40, 20) in images(pdf.read_bytes())
    assert render(runner, reference, folder, html, "html").exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "brand.css" not in page and "mark.png" not in page
    assert "url(data:image/png;base64," in page.replace('"', "")


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_a_missing_logo_names_the_file_and_line(runner, reference, tmp_path, fmt):
    folder = coach(tmp_path, logo="logo-2026.png")
    out = tmp_path / f"brief.{fmt}"
    result = render(runner, reference, folder, out, fmt)
    assert result.exit_code == 1 and not out.exists()
    assert f"{folder / 'brief.html'}:7:" in result.output, result.output
    assert "'logo-2026.png'" in result.output and "no such file in the template folders" in result.output
    assert "Traceback" not in result.output


def test_templates_check_reports_the_missing_logo(runner, tmp_path):
    folder = coach(tmp_path, logo="logo-2026.png")
    result = runner.invoke(cli, ["templates", "check", str(folder)])
    assert result.exit_code == 1
    assert any(line.startswith("brief.html:7: ") and "'logo-2026.png'" in line
               for line in result.output.splitlines()), result.output


REFUSED = {
    "leaves the folder": ("../secret.png", "it leaves the template folders"),  # HTML; PDF below
    "not a page resource": ("brief.yaml", "only style sheets, fonts and images are read"),
    "a symlink out": ("escape.png", "it links to a file outside the template folders"),
    "an image bomb": ("bomb.png", "more than the 25,000,000"),
}


@pytest.mark.parametrize("case", REFUSED)
@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_a_file_briefgen_will_not_read_is_refused_by_name(runner, reference, tmp_path, case, fmt):
    address, reason = REFUSED[case]
    if case == "leaves the folder" and fmt == "pdf":  # WeasyPrint joins it onto the virtual base
        address, reason = "secret.png", "no such file in the template folders"  # first: contained
    folder = coach(tmp_path, logo=address)
    (tmp_path / "secret.png").write_bytes((folder / "logo.png").read_bytes())
    (folder / "brief.yaml").write_text("candidate: {name: x}", encoding="utf-8")
    os.symlink(tmp_path / "secret.png", folder / "escape.png")
    Image.new("1", (30000, 30000)).save(folder / "bomb.png", optimize=True)  # ~100 KB on disk
    out = tmp_path / f"brief.{fmt}"
    result = render(runner, reference, folder, out, fmt)
    assert result.exit_code == 1 and not out.exists(), result.output
    assert f"'{address}'" in result.output and reason in result.output, result.output
    assert "Traceback" not in result.output


def test_the_coach_folder_comes_first(runner, reference, tmp_path):
    """A coach's ``fonts/SourceSans3-Regular.otf`` replaces the packaged one: relative addresses
    are found on the template search path in order, like templates, also after a packaged
    render in the same process has registered the packaged face of that family."""
    from briefgen.pipeline import prepare, render_pdf

    packaged = render_pdf(prepare(reference))  # in this process: the child inherits its fonts
    assert "AcmeBrand" not in font_programs(packaged.data)
    folder = tmp_path / "coach"
    brand_font(folder / "fonts" / "SourceSans3-Regular.otf")
    (folder / "brief.html").write_text('{% extends "classic/brief.html" %}', encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = render(runner, reference, folder, out, "pdf")
    assert result.exit_code == 0, result.output
    assert BRAND_FONT in font_programs(out.read_bytes())
