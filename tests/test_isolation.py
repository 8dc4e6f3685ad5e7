"""A coach's templates render in a child the operating system bounds: past a limit the user gets
one line naming the template, nothing is written, and nothing is left running.

The limits are lowered through the environment (they may be lowered, never raised) so that each
attack stops in a second or two; the same mechanism holds them at their defaults.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from briefgen import isolation
from briefgen.cli import cli
from briefgen.errors import TemplateError, describe
from briefgen.isolation import Limits
from briefgen.pipeline import prepare, render_bytes
from briefgen.renderer import Renderer

from .conftest import SAMPLES

BRIEF = SAMPLES / "one-project.yaml"

pytestmark = pytest.mark.skipif(not isolation.available(), reason="needs POSIX fork and rlimits")


def coach(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "coach"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def rendered(folder: Path, fmt: str) -> TemplateError:
    start = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        render_bytes(prepare(BRIEF, templates=folder), fmt)
    assert time.monotonic() - start < 30
    return raised.value


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


# --- real templates, each past one limit --------------------------------------------------------

def test_memory_a_template_builds_past_its_budget_is_stopped(tmp_path, monkeypatch):
    # 3,000 strings of 99,999 characters: each is within the sandbox's size limits, and the list
    # would be refused only once whole (300 MB later). The address-space limit stops it first.
    monkeypatch.setenv("BRIEFGEN_LIMIT_MEMORY_MB", "24")
    folder = coach(tmp_path, "brief.md",
                   "{% set l = range(3000)|map('string')|map('center', 99999)|list %}{{ l|length }}\n")
    error = rendered(folder, "md")
    assert error.message.startswith("the template used more than 24 MB of memory")
    assert error.template and Path(error.template).name == "brief.md"
    assert no_children_left()


def test_cpu_a_long_computation_is_stopped_by_the_cpu_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CPU_S", "1")
    folder = coach(tmp_path, "brief.md",
                   "{% for i in range(100000) %}{% for j in range(9) %}"
                   "{{ (i ~ j)|replace('1', '22')|length }}{% endfor %}{% endfor %}\n")
    error = rendered(folder, "md")
    assert "ran for more than 1 s of CPU time" in error.message
    assert error.line == 1  # the child said where it was when the limit fired


def test_layout_a_40000_row_table_is_stopped_while_laying_out(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CPU_S", "2")
    folder = coach(tmp_path, "brief.html",
                   '{% extends "classic/brief.html" %}{% block footer %}<table>'
                   "{% for i in range(40000) %}<tr><td>row {{ i }}</td><td>cell</td></tr>{% endfor %}"
                   "</table>{% endblock %}")
    error = rendered(folder, "pdf")
    # Whichever limit the layout reaches first on this machine: CPU, memory or the wall clock.
    assert any(limit in error.message for limit in ("CPU time", "took longer", "MB of memory"))


def test_layout_an_svg_of_nested_use_is_stopped_even_though_weasyprint_swallows_the_signal(
        tmp_path, monkeypatch):
    """WeasyPrint draws an SVG inside ``except BaseException``: the limit's exception is eaten,
    yet the render is still refused, not written without the image."""
    monkeypatch.setenv("BRIEFGEN_LIMIT_CPU_S", "2")
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'width="10" height="10"><defs><rect id="a0" width="1" height="1"/>')
    for i in range(1, 12):
        svg += f'<g id="a{i}">' + f'<use xlink:href="#a{i - 1}"/>' * 10 + "</g>"
    svg += '</defs><use xlink:href="#a11"/></svg>'
    folder = coach(tmp_path, "brief.html",
                   '{% extends "classic/brief.html" %}{% block footer %}' + svg + "{% endblock %}")
    error = rendered(folder, "pdf")
    assert "CPU time" in error.message or "took longer" in error.message


def test_a_decompression_bomb_image_is_refused_by_its_header(tmp_path):
    from PIL import Image

    folder = tmp_path / "coach"
    folder.mkdir()
    Image.new("1", (30000, 30000)).save(folder / "logo.png", optimize=True)  # 100 KB, 900 Mpixel
    assert (folder / "logo.png").stat().st_size < 200_000
    (folder / "brief.html").write_text(
        '{% extends "classic/brief.html" %}{% block footer %}'
        f'<img src="{(folder / "logo.png").as_uri()}" alt="logo">{{% endblock %}}', encoding="utf-8")
    error = rendered(folder, "pdf")
    assert "more than the 25,000,000 pixels an image may have" in error.message


def test_a_huge_data_uri_is_refused(tmp_path):
    # The sandbox keeps a template's own output far below this; a style sheet it links can hold one.
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "big.css").write_text(
        '.masthead { background: url("data:image/png;base64,' + "A" * 2_100_000 + '") }')
    (folder / "brief.html").write_text(
        '{% extends "classic/brief.html" %}{% block head %}'
        f'<link rel="stylesheet" href="{(folder / "big.css").as_uri()}">{{% endblock %}}',
        encoding="utf-8")
    error = rendered(folder, "pdf")
    assert "data: URI longer than 2,000,000 characters" in error.message


def test_through_the_cli_one_line_exit_1_nothing_written(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_MEMORY_MB", "24")
    folder = coach(tmp_path, "brief.md",
                   "{% set l = range(3000)|map('string')|map('center', 99999)|list %}{{ l|length }}\n")
    out = tmp_path / "notes.md"
    out.write_text("previous notes", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(BRIEF), "-f", "md", "-o", str(out),
                                 "--templates", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "coach/brief.md:1: the template used more than 24 MB" in lines[0]
    assert out.read_text(encoding="utf-8") == "previous notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach", "notes.md"]


# --- the mechanism, when the work never returns to a check ---------------------------------------

def stuck_in_c(self: Renderer, job: object) -> bytes:
    """What one C-level operation looks like from the child: no Python-level signal handler runs
    (here because the signals are blocked), so only the kernel or the parent can end it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGXCPU})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pass
    return b"never"


