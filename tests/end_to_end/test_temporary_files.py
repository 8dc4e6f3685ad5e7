"""Nothing is left in the temporary folder: not by the bounded child (which ends with os._exit or
is killed at a limit), not by a batch's pool workers (which exit without running atexit), not by
an in-process render. WeasyPrint copies every font it registers into a folder of its own (about
6 MB), so a leak here fills /tmp by a few MB per render."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REFERENCE

SAMPLES = Path(__file__).parent.parent.parent / "samples"
BRIEFGEN = Path(sys.executable).with_name("briefgen")


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return subprocess.run([str(BRIEFGEN), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TMPDIR": str(scratch), **env})


def coach(tmp_path: Path, body: str = "") -> Path:
    folder = tmp_path / "coach"
    folder.mkdir(exist_ok=True)
    (folder / "brief.html").write_text('{% extends "classic/brief.html" %}' + body, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", ["packaged", "packaged-in-process", "coach", "coach-html",
                                  "coach-over-a-limit", "batch"])
def test_a_render_leaves_the_temporary_folder_as_it_found_it(tmp_path, case):
    out = tmp_path / "out"
    out.mkdir()
    env = {"BRIEFGEN_PDF_WORKER": "0"} if case == "packaged-in-process" else {}
    table = ("{% block footer %}<table>{% for i in range(99999) %}<tr><td>{{ i }}</td></tr>"
             "{% endfor %}</table>{% endblock %}")
    if case.startswith("packaged"):
        args = ["render", str(REFERENCE), "-o", str(out / "b.pdf")]
    elif case == "coach":
        args = ["render", str(REFERENCE), "--templates", str(coach(tmp_path)), "-o", str(out / "b.pdf")]
    elif case == "coach-html":
        args = ["render", str(REFERENCE), "--templates", str(coach(tmp_path)), "-f", "html",
                "-o", str(out / "b.html")]
    elif case == "coach-over-a-limit":  # killed by the wall clock in the middle of a huge table
        args = ["render", str(REFERENCE), "--templates", str(coach(tmp_path, table)),
                "-o", str(out / "b.pdf")]
    else:
        args = ["render", str(SAMPLES), "-o", str(out), "--jobs", "2"]
    if case == "coach-over-a-limit":
        env["BRIEFGEN_LIMIT_WALL_S"] = "3"
    result = run(tmp_path, *args, **env)
    assert result.returncode == (1 if case == "coach-over-a-limit" else 0), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(tmp_path / "tmp")) == []


def test_a_forked_render_leaves_the_parents_fonts_alone(tmp_path):
    """A bounded child inherits this process's font configurations; it must neither remove their
    folder nor write faces into it (WeasyPrint would then skip registering them here), so a
    render here after a coach's render in a child still draws every script."""
    from briefgen.pipeline import prepare, render_pdf

    from ..pdf_glyphs import drawn_glyphs

    international = Path(__file__).parent.parent / "fixtures" / "international.yaml"
    render_pdf(prepare(REFERENCE))  # fonts registered in this process first
    render_pdf(prepare(international, templates=coach(tmp_path)))  # in a forked child
    again = render_pdf(prepare(international))
    assert not any(g.notdef for g in drawn_glyphs(again.data))
