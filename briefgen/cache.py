"""Where briefgen keeps what it can rebuild: pre-parsed WeasyPrint declarations and compiled
packaged templates. Always safe to delete; a cache briefgen cannot write only costs speed."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$BRIEFGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``."""
    explicit = os.environ.get("BRIEFGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefgen"
