"""Output paths and atomic writes: a failed or interrupted render never leaves a half file, never
replaces an input, and never writes onto something that is not a regular file."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from types import FrameType

from .errors import RenderError, os_reason

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md"}


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl-C, so every ``finally`` (the temporary file
    of a write in progress included) runs before the process ends with ``128 + signal``."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def clean_up_on_termination() -> None:
    """Make SIGTERM and SIGHUP unwind the way Ctrl-C does (for the command line and workers)."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError, OSError):  # not the main thread: leave it
                signal.signal(getattr(signal, name), _terminate)


def default_output(input_file: str, fmt: str, out_dir: Path | None = None, *,
                   review: bool = False, candidate: str | None = None,
                   variant: str | None = None) -> Path:
    """``output/<name>-brief.<ext>`` for ``samples/<name>.yaml``; for standard input the name is
    the candidate's (``output/li-lei-brief.pdf``, ``output/李雷-brief.pdf``), or ``brief``. A
    variant's is ``<name>-<variant>-brief.<ext>`` (``output/brief-bedrock-brief.pdf``). The
    review copy is ``<name>-brief-review.<ext>``, so it never takes the panel's copy's name."""
    stem = Path(input_file).stem if input_file != "-" else name_slug(candidate or "")
    if variant:  # a slug already (input.models.Slug): safe in a file name
        stem = f"{stem}-{variant}"
    name = f"{stem}-brief" if stem != "brief" else "brief"
    name += ("-review" if review else "") + EXTENSIONS[fmt]
    return (out_dir if out_dir is not None else Path("output")) / name


MAX_SLUG = 60  # characters: 60 of a 4-byte script plus "-brief.html" stay under 255 bytes
_APOSTROPHES = "'\u2019\u02bc\u2018`"
_SEPARATORS = re.compile(r"-{2,}")


def name_slug(name: str, empty: str = "brief") -> str:
    """A person's name as a file name that reads as the name and is safe everywhere.

    Letters, digits and combining marks of every script are kept, lower-cased (``José Müller`` ->
    ``josé-müller``, ``李雷`` -> ``李雷``, ``प्रिया शर्मा`` keeps its vowel signs): transliterating
    would guess at a reading (李 is Li, Lee or Ri) and the file is for the person it names.
    Spaces, punctuation and symbols become single hyphens; apostrophes and invisible format
    characters (bidirectional controls, joiners) are dropped; nothing can make a path separator,
    a leading dot or a control character. A name with no letters at all gives ``empty``.
    """
    # (Turkish dotted capital I lower-cases to i plus a combining dot: plain i reads right.)
    text = unicodedata.normalize("NFKC", name).replace("\u0130", "i").lower()
    out: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _APOSTROPHES or category == "Cf":
            continue
        if category[0] in "LN" or (category[0] == "M" and out and out[-1] != "-"):
            out.append(ch)
        else:
            out.append("-")
    slug = _SEPARATORS.sub("-", "".join(out)).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut[MAX_SLUG // 2:] else cut).strip("-")
    return unicodedata.normalize("NFC", slug) or empty


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``path`` when it is an input (the brief, a template) or exists as
    something other than a regular file: a directory, a device, a pipe, a socket."""
    try:
        st = os.stat(path)  # through a symbolic link: what would really be replaced
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {os_reason(exc)}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise RenderError(f"cannot write {path}: it is a directory; give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise RenderError(f"cannot write {path}: it is not a regular file (a device, pipe or "
                              "socket); give a file name, or - for standard output")
    target = _resolved(path)
    for item in inputs:
        source = _resolved(Path(item))
        if target == source or (st is not None and _same_file(path, item)):
            raise RenderError(f"cannot write {path}: it is the input {item}; choose another "
                              "output file")
        if source.is_dir() and target.is_relative_to(source):
            raise RenderError(f"cannot write {path}: it is inside the template folder {item}")


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    On any failure, including an interrupt or SIGTERM, the previous ``path`` is left
    byte-for-byte as it was and the temporary file is removed. The new file gets the old file's
    permissions, or the usual ones for a new file (0666 less the umask), never the 0600 of a bare
    temporary file. ``inputs`` are files and folders the output must not replace or land in.
    """
    path = Path(path)
    check_target(path, inputs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_beside(path)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {os_reason(exc)}") from None
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
            raise RenderError(f"cannot write {path}: {os_reason(exc)}") from None
        raise


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, exclusively created temporary file in ``path``'s folder (so the rename is atomic).

    ``os.open`` with mode 0o666 lets the umask decide the permissions, as for any new file. The
    name is short, so a target name at the system's limit still gets a temporary file.
    """
    for _ in range(100):
        tmp = str(path.parent / f".{os.urandom(4).hex()}.briefgen.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                           0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
