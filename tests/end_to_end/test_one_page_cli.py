"""The one-page guarantee as a user meets it on the command line."""

from __future__ import annotations

from briefgen.cli import cli

from ..conftest import pdf_pages
from ..pdf.test_one_page import write_brief


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


def test_a_brief_too_long_for_classic_is_pointed_at_the_denser_theme(tmp_path, runner):
    """Four projects overflow classic on Letter but fit compact: the refusal says so, and the
    suggestion works."""
    brief = write_brief(tmp_path, 4)
    out = tmp_path / "four.pdf"
    refused = runner.invoke(cli, ["render", str(brief), "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    assert "does not fit on one page" in refused.output
    assert "--theme compact" in refused.output
    taken = runner.invoke(cli, ["render", str(brief), "-o", str(out), "--theme", "compact"])
    assert taken.exit_code == 0, taken.output
    assert len(pdf_pages(out.read_bytes())) == 1