def test_work_that_ignores_signals_is_killed_by_the_kernels_cpu_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(Renderer, "render", stuck_in_c)  # inherited by the forked child
    monkeypatch.setenv("BRIEFGEN_LIMIT_CPU_S", "1")
    start = time.monotonic()
    error = rendered(coach(tmp_path, "brief.md", "{{ candidate.name }}\n"), "md")
    assert "ran for more than 1 s of CPU time" in error.message
    assert time.monotonic() - start < 20
    assert no_children_left()


def test_work_that_ignores_signals_is_killed_at_the_wall_clock(tmp_path, monkeypatch):
    def sleeping(self: Renderer, job: object) -> bytes:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGXCPU})
        time.sleep(60)
        return b"never"

    monkeypatch.setattr(Renderer, "render", sleeping)
    monkeypatch.setenv("BRIEFGEN_LIMIT_WALL_S", "2")
    start = time.monotonic()
    error = rendered(coach(tmp_path, "brief.md", "{{ candidate.name }}\n"), "md")
    assert error.message == "the template took longer than 2 s, so it was stopped"
    assert time.monotonic() - start < 6
    assert no_children_left()


def test_an_answer_past_the_output_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(Renderer, "render", lambda self, job: b"x" * 30_000_000)
    error = rendered(coach(tmp_path, "brief.md", "{{ candidate.name }}\n"), "md")
    assert "larger than 20 MB" in error.message


def test_a_child_that_answers_garbage_is_a_render_error_not_a_crash(tmp_path, monkeypatch):
    from briefgen.errors import RenderError
    from briefgen.isolation import protocol

    def garbage(sock, header, payload):
        sock.sendall(protocol.LENGTH.pack(3) + b"[1]" + protocol.LENGTH.pack(0))

    monkeypatch.setattr("briefgen.isolation.child.send_answer", garbage)
    with pytest.raises(RenderError, match="not an answer"):
        render_bytes(prepare(BRIEF, templates=coach(tmp_path, "brief.md", "x\n")), "md")


def test_the_limits_can_be_lowered_never_raised(monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_MEMORY_MB", "100000")
    monkeypatch.setenv("BRIEFGEN_LIMIT_CPU_S", "2")
    monkeypatch.setenv("BRIEFGEN_LIMIT_WALL_S", "not a number")
    limits = Limits.from_environment()
    assert limits.memory_mb == Limits().memory_mb
    assert limits.cpu_seconds == 2
    assert limits.wall("pdf") == Limits().pdf_wall_seconds


def test_the_message_names_the_template_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_WALL_S", "2")
    monkeypatch.setattr(Renderer, "render", lambda self, job: time.sleep(60) or b"")
    folder = coach(tmp_path, "brief.md", "x\n")
    error = rendered(folder, "md")
    assert describe(error).startswith(f"Error: {error.template}: the template took longer than 2 s")
