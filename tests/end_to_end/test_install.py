"""The installed wheel works from any directory: templates and samples travel inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ..conftest import REFERENCE, ROOT, pdf_pages


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the briefgen wheel (dependencies borrowed, offline)."""
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("briefgen-*.whl"))
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                              str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    # Dependencies come from the test environment (a .pth line), so no network is needed.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_briefgen_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_installed_entry_point_renders_from_another_directory(installed, tmp_path):
    shutil.copy(REFERENCE, tmp_path / "brief.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exe = installed / "bin" / "briefgen"
    result = subprocess.run([str(exe), "render", str(tmp_path / "brief.yaml"), "-o", "out.pdf"],
                            cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages((elsewhere / "out.pdf").read_bytes())
    assert len(pages) == 1 and "Priya Raman" in pages[0]
    # The wheel's own copy of the templates was used, not this checkout's.
    probe = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "from briefgen.themes import templates_root; print(templates_root())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True)
    assert "_templates" in probe.stdout and str(ROOT) not in probe.stdout


def test_python_dash_m_and_version(installed):
    result = subprocess.run([str(installed / "bin" / "python"), "-m", "briefgen", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "briefgen" in result.stdout


def test_bad_input_exit_code_through_the_real_entry_point(installed, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("candidate: [unclosed\n")
    result = subprocess.run([str(installed / "bin" / "briefgen"), "validate", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "bad.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_the_wheel_carries_the_dense_check_briefs(installed, tmp_path):
    probe = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "from briefgen.templating.check import dense_briefs; "
                            "print(sorted((t, p.name, p.parent.parent.name)"
                            " for t, p in dense_briefs().items()))"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == ("[('classic', 'dense-three-projects.yaml', '_samples'), "
                                    "('compact', 'dense-four-projects.yaml', '_samples')]")
