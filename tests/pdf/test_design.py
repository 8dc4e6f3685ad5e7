"""The look of the brief: every theme fits every sample on one Letter or A4 page, names in any
script come out in the vendored fonts, and the HTML stays self-contained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from briefgen.pipeline import prepare, render_bytes
from briefgen.themes import templates_root, theme_names

from ..conftest import REFERENCE, SAMPLES, html_of, normalise, pdf_page_size_pt, pdf_pages, sample_files

PAGE_POINTS = {"letter": (612, 792), "a4": (595, 842)}
FONTS = templates_root() / "fonts"


def with_design(source: Path, dest: Path, **design: str) -> Path:
    """A copy of ``source`` whose ``design`` section has ``design`` merged in.

    The YAML text is kept as written (quantities, dates) and only the ``design`` block is
    replaced, so the copy reads exactly like the sample.
    """
    text = source.read_text(encoding="utf-8")
    current = (yaml.safe_load(text) or {}).get("design") or {}
    merged = {**current, **design}
    # Drop the old top-level design block (up to the next top-level key or the end).
    text = re.sub(r"(?ms)^design:.*?(?=^\S|\Z)", "", text).rstrip("\n")
    lines = "".join(f"  {key}: {quoted(value)}\n" for key, value in merged.items())
    dest.write_text(f"{text}\n\ndesign:\n{lines}", encoding="utf-8")
    return dest


def quoted(value: object) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def embedded_fonts(data: bytes) -> set[str]:
    """The BaseFont names (subset prefix removed) of every font on every page."""
    import io

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for key in fonts:
            base = str(fonts[key].get_object()["/BaseFont"]).lstrip("/")
            names.add(base.split("+", 1)[-1])
    return names


def assert_one_page_with_titles(data: bytes, prepared, page: str) -> str:
    pages = pdf_pages(data)
    assert len(pages) == 1
    width, height = pdf_page_size_pt(data)
    assert (round(width), round(height)) == PAGE_POINTS[page]
    text = normalise(pages[0])
    for project in prepared.brief.projects:
        # A hyphen that ends a line reads back as a break mark: "reward-model" as "rewardmodel".
        assert normalise(project.title).replace("-", "") in text.replace("-", ""), project.title
    return text


def test_there_is_a_second_theme():
    assert {"classic", "compact"} <= set(theme_names())


@pytest.mark.parametrize("page", ["letter", "a4"])
@pytest.mark.parametrize("theme", theme_names())
@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_every_sample_fits_one_page_in_every_theme(sample, theme, page, tmp_path):
    copy = with_design(sample, tmp_path / sample.name, page=page)
    prepared = prepare(copy, theme=theme)
    text = assert_one_page_with_titles(render_bytes(prepared, "pdf"), prepared, page)
    assert prepared.brief.candidate.name.split()[0] in text
    for words in story_words(prepared):  # nothing clipped or dropped at the page end
        assert words in squash(text), words


def four_project_brief(tmp_path: Path, page: str) -> Path:
    """The three-project sample plus the reference's first project: a dense, four-project brief."""
    data = yaml.safe_load((SAMPLES / "rlhf-research-scientist.yaml").read_text())
    extra = yaml.safe_load(REFERENCE.read_text())["projects"][0]
    data["projects"].append(extra)
    data["design"] = {"page": page, "theme": "compact"}
    path = tmp_path / f"four-{page}.yaml"
    # PyYAML writes dates and plain strings back in a form the YAML 1.2 loader reads the same way.
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("page", ["letter", "a4"])
def test_compact_fits_four_projects(page, tmp_path):
    prepared = prepare(four_project_brief(tmp_path, page))
    assert len(prepared.brief.projects) == 4
    text = assert_one_page_with_titles(render_bytes(prepared, "pdf"), prepared, page)
    # Nothing clipped: the closing words of every story part are on the page.
    for words in story_words(prepared):
        assert words in squash(text), words


def test_reference_brief_embeds_only_the_vendored_family():
    fonts = embedded_fonts(render_bytes(prepare(REFERENCE), "pdf"))
    assert fonts, "no fonts embedded"
    assert not any("DejaVu" in name for name in fonts), fonts
    assert all(name.startswith("Brief-Sans") for name in fonts), fonts


