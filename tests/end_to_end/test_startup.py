"""What each command imports: help and validation stay light, WeasyPrint only for a PDF.

(Import cost is measured by `make bench`; this only pins which heavy modules load.)
"""

from __future__ import annotations

import subprocess
import sys

from ..conftest import REFERENCE

PROBE = """
import sys
from briefgen.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="briefgen", standalone_mode=False)
except SystemExit:
    pass
print("\\nLOADED", " ".join(m for m in ("weasyprint", "pydantic", "jinja2") if m in sys.modules))
"""


def loaded(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            timeout=120)
    line = [x for x in result.stdout.splitlines() if x.startswith("LOADED")][-1]
    return set(line.split()[1:])


def test_help_loads_none_of_the_heavy_libraries():
    assert loaded("--help") == set()
    assert loaded("render", "--help") == set()


def test_validate_and_check_load_no_templates_and_no_pdf_engine():
    assert loaded("validate", str(REFERENCE)) == {"pydantic"}
    assert loaded("check", str(REFERENCE)) == {"pydantic"}


def test_markdown_never_loads_the_pdf_engine(tmp_path):
    assert loaded("render", str(REFERENCE), "-f", "md", "-o", str(tmp_path / "x.md")) == {
        "pydantic", "jinja2"}


def test_the_pdf_engine_alone_loads_no_templates():
    """What the early PDF child preloads while the parent validates the brief: WeasyPrint, not
    Jinja (the child lays out finished HTML, and every millisecond it spends importing is one the
    parent waits when it is ready first)."""
    probe = ("import sys\nfrom briefgen.renderer import default_renderer\n"
             "default_renderer().engine\n"
             "print('LOADED', ' '.join(m for m in ('weasyprint', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["weasyprint"]


def test_a_command_loads_only_its_own_module(tmp_path):
    """Commands are loaded lazily: a Markdown render imports the module of `render` and of no
    other command; the help still lists them all, and a mistyped name still gets a suggestion."""
    probe = PROBE.replace('print("\\nLOADED", " ".join(m for m in ("weasyprint", "pydantic", "jinja2") '
                          'if m in sys.modules))',
                          'print("\\nLOADED", " ".join(sorted(m for m in sys.modules '
                          'if m.startswith("briefgen.cli."))))')
    assert probe != PROBE
    result = subprocess.run([sys.executable, "-c", probe, "render", str(REFERENCE), "-f", "md", "-o",
                             str(tmp_path / "x.md")], capture_output=True, text=True, timeout=120)
    line = [x for x in result.stdout.splitlines() if x.startswith("LOADED")][-1]
    assert line.split()[1:] == ["briefgen.cli.app", "briefgen.cli.render"]
