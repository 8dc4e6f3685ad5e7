"""Output paths and atomic writes: a failed or interrupted render never leaves a half file."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import RenderError

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md"}


def default_output(input_file: str, fmt: str, out_dir: Path | None = None) -> Path:
    """``output/<name>-brief.<ext>`` for ``samples/<name>.yaml`` (stdin: ``output/brief.<ext>``)."""
    stem = "brief" if input_file == "-" else Path(input_file).stem
    name = f"{stem}-brief{EXTENSIONS[fmt]}" if stem != "brief" else f"brief{EXTENSIONS[fmt]}"
    return (out_dir if out_dir is not None else Path("output")) / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    On any failure, including an interrupt, the previous ``path`` is left byte-for-byte as it
    was and the temporary file is removed. The new file gets the old file's permissions, or the
    usual ones for a new file (0666 less the umask), never the 0600 of a bare temporary file.
    """
    path = Path(path)
    if path.is_dir():
        raise RenderError(f"cannot write {path}: it is a directory; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_beside(path)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))  # keep an existing file's mode
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, exclusively created temporary file in ``path``'s folder (so the rename is atomic).

    ``os.open`` with mode 0o666 lets the umask decide the permissions, as for any new file.
    """
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                           0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))
