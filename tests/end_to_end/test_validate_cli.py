"""`briefgen validate` on the command line: OK lines, several files, standard input, usage."""

from __future__ import annotations

import pytest

from briefgen.cli import cli

from ..conftest import REFERENCE, SAMPLES


def test_ok_line_per_file_with_counts(runner):
    files = [str(REFERENCE), str(SAMPLES / "rlhf-research-scientist.yaml"), str(SAMPLES / "one-project.yaml")]
    result = runner.invoke(cli, ["validate", *files])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"OK {files[0]}: Priya Raman, 2 projects, 2 of 2 meet the Scale-and-Ship bar",
        f"OK {files[1]}: Dr. Mateo Álvarez-Ruiz, 3 projects, 2 of 3 meet the Scale-and-Ship bar "
        "(below it: project 2)",
        f"OK {files[2]}: 李雷 (Li Lei), 1 project, 0 of 1 meet the Scale-and-Ship bar",
    ]


def test_a_bad_file_among_good_ones_fails_the_run_but_all_are_checked(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a\n")
    result = runner.invoke(cli, ["validate", str(bad), str(REFERENCE), str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert f"OK {REFERENCE}:" in result.output
    assert f"{bad}:1:1: the top level must be a mapping" in result.output
    assert f"{tmp_path / 'nope.yaml'}: no such file" in result.output
    assert "2 of 3 files are invalid" in result.output


def test_stdin_errors_are_located_as_stdin(runner):
    result = runner.invoke(cli, ["validate", "-"], input="candidate:\n  name: [\n")
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:3:1: YAML syntax error")


@pytest.mark.parametrize("args", [["validate"], ["validate", "--bogus", "x.yaml"], ["render"],
                                  ["render", "--format", "docx", "x.yaml"]])
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
