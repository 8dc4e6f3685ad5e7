"""The one-page guarantee through the pipeline: every sample and theme fits; overflow is fitted or
refused, never two pages, never clipped."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
import yaml

from briefgen.errors import FitError
from briefgen.pdf.fit import LAYOUT_BOUND, MIN_FIT, MIN_GAIN
from briefgen.pdf.grow import MAX_BODY_PT
from briefgen.pdf.spec import PdfResult
from briefgen.pipeline import Prepared, prepare, render_job, render_pdf
from briefgen.renderer import default_renderer
from briefgen.themes import theme_names

from ..conftest import REFERENCE, SAMPLES, pdf_page_size_pt, pdf_pages, sample_files
from ..textcheck import contains

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
@pytest.mark.parametrize("theme", theme_names())
@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.stem)
def test_every_sample_renders_to_one_complete_page(sample, theme, page):
    prepared = on_page(prepare(sample, theme=theme), page)
    result = render_pdf(prepared)
    assert result.pages == 1
    assert MIN_FIT <= result.fit <= MAX_BODY_PT / 9.5  # short samples grow, to 11.5 pt body text
    assert result.layouts <= LAYOUT_BOUND
    assert_one_complete_page(result.data, prepared, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", theme_names())
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
        assert result.layouts <= LAYOUT_BOUND
        assert_one_complete_page(result.data, prepared, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", theme_names())
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

    def attempt(words: int) -> tuple[Prepared, PdfResult | FitError]:
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

    def fitted(prepared: Prepared, result: PdfResult) -> None:
        assert MIN_FIT <= result.fit < 1.0
        assert 2 <= result.layouts <= LAYOUT_BOUND
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


def test_prose_that_rewraps_is_fitted_in_two_layouts():
    """The three-project sample overflows Letter at full size; the first guess counts on its prose
    rewrapping, fits, and leaves no visibly larger type (``MIN_GAIN``) that would still fit."""
    prepared = prepare(SAMPLES / "rlhf-research-scientist.yaml",
                       theme="classic")
    result = render_pdf(prepared)
    assert result.layouts == 2 and result.fit < 1.0
    renderer = default_renderer()
    job = render_job(prepared, "pdf")
    assert job.pdf is not None
    larger = round(result.fit + MIN_GAIN, 3)
    assert not renderer.engine.layout_once(renderer.html_for_pdf(job), job.pdf, larger).fits
