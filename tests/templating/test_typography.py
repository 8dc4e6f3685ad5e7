"""No single word alone on a paragraph's last line: the last two words of prose are joined."""

from __future__ import annotations

import pytest

from briefgen.pipeline import prepare, render_bytes, render_job
from briefgen.templating.typography import NBSP, no_orphan

from ..conftest import SAMPLES


@pytest.mark.parametrize(("text", "joined"), [
    ("Cut hallucinations without adding latency or GPU spend.",
     f"Cut hallucinations without adding latency or GPU{NBSP}spend."),
    ("Served 13M requests over 14 days.", f"Served 13M requests over 14{NBSP}days."),
    ("Cut parsing latency.", "Cut parsing latency."),  # a phrase, not a paragraph
    ("", ""),
    # The pair would be too wide to keep together in a narrow column: left to wrap.
    ("Details are in the write-up at docs.example.com/very-long-path",
     "Details are in the write-up at docs.example.com/very-long-path"),
    ("One two three four five six  ", f"One two three four five{NBSP}six  "),
])
def test_the_last_two_words_of_prose_are_joined(text, joined):
    assert no_orphan(text) == joined


def test_the_page_joins_them_and_the_notes_do_not():
    prepared = prepare(SAMPLES / "priya-raman.yaml")
    page = render_job(prepared, "html").context
    story = [part["text"] for part in page["projects"][0]["star"]]
    assert all(NBSP in text for text in story if len(text.split()) >= 6)
    assert NBSP not in render_bytes(prepared, "md").decode("utf-8")
    assert "GPU&nbsp;spend." in render_bytes(prepared, "html").decode("utf-8")  # as the HTML writes it
