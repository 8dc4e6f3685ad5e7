"""The parent's side: start a child, hand it one job, read its bounded answer, reap it.

A child that dies without answering is reaped and its end read for the reason: the CPU limit's
SIGKILL, or an allocation the address-space limit refused inside C code.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from typing import TYPE_CHECKING, Any

from ..errors import BriefgenError, FitError, OverflowReport, RenderError, TemplateError
from .child import child_main
from .limits import Limits, limit_message, resource_module
from .protocol import Gone, Timeout, TooLarge, read_answer, send_job

if TYPE_CHECKING:
    from ..pdf.spec import PdfJob, PdfResult
    from ..renderer import RenderJob


def available() -> bool:
    """Whether a bounded child can be had here (POSIX fork and resource limits)."""
    return hasattr(os, "fork") and resource_module() is not None


_early: Child | None = None  # forked by briefgen.launch before the CLI loaded, not yet taken


def start() -> Child | None:
    """Fork the child now, before the pipeline's imports (the CLI's fast path for a PDF), or
    ``None`` where rendering without it is the better choice: not Linux, other threads running,
    WeasyPrint already imported (nothing to overlap), or ``BRIEFGEN_PDF_WORKER=0``. A child the
    entry point forked earlier (:func:`start_early`) is handed over instead."""
    global _early
    if _early is not None:
        child, _early = _early, None
        if child.fresh:
            return child
        child.close()  # used already: stop it rather than leave it to the end of the process
    if (not sys.platform.startswith("linux") or "weasyprint" in sys.modules
            or threading.active_count() > 1 or os.environ.get("BRIEFGEN_PDF_WORKER") == "0"):
        return None
    return Child.fork(preload=True)


def start_early() -> None:
    """Fork the child for :func:`start` to hand over, at once (``briefgen.launch``); stopped at
    exit if nothing takes it."""
    global _early
    if _early is None:
        _early = start()
        if _early is not None:
            atexit.register(_stop_early)


def _stop_early() -> None:
    global _early
    if _early is not None:
        child, _early = _early, None
        child.close()


def render_bounded(job: RenderJob, limits: Limits | None = None,
                   child: Child | None = None) -> bytes | PdfResult:
    """``job`` rendered in a child under ``limits``: bytes, or a PdfResult for a PDF."""
    if not available():
        raise TemplateError("a coach's templates run in a process bounded by the operating "
                            "system, which needs Linux or macOS; use a packaged theme here")
    if child is None or not child.fresh:
        child = Child.fork(preload=False)
    if child is None:
        raise RenderError("cannot start a process for the render (the system refused a fork)")
    return child.render(job, limits or Limits.from_environment())


class Child:
    """The parent's handle on one child: one job, then it is reaped."""

    def __init__(self, pid: int, sock: socket.socket, scratch: str | None = None) -> None:
        self.pid = pid
        self._sock: socket.socket | None = sock
        self._scratch = scratch
        self.fresh = True

    @classmethod
    def fork(cls, *, preload: bool) -> Child | None:
        # The child's temporary files (WeasyPrint copies every font it registers into a folder of
        # its own, about 6 MB) go in a folder the parent removes once the child is reaped: the
        # child ends with os._exit, or is killed at a limit, and never cleans up after itself.
        scratch = tempfile.mkdtemp(prefix="briefgen-render-")
        parent_end, child_end = socket.socketpair()
        try:
            pid = os.fork()
        except OSError:
            parent_end.close()
            child_end.close()
            shutil.rmtree(scratch, ignore_errors=True)
            return None
        if pid == 0:  # the child never returns into the caller's stack
            parent_end.close()
            tempfile.tempdir = scratch
            child_main(child_end, preload)
        child_end.close()
        return cls(pid, parent_end, scratch)

    def layout(self, html: str, job: PdfJob) -> PdfResult:
        """A packaged theme's HTML laid out in the child (no limits: the markup is ours), or in
        this process if the child is gone."""
        try:
            return self._ask(("layout", html, job), limit=1 << 40, deadline=None)
        except Gone:
            self._reap(kill=False)
            from ..renderer import default_renderer

            return default_renderer().engine.write_pdf(html, job)

    def render(self, job: RenderJob, limits: Limits) -> bytes | PdfResult:
        """A coach's render in the child under ``limits``; past one, a TemplateError naming the
        template, and the child killed."""
        try:
            return self._ask(("render", job, limits), limit=limits.output_bytes,
                             deadline=time.monotonic() + limits.wall(job.fmt))
        except Timeout:
            raise TemplateError(limit_message("wall", limits, job.fmt), job.template) from None
        except TooLarge:
            raise TemplateError(limit_message("output", limits, job.fmt), job.template) from None
        except Gone:
            raise self._death(limits, job) from None

    def close(self) -> None:
        """Stop the child (a no-op once it has answered) and reap it."""
        self._reap(kill=True)

    def _ask(self, message: tuple[Any, ...], *, limit: int, deadline: float | None) -> Any:
        """Send one job and read the answer. A child that died without answering raises
        :class:`Gone` and is left for the caller to reap; on any other way out it is killed."""
        sock = self._sock
        if sock is None or not self.fresh:
            raise RuntimeError("a render child serves one job")
        self.fresh = False
        try:
            send_job(sock, message)
            header, payload = read_answer(sock, limit, deadline)
        except (Gone, ConnectionError):
            raise Gone from None
        except ValueError:
            self.close()
            raise RenderError("the render process answered with something that is not an "
                              "answer") from None
        except BaseException:
            self.close()
            raise
        self.close()
        return _answer(header, payload)

    def _death(self, limits: Limits, job: RenderJob) -> BriefgenError:
        """Why a child died without answering, from how it ended."""
        status, usage = self._reap(kill=False)
        cpu = usage.ru_utime + usage.ru_stime if usage is not None else 0.0
        signum = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
        if signum in (signal.SIGKILL, getattr(signal, "SIGXCPU", None)) and cpu >= limits.cpu_seconds - 1:
            return TemplateError(limit_message("cpu", limits, job.fmt), job.template)
        if signum in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGTRAP):
            # The out-of-memory killer, or a C library aborting on a refused allocation (GLib traps).
            return TemplateError(limit_message("memory", limits, job.fmt), job.template)
        return RenderError(f"the render process stopped unexpectedly (status {status})")

    def _reap(self, *, kill: bool) -> tuple[int | None, Any]:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self.pid <= 0:
            return None, None
        pid, self.pid = self.pid, 0
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # it may still be importing WeasyPrint
        try:
            _, status, usage = os.wait4(pid, 0)
        except ChildProcessError:
            return None, None
        finally:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None
        return status, usage


