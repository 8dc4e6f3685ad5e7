"""Hostile templates and text through the command line."""

from __future__ import annotations

import re

from briefgen.cli import cli

from ..conftest import FIXTURES_DIR, REFERENCE
from ..templating.test_safety_render import hostile_coach

FIXTURES = FIXTURES_DIR


def test_hostile_template_through_the_cli_writes_nothing(runner, tmp_path, no_network):
    coach = hostile_coach(tmp_path)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"the previous brief")
    result = runner.invoke(cli, ["render", str(REFERENCE), "--templates", str(coach), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(r"brief.html:\d+: the template asks for resources briefgen will not load", result.output)
    assert out.read_bytes() == b"the previous brief"


def test_template_that_redirects_the_html_is_refused(runner, tmp_path):
    out = tmp_path / "brief.html"
    result = runner.invoke(cli, ["render", str(REFERENCE), "-f", "html", "-o", str(out),
                                 "--templates", str(FIXTURES / "refresh-coach")])
    assert result.exit_code == 1
    assert "not allowed in a template" in result.output and "refresh" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_hostile_template_html_through_the_cli_writes_nothing(runner, tmp_path, no_network):
    coach = hostile_coach(tmp_path)
    out = tmp_path / "brief.html"
    result = runner.invoke(cli, ["render", str(REFERENCE), "--templates", str(coach), "-f", "html",
                                 "-o", str(out)])
    assert result.exit_code == 1 and "not allowed in a template" in result.output
    assert "Traceback" not in result.output and not out.exists()
