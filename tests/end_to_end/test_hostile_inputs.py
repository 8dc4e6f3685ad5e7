"""Inputs an attacker (or an unlucky user) hands the command line: every one ends in a clear
message and a non-zero exit, never a traceback, and no file is damaged or left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen.cli import cli

from ..conftest import SAMPLES

BRIEF = SAMPLES / "one-project.yaml"
LONG = "a" * 300  # past NAME_MAX (255) on every common file system


def clean(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "hit a bug" not in result.output
    return result.output


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("args", [
    ["validate", f"/tmp/{LONG}.yaml"],
    ["render", f"/tmp/{LONG}.yaml"],
    ["render", str(BRIEF), "-o", f"/tmp/{LONG}.pdf"],
    ["render", str(BRIEF), "-f", "md", "-o", f"/tmp/{LONG}/notes.md"],
    ["render", str(BRIEF), "--templates", f"/tmp/{LONG}"],
    ["check", f"/tmp/{LONG}.yaml"],
    ["templates", "export", f"/tmp/{LONG}"],
])
def test_a_name_too_long_for_the_system(runner, args):
    assert "too long" in clean(runner.invoke(cli, args))


def test_a_name_too_long_in_the_brief(runner, tmp_path):
    brief = tmp_path / "b.yaml"
    text = BRIEF.read_text(encoding="utf-8")
    assert "\ndesign:\n" in text
    brief.write_text(text.replace("\ndesign:\n", f"\ndesign:\n  templates: {LONG}\n"),
                     encoding="utf-8")
    output = clean(runner.invoke(cli, ["validate", str(brief)]))
    assert "design.templates" in output and "too long" in output


def test_a_fifo_as_the_brief_is_refused_without_waiting(runner, tmp_path):
    fifo = tmp_path / "brief.yaml"
    os.mkfifo(fifo)
    output = clean(runner.invoke(cli, ["validate", str(fifo)]))  # would block forever if opened
    assert "not a regular file" in output


def test_a_device_as_the_brief_is_refused(runner):
    assert "not a regular file" in clean(runner.invoke(cli, ["validate", "/dev/zero"]))


def test_a_closed_stdin(tmp_path):
    result = subprocess.run([str(Path(sys.executable).with_name("briefgen")), "validate", "-"],
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
                            preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert b"standard input is closed" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["render", str(BRIEF), "-f", "md", "-o", "-"],
    ["validate", str(BRIEF)],
    ["--help"],
    ["check", str(BRIEF), "--json"],
])
def test_a_full_standard_output(args):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([str(Path(sys.executable).with_name("briefgen")), *args],
                                stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 1
    assert b"No space left on device" in result.stderr
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


def test_a_loop_of_symbolic_links_as_the_template_folder(runner, tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert "loop of symbolic links" in clean(runner.invoke(cli, ["render", str(BRIEF), "--templates",
                                                                 str(loop), "-o", str(tmp_path / "x.pdf")]))
    assert not (tmp_path / "x.pdf").exists()


def test_the_output_may_not_be_the_brief(runner, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_bytes(BRIEF.read_bytes())
    for output in (brief, tmp_path / "." / "brief.yaml"):
        assert "it is the input" in clean(runner.invoke(cli, ["render", str(brief), "-f", "md",
                                                              "-o", str(output)]))
    link = tmp_path / "notes.md"
    link.symlink_to(brief)  # a link to the brief is the brief
    assert "it is the input" in clean(runner.invoke(cli, ["render", str(brief), "-f", "md",
                                                          "-o", str(link)]))
    assert brief.read_bytes() == BRIEF.read_bytes()


def test_the_output_may_not_land_in_the_coach_folder(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.md").write_text("{{ candidate.name }}\n", encoding="utf-8")
    output = clean(runner.invoke(cli, ["render", str(BRIEF), "-f", "md", "--templates", str(coach),
                                       "-o", str(coach / "brief.md")]))
    assert "template folder" in output
    assert (coach / "brief.md").read_text(encoding="utf-8") == "{{ candidate.name }}\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_the_output_may_not_replace_a_device(runner, device):
    before = os.stat(device)
    assert "not a regular file" in clean(runner.invoke(cli, ["render", str(BRIEF), "-f", "md",
                                                             "-o", device]))
    after = os.stat(device)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev, before.st_ino)


def test_export_replaces_a_symbolic_link_instead_of_writing_through_it(runner, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.html").symlink_to(outside)
    clean(runner.invoke(cli, ["templates", "export", str(folder), "--force"]), 0)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (folder / "brief.html").is_symlink()
    assert "extends" in (folder / "brief.html").read_text(encoding="utf-8")


def test_export_refuses_a_sub_folder_that_links_out(runner, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "base").symlink_to(elsewhere, target_is_directory=True)
    output = clean(runner.invoke(cli, ["templates", "export", str(folder), "--force"]))
    assert "links out of" in output
    assert files_in(elsewhere) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_termination_during_the_write_keeps_the_old_file_and_no_temporary(tmp_path, signum):
    out = tmp_path / "brief.md"
    out.write_text("the previous notes", encoding="utf-8")
    code = textwrap.dedent(f"""
        import os, sys
        real_fsync = os.fsync
        def fsync(fd):  # the bytes are written, not yet renamed into place: the signal arrives
            os.kill(os.getpid(), {int(signum)})
            real_fsync(fd)
        os.fsync = fsync
        sys.argv = ["briefgen", "render", {str(BRIEF)!r}, "-f", "md", "-o", {str(out)!r}]
        from briefgen.cli import main
        main()
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 128 + signum, result.stderr
    assert b"Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "the previous notes"
    assert files_in(tmp_path) == ["brief.md"]


@pytest.mark.parametrize("text,shown", [
    ('"\\e[2J\\e[31mkey"', "\\x1b[2J\\x1b[31mkey"),
    ('"\\u202eevil"', "\\u202eevil"),
])
def test_terminal_escapes_from_the_brief_never_reach_the_terminal(runner, tmp_path, text, shown):
    brief = tmp_path / "b.yaml"
    brief.write_text(BRIEF.read_text(encoding="utf-8") + f"\n{text}: 1\n", encoding="utf-8")
    output = clean(runner.invoke(cli, ["validate", str(brief)]))
    assert "\x1b" not in output and "\u202e" not in output
    assert shown in output


def test_escapes_in_a_file_name_are_shown_not_obeyed(runner, tmp_path):
    name = tmp_path / "\x1b[31mred.yaml"
    output = clean(runner.invoke(cli, ["validate", str(name)]))
    assert "\x1b" not in output and "\\x1b[31mred.yaml: no such file" in output


def test_a_template_printing_a_lone_surrogate(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.md").write_text('{{ "\\ud800" }}\n', encoding="utf-8")
    output = clean(runner.invoke(cli, ["render", str(BRIEF), "-f", "md", "-o", "-",
                                       "--templates", str(coach)]))
    assert "U+D800" in output and "brief.md" in output


def test_a_template_setting_its_text_at_zero_points(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}{% block style %}{{ super() }}'
        "html { font-size: 0 !important }{% endblock %}", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(BRIEF), "--templates", str(coach),
                                 "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output


def test_a_word_wider_than_its_column_is_never_drawn_past_the_page(runner, tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}{% block footer %}'
        '<p style="white-space: nowrap">' + "W" * 400 + "</p>{% endblock %}", encoding="utf-8")
    out = tmp_path / "b.pdf"
    output = clean(runner.invoke(cli, ["render", str(BRIEF), "--templates", str(coach), "-o", str(out)]))
    assert "wider than its column" in output and not out.exists()
