"""The layout ARCHITECTURE.md promises, checked on the code: modules that read in one sitting,
and tests that reach a stage through its public names only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 330  # "about 300 lines": a module should read in one sitting


def test_every_module_reads_in_one_sitting():
    long = {str(p.relative_to(ROOT)): n for p in sorted((ROOT / "briefgen").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"over {MAX_MODULE_LINES} lines: {long}"


@pytest.mark.parametrize("path", sorted((ROOT / "tests").rglob("*.py")), ids=lambda p: p.name)
def test_no_test_imports_a_private_name(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [f"{node.module}.{alias.name}" for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module != "__future__"
               for alias in node.names
               if alias.name.startswith("_") and not alias.name.endswith("__")]  # __version__ is public
    assert not private, f"{path.name} imports private names: {private}"
