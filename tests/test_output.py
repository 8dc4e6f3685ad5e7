"""Output names and the record of what `render -` wrote (briefgen/output.py, briefgen/ledger.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.errors import RenderError
from briefgen.ledger import LEDGER, check_replace, record
from briefgen.output import MAX_SLUG, default_output, name_slug


@pytest.mark.parametrize(("name", "slug"), [
    ("Priya Raman", "priya-raman"),
    ("José Müller", "josé-müller"),
    ("Jose\u0301 Mu\u0308ller", "josé-müller"),  # decomposed accents compose: one file, not two
    ("李雷", "李雷"),
    ("山田 太郎", "山田-太郎"),
    ("김민준", "김민준"),
    ("प्रिया शर्मा", "प्रिया-शर्मा"),  # vowel signs and the virama are kept with their letters
    ("محمد علي", "محمد-علي"),
    ("Dr. Seán O’Brien", "dr-seán-obrien"),
    ("Anna-Lena  Ström.", "anna-lena-ström"),
    ("İlker Ünal", "ilker-ünal"),
    ("ＡＢＣ Ｋｉｍ", "abc-kim"),  # full-width letters are the ordinary ones
    ("\u202eevil/../../x", "evil-x"),
    ("🚀", "brief"),
    ("...", "brief"),
])
def test_name_slug(name, slug):
    assert name_slug(name) == slug


def test_a_long_name_is_cut_at_a_word():
    slug = name_slug("Maria " * 30)
    assert len(slug) <= MAX_SLUG and slug.endswith("maria") and not slug.endswith("-")


@given(st.text(max_size=200))
def test_any_name_gives_a_safe_file_name(name):
    slug = name_slug(name)
    assert 1 <= len(slug) <= MAX_SLUG
    assert not slug.startswith(("-", ".")) and not slug.endswith("-")
    assert all(ch == "-" or unicodedata.category(ch)[0] in "LNM" for ch in slug), slug
    assert len(f"{slug}-brief.html".encode()) < 255


def test_default_output_names():
    assert default_output("samples/priya-raman.yaml", "pdf") == Path("output/priya-raman-brief.pdf")
    assert default_output("brief.yaml", "md") == Path("output/brief.md")
    assert default_output("-", "html", Path("out"), candidate="李雷") == Path("out/李雷-brief.html")
    assert default_output("-", "pdf") == Path("output/brief.pdf")


def test_the_record_lets_a_candidate_replace_only_its_own_unchanged_file(tmp_path):
    target = tmp_path / "li-lei-brief.md"
    check_replace(target, "Li Lei")  # nothing there yet
    target.write_bytes(b"notes")
    with pytest.raises(RenderError, match="no record of writing it for Li Lei"):
        check_replace(target, "Li Lei")
    record(target, "Li Lei", b"notes")
    check_replace(target, "Li Lei")
    with pytest.raises(RenderError, match="is the brief of Li Lei, not of LI LEI"):
        check_replace(target, "LI LEI")
    target.write_bytes(b"notes, edited")
    with pytest.raises(RenderError, match="was changed since briefgen wrote it for Li Lei"):
        check_replace(target, "Li Lei")


@pytest.mark.parametrize("ledger", [b"", b"{not json", b"[]", b'{"briefgen": 99, "files": {}}',
                                    b'{"briefgen": 1, "files": []}', b"\xff\xfe"])
def test_a_damaged_record_refuses_rather_than_replaces(tmp_path, ledger):
    target = tmp_path / "li-lei-brief.md"
    target.write_bytes(b"notes")
    (tmp_path / LEDGER).write_bytes(ledger)
    with pytest.raises(RenderError, match="no record"):
        check_replace(target, "Li Lei")
    record(target, "Li Lei", b"notes")  # and a new record replaces it
    check_replace(target, "Li Lei")


def test_the_record_forgets_files_that_are_gone(tmp_path):
    first, second = tmp_path / "a-brief.md", tmp_path / "b-brief.md"
    for path in (first, second):
        path.write_bytes(b"x")
        record(path, path.stem, b"x")
    first.unlink()
    record(second, "b-brief", b"x")
    assert "a-brief.md" not in (tmp_path / LEDGER).read_text(encoding="utf-8")
