"""Output paths and atomic writes: a failed or interrupted render never leaves a half file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import RenderError

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md"}


def default_output(input_file: str, fmt: str, out_dir: Path | None = None) -> Path:
    """``output/<name>-brief.<ext>`` for ``samples/<name>.yaml`` (stdin: ``output/brief.<ext>``)."""
    stem = "brief" if input_file == "-" else Path(input_file).stem
    name = f"{stem}-brief{EXTENSIONS[fmt]}" if stem != "brief" else f"brief{EXTENSIONS[fmt]}"
    return (out_dir if out_dir is not None else Path("output")) / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise RenderError(f"cannot write {path}: {exc.strerror}") from None
        raise