@pytest.mark.parametrize("theme", theme_names())
def test_names_in_other_scripts_use_the_fallback_fonts(theme, tmp_path):
    data = yaml.safe_load(REFERENCE.read_text())
    data["candidate"]["name"] = "李雷 Γιώργος Παπαδόπουλος ليلى حداد"
    data["candidate"]["headline"] = "Ingénieure ML à Zürich"
    path = tmp_path / "scripts.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    pdf = render_bytes(prepare(path, theme=theme), "pdf")
    fonts = embedded_fonts(pdf)
    assert any(name.startswith("Brief-CJK") for name in fonts), fonts
    assert any(name.startswith("Brief-Arabic") for name in fonts), fonts
    assert not any("DejaVu" in name for name in fonts), fonts
    text = normalise(pdf_pages(pdf)[0])
    for word in ("李雷", "Γιώργος", "Ingénieure", "Zürich"):
        assert word in text, word


def test_every_symbol_in_the_templates_is_in_the_font():
    """Arrows, the check mark and the middle dot must not fall back to another font or a box."""
    from fontTools.ttLib import TTFont

    used: set[str] = set()
    for path in templates_root().rglob("*"):
        if path.suffix in {".html", ".css"} and "fonts" not in path.parts:
            used |= {ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7E}
    assert {"→", "✓", "·"} <= used  # the check below is not vacuous
    for face in ("Regular", "Semibold", "Bold"):
        cmap = TTFont(FONTS / f"SourceSans3-{face}.otf").getBestCmap()
        missing = sorted(ch for ch in used if ord(ch) not in cmap)
        assert not missing, (face, missing)


def test_every_font_face_file_exists_with_its_licence():
    css = (templates_root() / "base" / "fonts.css").read_text(encoding="utf-8")
    urls = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert len(urls) >= 4
    for name in urls:
        assert (FONTS / name).is_file(), name
        assert not name.endswith((".woff", ".woff2")), "WeasyPrint would decompress these on every render"
    assert (FONTS / "LICENSE-SourceSans3.md").is_file()
    assert (FONTS / "LICENSE-Noto.txt").is_file()


@pytest.mark.parametrize("theme", theme_names())
def test_html_is_self_contained_and_names_the_family(theme):
    html = render_bytes(prepare(REFERENCE, theme=theme), "html").decode()
    assert "@font-face" not in html
    assert "url(" not in html
    assert '"Source Sans 3"' in html
    assert "--accent: #1f4e79" in html


@pytest.mark.parametrize("theme", theme_names())
def test_verdict_badge_and_triad_words(theme, tmp_path):
    """A below-the-bar project says so in words on the review copy and not on the panel's; the
    triad's change is spelled out, not colour only."""
    sample = next(p for p in sample_files() if p.stem == "one-project")
    prepared = prepare(sample, theme=theme)
    text = normalise(pdf_pages(render_bytes(prepared, "pdf", review=True))[0])
    assert "Below the bar" in text or "BELOW THE BAR" in text
    assert "better" in text  # "down 65.7% · better"
    panel = normalise(pdf_pages(render_bytes(prepared, "pdf"))[0])
    assert "below the bar" not in panel.lower() and "short of" not in panel
    assert "↓ better" in panel or "better" in panel
    reference = normalise(pdf_pages(render_bytes(prepare(REFERENCE, theme=theme), "pdf"))[0])
    assert "Meets the bar" in reference or "MEETS THE BAR" in reference
    assert "12%" in reference and "3%" in reference and "better" in reference


def squash(text: str) -> str:
    """Letters and digits only: PDF text extraction turns a hyphen at a line end into a space."""
    return re.sub(r"[\W_]+", "", text.lower())


def story_words(prepared) -> list[str]:
    """The closing words of every STAR-L part of every project: what a clipped layout loses first."""
    words = []
    for project in prepared.view.projects:
        for part in project.star:
            short = part.label == "Leadership" and project.principles and project.leadership_story
            text = project.leadership_story if short else part.text
            words.append(squash(text)[-24:])
    return words


@pytest.mark.parametrize("theme", theme_names())
def test_overflow_makes_more_pages_and_never_drops_text(theme, tmp_path):
    """The one-page fit counts pages, so a design must overflow onto a second page, never drop
    content (WeasyPrint silently loses floats and clipped boxes past the page end)."""
    import weasyprint

    path = four_project_brief(tmp_path, "letter")
    data = yaml.safe_load(path.read_text())
    data["projects"] += data["projects"][:2]  # six projects: too long for one page in any theme
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    prepared = prepare(path, theme=theme)
    html = html_of(prepared)
    document = weasyprint.HTML(string=html, base_url=str(templates_root() / theme) + "/").render()
    assert len(document.pages) > 1
    text = squash(" ".join(pdf_pages(document.write_pdf())))
    for words in story_words(prepared):
        assert words in text, words
