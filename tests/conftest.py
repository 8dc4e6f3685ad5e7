"""Shared fixtures: the reference brief, PDF reading with real libraries, the CLI runner."""

from __future__ import annotations

import os
import socket
import tempfile
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

# The pre-parsed WeasyPrint declarations (briefgen.weasyprint_import) go to a folder of this test
# session, inherited by every subprocess, instead of the user's ~/.cache.
os.environ.setdefault("BRIEFGEN_CACHE_DIR", tempfile.mkdtemp(prefix="briefgen-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
# The public contract lives in ../shared; a clone without it falls back to our copy.
_SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "brief.yaml"
REFERENCE = _SHARED_REFERENCE if _SHARED_REFERENCE.exists() else SAMPLES / "priya-raman.yaml"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.yaml"))


@pytest.fixture
def reference() -> Path:
    return REFERENCE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, extracted with pdfium (reliable across mixed fonts)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def pdf_page_size_pt(data: bytes) -> tuple[float, float]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return pdf[0].get_size()
    finally:
        pdf.close()


def normalise(text: str) -> str:
    """Join hyphenated line breaks and collapse whitespace, so phrases can be searched."""
    import re

    text = text.replace("\u00ad", "").replace("\ufffe", "").replace("\x02", "")
    text = re.sub(r"-\s*\r?\n\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def pdf_of_html(html: str, *, sections: tuple = (), page: str = "letter",
                base_dir: Path | None = None, roots: tuple[Path, ...] = (), spread_units: int = 0):
    """The PDF stage on its own: ``html`` laid out on one page by the engine (a PdfResult)."""
    from briefgen.renderer import default_renderer

    return default_renderer().engine.write_pdf(html, pdf_job(sections=sections, page=page,
                                                             base_dir=base_dir, roots=roots,
                                                             spread_units=spread_units))


def pdf_job(*, sections: tuple = (), page: str = "letter", base_dir: Path | None = None,
            roots: tuple[Path, ...] = (), spread_units: int = 0):
    from briefgen.pdf.spec import PdfJob, PdfMetadata

    metadata = PdfMetadata(title="t", author="a", subject="s", keywords=(), lang="en", generator="g")
    return PdfJob(page=page, allowed_roots=tuple(roots or (base_dir or FIXTURES_DIR,)),
                  metadata=metadata, sections=tuple(sections), template="test.html",
                  spread_units=spread_units)


def html_of(prepared, *, for_pdf: bool = True) -> str:
    """The brief's HTML as the PDF engine (``for_pdf``) or the HTML output gets it."""
    from briefgen.pipeline import render_job
    from briefgen.renderer import default_renderer

    if for_pdf:
        return default_renderer().html_for_pdf(render_job(prepared, "pdf"))
    return default_renderer().render(render_job(prepared, "html")).decode("utf-8")


def raw_html(prepared) -> str:
    """The brief's HTML as its template writes it, before briefgen's HTML policy (tests only)."""
    from briefgen.pipeline import render_job
    from briefgen.templating.environment import Environments

    job = render_job(prepared, "html")
    return Environments().render("brief.html", {**job.context, "for_pdf": False},
                                 job.design.search_path(), theme=job.design.theme.name)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def no_network(monkeypatch):
    """Record (and refuse) every attempt to resolve a name or open a socket, and every URL that
    reaches urllib's opener, during the test."""
    attempts: list[str] = []
    opened: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network use in a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    original_open = urllib.request.OpenerDirector.open

    def recording_open(self, url, *args, **kwargs):
        opened.append(url if isinstance(url, str) else url.full_url)
        return original_open(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", recording_open)
    return attempts, opened
