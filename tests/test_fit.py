"""The one-page guarantee: every sample and theme fits; overflow is fitted or refused; nothing clipped.

Two levels: the packaged themes through the pipeline (whatever sizes the themes choose), and the
fit engine itself on small pages of known geometry, where the right answer can be computed.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from pathlib import Path

import pytest
import yaml

from briefgen.cli import cli
from briefgen.errors import FitError, RenderError
from briefgen.pdf import engine as pdf
from briefgen.pipeline import Prepared, prepare, render_pdf
from briefgen.resources import templates_root, themes
from briefgen.templating.render import render_html

from .conftest import REFERENCE, pdf_page_size_pt, pdf_pages, sample_files
from .textcheck import contains

PAGE_PT = {"letter": (612, 792), "a4": (595, 842)}
PAGES = sorted(PAGE_PT)


def on_page(prepared: Prepared, page: str) -> Prepared:
    return dataclasses.replace(prepared, view=dataclasses.replace(prepared.view, page=page))


def assert_one_complete_page(data: bytes, prepared: Prepared, page: str) -> None:
    """One page of the right size showing every project's title and triad sentence (not clipped)."""
    pages = pdf_pages(data)
    assert len(pages) == 1
    width, height = pdf_page_size_pt(data)
    assert (round(width), round(height)) == PAGE_PT[page]
    for project in prepared.view.projects:
        assert contains(pages[0], project.title), project.title
        assert contains(pages[0], project.triad), project.triad
    assert contains(pages[0], prepared.view.candidate.name)