def _answer(header: dict[str, Any], payload: bytes) -> Any:
    """The child's answer as the result, or the exception it stands for."""
    kind = header.get("kind")
    if kind == "done":
        info = header.get("pdf")
        if info is None:
            return payload
        from ..pdf.spec import PdfResult, Undrawn

        undrawn = [Undrawn(str(u["char"]), str(u["kind"]), str(u["reason"]), str(u["text"]),
                           int(u["count"])) for u in info.get("undrawn", [])]
        return PdfResult(data=payload, fit=float(info["fit"]), pages=int(info["pages"]),
                         layouts=int(info["layouts"]), refused=[str(u) for u in info.get("refused", [])],
                         undrawn=undrawn, spread=float(info.get("spread", 0.0)),
                         left_out=[str(label) for label in info.get("left_out", [])])
    if kind == "fit":
        report = dict(header["report"])
        report["longest"] = [(str(name), float(size)) for name, size in report.get("longest", [])]
        raise FitError(OverflowReport(**report))
    if kind == "template":
        line = header.get("line")
        location = (header.get("file"), int(line) if isinstance(line, int) else None)
        if header.get("findings"):
            from ..errors import Location
            from ..templating.html_policy import Finding, HTMLPolicyError

            error = HTMLPolicyError([Finding(**{k: str(v) for k, v in f.items()})
                                     for f in header["findings"]])
            error.location = Location(*location) if location[0] else error.location
            raise error
        raise TemplateError(str(header["message"]), *location)
    if kind == "render":
        raise RenderError(str(header["message"]))
    raise RuntimeError(f"the render process failed:\n{header.get('traceback', header)}")
