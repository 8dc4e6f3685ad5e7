"""Reading briefs through the command line."""

from __future__ import annotations

import re

from ..input.test_yaml_tree import reference_with


def test_text_as_written_reaches_the_rendered_notes(runner, tmp_path):
    from briefgen.cli import cli

    text = reference_with("  - title: Grounded answers for Alexa Q&A", "  - title: 1:30")
    text = text.replace("  name: Priya Raman", "  name: no").replace(
        "  - title: Faster in-app translation", "  - title: 0.50")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["render", str(tmp_path / "b.yaml"), "-f", "md", "-o",
                                 str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    notes = (tmp_path / "b.md").read_text(encoding="utf-8").replace("\\", "")
    assert "1:30" in notes and "0.50" in notes
    assert re.search(r"^# .*\bno\b", notes, re.MULTILINE), notes[:200]
