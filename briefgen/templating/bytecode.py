"""The packaged templates, compiled once per version instead of once per process.

Compiling ``brief.md`` or ``brief.html`` costs a cold render 10-40 ms: more than the render itself.
Jinja can store the compiled code (the sandbox's rewrites included) and load it back. Only the
packaged templates go through this cache: a coach's change often, and they are compiled in the
bounded child anyway. The folder's name carries a hash of everything the compiled code depends
on (Jinja, Python, briefgen's sandbox and escaping), and Jinja checks each entry against its
template's source, so a stale entry is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from pathlib import Path

from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, BytecodeCache

from ..cache import cache_dir

_DEPENDS_ON = ("sandbox.py", "escaping.py", "environment.py")


class PackagedTemplates(BytecodeCache):
    """A bytecode cache in the user's cache folder; any failure to read or write is ignored."""

    def __init__(self) -> None:
        here = Path(__file__).resolve().parent
        digest = hashlib.sha256(f"{jinja_version}\0{sys.version}".encode())
        for name in _DEPENDS_ON:
            with contextlib.suppress(OSError):
                digest.update((here / name).read_bytes())
        self.folder = cache_dir() / f"templates-{digest.hexdigest()[:16]}"

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError), open(self.folder / bucket.key, "rb") as handle:
            bucket.load_bytecode(handle)

    def dump_bytecode(self, bucket: Bucket) -> None:
        import io

        from ..output import write_atomic  # renamed into place: a concurrent reader never sees half

        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        with contextlib.suppress(Exception):  # noqa: BLE001 - an unwritable cache only costs speed
            write_atomic(self.folder / bucket.key, buffer.getvalue())
