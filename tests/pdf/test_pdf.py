"""PDF metadata and accessibility tagging, read back from real PDFs with pypdf."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from briefgen import __version__
from briefgen.pipeline import prepare, render_pdf
from briefgen.themes import theme_names

from ..conftest import FIXTURES_DIR, REFERENCE, pdf_pages
from ..textcheck import contains

FIXTURES = FIXTURES_DIR


def structure_roles(reader: PdfReader) -> Counter:
    """How often each structure type (/H1, /P, /Sect ...) occurs in the tag tree."""
    roles: Counter = Counter()
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/S" in node:
            roles[str(node["/S"])] += 1
        kids = node.get("/K")
        if kids is None:
            continue
        stack.extend(kids if isinstance(kids, list) else [kids])
    return roles


@pytest.fixture(scope="module")
def reference_pdf():
    prepared = prepare(REFERENCE)
    return prepared, PdfReader(io.BytesIO(render_pdf(prepared).data))


def test_document_information_comes_from_the_brief(reference_pdf):
    prepared, reader = reference_pdf
    view, info = prepared.view, reader.metadata
    assert info.title == "Priya Raman: impact brief for Applied Intelligence Engineer, Alexa AI"
    assert info.title == view.title
    assert info.author == "Priya Raman"
    assert info.subject == ("Interview impact brief: Grounded answers for Alexa Q&A; "
                            "Faster in-app translation")
    for keyword in ("LoRA adapters", "hallucination rate", "BLEU", "Dive Deep", "Frugality"):
        assert keyword in info["/Keywords"]
    assert info.creator == f"briefgen {__version__}"
    assert info.producer.startswith("WeasyPrint")


def test_pdf_is_tagged_for_accessibility(reference_pdf):
    prepared, reader = reference_pdf
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    roles = structure_roles(reader)
    assert roles["/Document"] == 1
    assert roles["/H1"] == 1  # the candidate's name
    assert roles["/H2"] == len(prepared.view.projects)  # one heading per project
    assert roles["/P"] >= 3
    # Every page is tied to the structure tree.
    assert all("/StructParents" in page for page in reader.pages)


def test_pdf_declares_pdf_ua_with_matching_xmp(reference_pdf):
    prepared, reader = reference_pdf
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": prepared.view.title}
    assert xmp.dc_creator == ["Priya Raman"]
    assert 'pdfuaid:part="1"' in xmp.rdf_root.toxml()


def test_metadata_does_not_depend_on_the_template(tmp_path):
    """A coach's template with its own <title>, another author and no lang cannot change them."""
    prepared = prepare(REFERENCE, templates=FIXTURES / "bare-coach")
    result = render_pdf(prepared)
    reader = PdfReader(io.BytesIO(result.data))
    assert reader.metadata.title == prepared.view.title
    assert reader.metadata.author == "Priya Raman"
    assert reader.metadata.subject == prepared.view.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = pdf_pages(result.data)[0]
    assert contains(text, prepared.view.projects[0].triad)


@pytest.mark.parametrize("theme", theme_names())
def test_every_theme_writes_the_same_metadata(theme):
    prepared = prepare(REFERENCE, theme=theme)
    reader = PdfReader(io.BytesIO(render_pdf(prepared).data))
    assert reader.metadata.title == prepared.view.title
    assert "/StructTreeRoot" in reader.trailer["/Root"]
