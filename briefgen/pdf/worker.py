"""The PDF engine warming up in a child process while the brief is still being read.

A cold ``briefgen render brief.yaml`` spends about 0.25 s importing WeasyPrint and building its
font configuration, and about as long importing the validation and template libraries, reading
the brief and printing its HTML. Both are CPU-bound Python that threads cannot overlap, but two
processes can: :func:`start` forks a child at the start of the command that imports WeasyPrint
while the parent validates. The parent then hands it the layout job; the child runs the same
:func:`briefgen.pdf.write_pdf` it would have run in-process, asks the parent for the HTML of each
scale the one-page fit tries (the templates stay in the parent, which already has them compiled),
and sends back the PDF or the error. What is rendered does not change, only where.

Where forking is unavailable or unwise (not Linux, other threads running, WeasyPrint already
imported so there is nothing to gain) :func:`start` returns ``None`` and the caller renders
in-process. If the child dies without an answer, :meth:`PdfWorker.write_pdf` renders in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import struct
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import FitError, RenderError

if TYPE_CHECKING:
    from .engine import PdfResult

_HEADER = struct.Struct("!Q")


class _ChildGone(Exception):
    """The other end closed the connection (the child died, or the parent gave up)."""


class _Abort(Exception):
    """Raised inside the child when the parent could not produce the HTML it asked for."""


def _send(sock: socket.socket, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _receive(sock: socket.socket) -> Any:
    (size,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size))
    return pickle.loads(_read_exactly(sock, size))  # noqa: S301 - our own child, over socketpair


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise _ChildGone
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def start() -> PdfWorker | None:
    """Fork the engine process now, or ``None`` where rendering in-process is the better choice."""
    if (not sys.platform.startswith("linux") or "weasyprint" in sys.modules
            or threading.active_count() > 1 or os.environ.get("BRIEFGEN_PDF_WORKER") == "0"):
        return None
    parent_end, child_end = socket.socketpair()
    try:
        pid = os.fork()
    except OSError:
        parent_end.close()
        child_end.close()
        return None
    if pid == 0:  # the child never returns into the caller's stack
        parent_end.close()
        _child_main(child_end)
    child_end.close()
    return PdfWorker(pid, parent_end)


class PdfWorker:
    """The parent's handle on the engine process: one :meth:`write_pdf`, then :meth:`close`."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid = pid
        self._sock: socket.socket | None = sock

    def write_pdf(self, render_html: Callable[[float], str], **job: Any) -> PdfResult:
        """:func:`briefgen.pdf.write_pdf` with the same arguments, laid out in the engine process."""
        sock = self._sock
        if sock is None:
            raise RuntimeError("the PDF worker has been used already")
        try:
            # The full-size HTML goes with the job: every fit starts there.
            _send(sock, ("job", job, render_html(1.0)))
            while True:
                kind, *payload = _receive(sock)
                if kind == "html":
                    try:
                        html = render_html(payload[0])
                    except BaseException:
                        _send(sock, ("abort",))
                        raise
                    _send(sock, ("html", html))
                elif kind == "done":
                    return payload[0]
                elif kind == "fit":
                    raise FitError(payload[0])
                elif kind == "render":
                    raise RenderError(payload[0])
                else:  # "bug": a failure that would have been a traceback in-process
                    raise RuntimeError(f"the PDF engine process failed:\n{payload[0]}")
        except (_ChildGone, OSError):
            # No answer from the engine process: do the work here rather than fail the render.
            from .engine import write_pdf

            return write_pdf(render_html, **job)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the engine process (a no-op once it has answered) and reap it."""
        if self._sock is None:
            return
        self._sock.close()
        self._sock = None
        # It may still be importing WeasyPrint, which it cannot be interrupted politely.
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _child_main(sock: socket.socket) -> None:
    """The engine process: import WeasyPrint, wait for a job, lay it out, answer, exit."""
    code = 0
    try:
        from . import engine as pdf

        pdf.preload()
        message = _receive(sock)
        _, job, first_html = message
        pages = {1.0: first_html}

        def render_html(fit: float) -> str:
            if fit not in pages:
                _send(sock, ("html", fit))
                kind, *payload = _receive(sock)
                if kind != "html":
                    raise _Abort
                pages[fit] = payload[0]
            return pages[fit]

        try:
            result = pdf.write_pdf(render_html, **job)
        except FitError as exc:
            _send(sock, ("fit", exc.report))
        except RenderError as exc:
            _send(sock, ("render", str(exc)))
        else:
            _send(sock, ("done", result))
    except (_ChildGone, _Abort, KeyboardInterrupt, BrokenPipeError):
        pass  # the parent gave up, or Ctrl-C reached both processes: nothing to answer
    except BaseException:  # noqa: BLE001 - reported to the parent, which shows it as a bug
        code = 1
        with contextlib.suppress(OSError):
            _send(sock, ("bug", traceback.format_exc()))
    finally:
        # Never unwind into the parent's copy of the stack, flush its buffers or run its atexit.
        os._exit(code)