def write_brief(tmp_path: Path, projects: int, *, extra_sentences: int = 0, extra_words: int = 0,
                name: str = "brief") -> Path:
    """The reference brief with ``projects`` projects (cycling through its two), each situation
    lengthened by ``extra_sentences`` sentences, and the first project's story by ``extra_words``
    words."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    originals = data["projects"]
    data["projects"] = []
    for i in range(projects):
        project = copy.deepcopy(originals[i % len(originals)])
        project["title"] = f"{project['title']} ({i + 1})"
        more = " ".join(f"Context sentence {n + 1} adds detail the panel may ask about."
                        for n in range(extra_sentences))
        project["situation"] = f"{project['situation']} {more}".strip()
        data["projects"].append(project)
    words = [f"detail{n % 10}" for n in range(extra_words)]
    first = data["projects"][0]  # a field holds up to 2,000 characters: spread the words over two
    first["situation"] = " ".join([first["situation"], *words[:200]])
    first["task"] = " ".join([first["task"], *words[200:]])
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- the packaged themes ------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", themes())
@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_every_sample_renders_to_one_complete_page(sample, theme, page):
    prepared = on_page(prepare(sample, theme=theme), page)
    result = render_pdf(prepared)
    assert result.pages == 1
    assert pdf.MIN_FIT <= result.fit <= 1.0
    assert result.layouts <= pdf.LAYOUT_BOUND
    assert_one_complete_page(result.data, prepared, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", themes())
def test_six_projects_are_fitted_or_refused_never_two_pages(tmp_path, theme, page):
    prepared = on_page(prepare(write_brief(tmp_path, 6), theme=theme), page)
    try:
        result = render_pdf(prepared)
    except FitError as exc:
        report = exc.report
        assert report.overflow_mm > 0
        assert report.unit == "mm"  # measured on the page, not guessed from text length
        assert report.longest and all(label.startswith("project ") for label, _ in report.longest)
        assert f"{report.overflow_percent:.0f}% of a page" in str(exc)
    else:
        assert result.fit < 1.0
        assert result.layouts <= pdf.LAYOUT_BOUND
        assert_one_complete_page(result.data, prepared, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", themes())
def test_brief_that_fits_only_after_shrinking_records_its_fit(tmp_path, monkeypatch, theme, page):
    """Lengthen the reference until it no longer fits as designed: it must then be fitted (fit < 1,
    one complete page, one PDF written), not refused outright. Ten words at a time, then word by
    word between the last brief that fitted as designed and the first that did not."""
    from weasyprint.document import Document

    writes: list[int] = []
    original = Document.write_pdf

    def counting_write_pdf(self, *args, **kwargs):
        writes.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", counting_write_pdf)

    def attempt(words: int) -> tuple[Prepared, pdf.PdfResult | FitError]:
        path = write_brief(tmp_path, 2, extra_words=words, name=f"brief-{words}")
        prepared = on_page(prepare(path, theme=theme), page)
        writes.clear()
        try:
            result = render_pdf(prepared)
        except FitError as exc:
            assert writes == []  # nothing written for a refused brief
            return prepared, exc
        assert writes == [1]  # however many layouts, the PDF is written once
        return prepared, result

    def fitted(prepared: Prepared, result: pdf.PdfResult) -> None:
        assert pdf.MIN_FIT <= result.fit < 1.0
        assert 2 <= result.layouts <= pdf.LAYOUT_BOUND
        assert_one_complete_page(result.data, prepared, page)

    low, high, refusal = 0, None, None  # low fits as designed; high does not
    for words in range(0, 1200, 30):
        prepared, outcome = attempt(words)
        if isinstance(outcome, FitError):
            high, refusal = words, outcome
            break
        if outcome.fit < 1.0:
            return fitted(prepared, outcome)
        low = words
    assert high is not None, "1200 extra words still fit as designed"
    while high - low > 1:
        middle = (low + high) // 2
        prepared, outcome = attempt(middle)
        if isinstance(outcome, FitError):
            high, refusal = middle, outcome
        elif outcome.fit < 1.0:
            return fitted(prepared, outcome)
        else:
            low = middle
    assert refusal is not None and refusal.report.fit is not None
    if refusal.report.fit >= 0.98:
        pytest.skip(f"{theme} sets body text at the legibility floor: no room to shrink")
    pytest.fail(f"one word turned a brief that fits as designed into a refusal: {refusal}")


def test_very_long_brief_is_refused_with_a_report_and_writes_nothing(runner, tmp_path):
    brief = write_brief(tmp_path, 10, extra_sentences=6)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"the previous brief")
    result = runner.invoke(cli, ["render", str(brief), "--output", str(out)])
    assert result.exit_code == 1, result.output
    message = result.output
    assert "does not fit on one page" in message
    assert " mm (" in message and "% of a page" in message
    assert "Longest parts: project " in message
    assert "Traceback" not in message
    assert out.read_bytes() == b"the previous brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "brief.yaml"]


# --- the fit engine on pages of known geometry -----------------------------------------------
# Letter with 0.5 in margins leaves 10 in = 960 px; each line below is 1.3rem + 0.5rem = 18 pt =
# 24 px at fit 1, whatever the font, so n lines need (24 * n - 20 / 3) * fit px (the last line's
# 5 pt bottom margin ends at the page end).

_METADATA = pdf.PdfMetadata(title="t", author="a", subject="s", keywords=[], lang="en",
                            generator="g")


def lines_page(sections: dict[str, int], css: str = "", body_pt: float = 10) -> str:
    body = "".join(f'<div id="{name}">' + "".join(f"<p>{name} line {i:03d}</p>" for i in range(n))
                   + "</div>" for name, n in sections.items())
    return ('<!DOCTYPE html><html lang="en"><head><style>@page { size: letter; margin: 0.5in } '
            f"html {{ font-size: calc(var(--fit, 1) * {body_pt}pt) }} body {{ margin: 0 }} "
            f"p {{ margin: 0 0 0.5rem; line-height: 1.3rem; white-space: nowrap }} {css}</style>"
            f"</head><body><main>{body}</main></body></html>")


def engine(html: str, sections: list[pdf.Section] | None = None) -> pdf.PdfResult:
    return pdf.write_pdf(lambda fit: html, page="letter", base_dir=Path(__file__).parent,
                         allowed_roots=[], metadata=_METADATA, sections=sections or [])


def test_engine_fits_as_designed_in_one_layout():
    result = engine(lines_page({"a": 38}))
    assert (result.fit, result.pages, result.layouts) == (1.0, 1, 1)


def test_engine_chooses_the_fit_from_the_measured_overflow():
    result = engine(lines_page({"a": 44}))  # needs 1056 px of 960: 10% over
    ideal = 960 / (24 * 44 - 20 / 3)
    assert result.pages == 1
    assert ideal - 0.02 <= result.fit <= ideal + 0.001  # close to the largest fit, not a blind floor
    assert result.layouts <= 5
    text = pdf_pages(result.data)[0]
    assert all(f"a line {i:03d}" in text for i in range(44))


def test_engine_refuses_past_the_floor_with_the_measured_overflow():
    sections = [pdf.Section("a", "section a", 1), pdf.Section("b", "section b", 1),
                pdf.Section("c", "section c", 1)]
    with pytest.raises(FitError) as raised:
        engine(lines_page({"a": 10, "b": 30, "c": 20}), sections)
    report = raised.value.report
    expected_mm = ((24 * 60 - 20 / 3) * pdf.MIN_FIT - 960) * 25.4 / 96  # measured at the floor
    assert abs(report.overflow_mm - expected_mm) < 1
    assert report.unit == "mm"
    assert [label for label, _ in report.longest] == ["section b", "section c", "section a"]
    assert abs(report.longest[0][1] - 30 * 24 * pdf.MIN_FIT * 25.4 / 96) < 3


def test_engine_floor_keeps_small_body_text_legible(monkeypatch):
    """Body text designed at 9 pt may shrink only to 8.36 pt (fit 0.929), not to 88% (7.9 pt):
    49 lines of it would fit at 0.91, so they are refused."""
    with pytest.raises(FitError) as raised:
        engine(lines_page({"a": 49}, body_pt=9))
    report = raised.value.report
    assert report.body_pt == pytest.approx(9)
    assert report.fit == pytest.approx(round(pdf.LEGIBLE_BODY_PT / 9, 3))
    assert "body text 8.4 pt" in str(raised.value)
    monkeypatch.setattr(pdf, "LEGIBLE_BODY_PT", 7.9)  # with a lower floor the same lines fit
    assert 0.88 <= engine(lines_page({"a": 49}, body_pt=9)).fit < 0.929


@pytest.mark.parametrize("css", [
    "main { height: 5in }",  # WeasyPrint drops what this pushes past the page end (#2346)
    "main { height: 5in; overflow: hidden }",
    "html, body { height: 100%; overflow: hidden }",
    "body { display: flex; flex-direction: column; height: 8in } "
    "main { overflow: hidden; flex: 1; min-height: 0 }",
])
def test_engine_never_returns_clipped_content(css):
    try:
        result = engine(lines_page({"a": 44}, css))
    except RenderError as exc:  # refusing is fine (FitError is a RenderError); clipping is not
        assert "cuts part of it off" in str(exc) or isinstance(exc, FitError)
        return
    pages = pdf_pages(result.data)
    assert len(pages) == 1
    assert all(f"a line {i:03d}" in pages[0] for i in range(44))


def test_engine_does_not_mistake_hidden_elements_for_clipping():
    result = engine(lines_page({"a": 30}, "p:nth-child(3) { display: none }"))
    assert (result.fit, result.pages) == (1.0, 1)
    assert result.layouts == 2  # one layout plus one tall-page check of the missing text


def test_engine_refuses_a_template_that_forces_a_second_page():
    with pytest.raises(RenderError, match="forced page break"):
        engine(lines_page({"a": 10}, "p:nth-child(3) { break-before: page }"))


def test_a_brief_too_long_for_classic_is_pointed_at_the_denser_theme(tmp_path, runner):
    """Four projects overflow classic on Letter but fit compact: the refusal says so, and the
    suggestion works."""
    from briefgen.cli import cli

    brief = write_brief(tmp_path, 4)
    out = tmp_path / "four.pdf"
    refused = runner.invoke(cli, ["render", str(brief), "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    assert "does not fit on one page" in refused.output
    assert "--theme compact" in refused.output
    taken = runner.invoke(cli, ["render", str(brief), "-o", str(out), "--theme", "compact"])
    assert taken.exit_code == 0, taken.output
    assert len(pdf_pages(out.read_bytes())) == 1


def test_prose_that_rewraps_is_fitted_in_two_layouts():
    """The three-project sample overflows Letter at full size; the first guess counts on its prose
    rewrapping, fits, and leaves no visibly larger type (``MIN_GAIN``) that would still fit."""
    prepared = prepare(Path(__file__).parent.parent / "samples" / "rlhf-research-scientist.yaml",
                       theme="classic")
    result = render_pdf(prepared)
    assert result.layouts == 2 and result.fit < 1.0
    view = prepared.view
    layouts = pdf._Layouts(lambda fit: render_html(view, scale=fit, for_pdf=True), view.page,
                           templates_root() / view.theme, pdf.safe_url_fetcher([templates_root()]))
    larger = round(result.fit + pdf.MIN_GAIN, 3)
    assert not layouts.fits(layouts.layout(larger), larger)


def test_first_guess_credits_rewrapping_prose_but_never_guesses_below_linear_shrinking():
    high = pdf._Measure(1.0, 1100.0, {})
    linear = pdf._first_guess(high, 1000.0, 0.0)
    assert linear == math.floor(1000 / 1100 * 1000) / 1000
    with_prose = pdf._first_guess(high, 1000.0, 0.6)
    all_prose = (1000 / 1100) ** 0.5  # height going with the square of the fit
    assert linear < with_prose < all_prose


def test_a_first_guess_that_overshoots_costs_one_layout_more(monkeypatch):
    """Lines that never rewrap: a guess that counts on rewrapping is too large, and the next one,
    from the overshoot's own height, fits."""
    monkeypatch.setattr(pdf, "_first_guess", lambda high, target, rewrap: 0.99)
    result = engine(lines_page({"a": 44}))
    ideal = 960 / (24 * 44 - 20 / 3)
    assert result.pages == 1
    assert ideal - 0.02 <= result.fit <= ideal + 0.001
    assert result.layouts <= 4
