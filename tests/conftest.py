"""Shared fixtures: the reference brief, PDF reading with real libraries, the CLI runner."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

# The pre-parsed WeasyPrint declarations (briefgen.weasyprint_import) go to a folder of this test
# session, inherited by every subprocess, instead of the user's ~/.cache.
os.environ.setdefault("BRIEFGEN_CACHE_DIR", tempfile.mkdtemp(prefix="briefgen-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
