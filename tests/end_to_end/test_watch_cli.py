"""--watch through the command line."""

from __future__ import annotations

from ..conftest import SAMPLES

LIMIT = 60.0  # seconds before a test gives up on an event that should come in well under one




def test_cli_watch_refuses_several_briefs_and_stdout(runner, tmp_path):
    from briefgen.cli import cli

    two = [str(SAMPLES / "priya-raman.yaml"), str(SAMPLES / "one-project.yaml")]
    result = runner.invoke(cli, ["render", *two, "--watch"])
    assert result.exit_code == 2 and "one brief" in result.output
    result = runner.invoke(cli, ["render", two[0], "--watch", "-f", "md", "-o", "-"])
    assert result.exit_code == 2 and "not `-`" in result.output
