"""A brief file (or standard input) -> its text, refused early when it cannot be a brief.

Only a regular file is read. The file is opened without blocking and checked on the open
descriptor, so a FIFO, a device or a socket named as the brief is refused instead of hanging the
command, and nothing can be swapped in between the check and the read. Size and encoding are
checked before YAML sees a byte.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..errors import InputError, Problem, os_reason
from .source import Source
from .yaml_tree import load_text

MAX_BYTES = 256_000  # a brief is a few KB; a quarter megabyte is a mistake or an attack
STDIN = "<stdin>"

def read_source(file: str | Path) -> Source:
    """Read ``file`` (or ``-`` for standard input) into a :class:`Source`."""
    name = str(file)
    if name == "-":
        return load_bytes(_read_stdin(), STDIN, base_dir=Path.cwd())
    raw = _read_file(name)
    try:
        base_dir = Path(name).resolve().parent
    except (OSError, RuntimeError):  # resolved once already by open(); only a race gets here
        base_dir = Path(name).absolute().parent
    return load_bytes(raw, name, base_dir=base_dir)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None or stream.closed:  # `briefgen validate - <&-`
        raise InputError([Problem("standard input is closed; give a brief file, or pipe one in",
                                  file=STDIN)])
    try:
        return stream.buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError([Problem(f"cannot read standard input ({reason})", file=STDIN)]) from None


def _read_file(name: str) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError([Problem(os_reason(exc), file=name)]) from None
    except ValueError:  # an embedded NUL in the name
        raise InputError([Problem("the file name contains a NUL character", file=name)]) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError([Problem("this is a directory, not a YAML file", file=name)])
        raise InputError([Problem(
            "this is not a regular file (a pipe, device or socket); save the brief to a file, "
            "or pipe it into `-` (standard input)", file=name)])
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError([Problem(f"cannot read the file ({os_reason(exc)})",
                                      file=name)]) from None


def load_bytes(raw: bytes, file: str = "<input>", *, base_dir: Path | None = None) -> Source:
    """Check size and encoding, then parse: the text of a brief as a :class:`Source`."""
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(
            f"the file is larger than {MAX_BYTES // 1000} KB; a brief is a few KB of YAML",
            file=file)])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem("the file is UTF-16 text; save it as UTF-8", file=file)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            file=file, line=line, column=col)]) from None
    return load_text(text, file, base_dir=base_dir)
