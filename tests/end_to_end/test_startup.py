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
