"""Render work in a child process: bounded by the operating system when the templates are a
coach's, and started early to overlap the PDF engine's import when they are ours.

A coach's template folder is untrusted. The sandbox bounds what a template does inside Jinja, but
one C-level operation (comparing two enormous lists, laying out a 40,000-row table, decoding a
huge image) never returns to its checks. So whenever a coach's folder takes part, the whole
render (templates, and for a PDF the layout) runs in a forked child that limits itself before it
starts: address space (:attr:`Limits.memory_mb` over what it already uses), CPU seconds, a wall
clock (the parent kills it), and the size of its answer. Past a limit the user gets one line
naming the template, and nothing is written.

The child answers with a small JSON header and the document's bytes, never with a pickle: a
process that ran a hostile template is not trusted to hand the parent objects to rebuild.

The same child also serves the packaged themes' PDFs for speed: :func:`start` forks it at the
start of ``briefgen render``, it imports WeasyPrint while the parent validates the brief, then
lays out the HTML the parent sends (:meth:`Child.layout`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import pickle
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import BriefgenError, FitError, OverflowReport, RenderError, TemplateError

if TYPE_CHECKING:
    from .pdf.spec import PdfJob, PdfResult
    from .renderer import RenderJob

_LENGTH = struct.Struct("!Q")
_MAX_HEADER = 1_000_000
_ANSWER_ROOM = 32 * 1024 * 1024  # address space kept back so a child out of memory can still answer


@dataclass(frozen=True)
class Limits:
    """What one render of a coach's templates may use. ``BRIEFGEN_LIMIT_MEMORY_MB``,
    ``BRIEFGEN_LIMIT_CPU_S`` and ``BRIEFGEN_LIMIT_WALL_S`` may lower them, never raise them."""

    memory_mb: int = 256  # address space over what the process already holds
    cpu_seconds: int = 10  # a brief takes well under one
    wall_seconds: float = 20.0  # Markdown and HTML
    pdf_wall_seconds: float = 45.0  # a PDF's layouts included
    output_bytes: int = 20_000_000  # the finished document

    def wall(self, fmt: str) -> float:
        return self.pdf_wall_seconds if fmt == "pdf" else self.wall_seconds

    @classmethod
    def from_environment(cls) -> Limits:
        limits = cls()

        def tightened(name: str, value: float) -> float:
            try:
                given = float(os.environ.get(name, ""))
            except ValueError:
                return value
            return min(value, given) if given > 0 else value

        wall = tightened("BRIEFGEN_LIMIT_WALL_S", limits.pdf_wall_seconds)
        return dataclasses.replace(
            limits, memory_mb=int(tightened("BRIEFGEN_LIMIT_MEMORY_MB", limits.memory_mb)),
            cpu_seconds=max(1, int(tightened("BRIEFGEN_LIMIT_CPU_S", limits.cpu_seconds))),
            wall_seconds=min(limits.wall_seconds, wall), pdf_wall_seconds=wall)


class ResourceLimit(Exception):
    """Raised in the child when a limit's signal arrives; templates report it as theirs."""

    is_resource_limit = True


class _Gone(Exception):
    """The other end closed the connection."""


def available() -> bool:
    """Whether a bounded child can be had here (POSIX fork and resource limits)."""
    return hasattr(os, "fork") and sys.platform != "emscripten" and _resource() is not None


def start() -> Child | None:
    """Fork the child now, before the pipeline's imports (the CLI's fast path for a PDF), or
    ``None`` where rendering without it is the better choice: not Linux, other threads running,
    WeasyPrint already imported (nothing to overlap), or ``BRIEFGEN_PDF_WORKER=0``."""
    if (not sys.platform.startswith("linux") or "weasyprint" in sys.modules
            or threading.active_count() > 1 or os.environ.get("BRIEFGEN_PDF_WORKER") == "0"):
        return None
    return Child.fork(preload=True)


def render_bounded(job: RenderJob, limits: Limits | None = None,
                   child: Child | None = None) -> bytes | PdfResult:
    """``job`` rendered in a child under ``limits``: bytes, or a PdfResult for a PDF."""
    if not available():
        raise TemplateError("a coach's templates run in a process bounded by the operating "
                            "system, which needs Linux or macOS; use a packaged theme here")
    child = child if child is not None and child.fresh else Child.fork(preload=False)
    if child is None:
        raise RenderError("cannot start a process for the render (the system refused a fork)")
    return child.render(job, limits or Limits.from_environment())


class Child:
    """The parent's handle on one child: one job, then :meth:`close`."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid = pid
        self._sock: socket.socket | None = sock
        self.fresh = True

    @classmethod
    def fork(cls, *, preload: bool) -> Child | None:
        parent_end, child_end = socket.socketpair()
        try:
            pid = os.fork()
        except OSError:
            parent_end.close()
            child_end.close()
            return None
        if pid == 0:  # the child never returns into the caller's stack
            parent_end.close()
            _child_main(child_end, preload)
        child_end.close()
        return cls(pid, parent_end)

    def layout(self, html: str, job: PdfJob) -> PdfResult:
        """A packaged theme's HTML laid out here (no limits: the markup is ours); if the child is
        gone, in this process instead."""
        try:
            return self._ask(("layout", html, job), deadline=None, limit=1 << 31,
                             template=job.template, fmt="pdf")
        except _Gone:
            self._reap(wait=True)
            from .renderer import default_renderer

            return default_renderer().engine.write_pdf(html, job)

    def render(self, job: RenderJob, limits: Limits) -> bytes | PdfResult:
        deadline = time.monotonic() + limits.wall(job.fmt)
        try:
            return self._ask(("render", job, limits), deadline=deadline, limit=limits.output_bytes,
                             template=job.template, fmt=job.fmt, limits=limits)
        except _Gone:
            raise self._death(limits, job.template) from None
        except json.JSONDecodeError:
            raise RenderError("the render process answered with garbage") from None

    def _ask(self, message: tuple[Any, ...], *, deadline: float | None, limit: int,
             template: str | None, fmt: str, limits: Limits | None = None) -> Any:
        """Send one job and read the answer. Raises :class:`_Gone` when the child died without
        answering (the caller reaps it to learn why); past the deadline or the size limit the
        child is killed and the error says which limit."""
        sock = self._sock
        if sock is None or not self.fresh:
            raise RuntimeError("a render child serves one job")
        self.fresh = False
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            sock.sendall(_LENGTH.pack(len(data)) + data)
            head = _read(sock, _MAX_HEADER, deadline, template, limits)
            header = json.loads(head)
            payload = _read(sock, limit, deadline, template, limits) if header.get("data") else b""
        except (_Gone, ConnectionError):
            raise _Gone from None
        except BaseException:
            self.close()
            raise
        self.close()
        return _answer(header, payload, fmt)

    def _death(self, limits: Limits, template: str) -> BriefgenError:
        """Why a child died without answering, from how it ended."""
        status, usage = self._reap(wait=True)
        cpu = usage.ru_utime + usage.ru_stime if usage is not None else 0.0
        signum = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
        if signum in (signal.SIGKILL, getattr(signal, "SIGXCPU", None)) and cpu >= limits.cpu_seconds - 1:
            return TemplateError(_message("cpu", limits), template)
        if signum in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            return TemplateError(_message("memory", limits), template)
        return RenderError(f"the render process stopped unexpectedly (status {status})")

    def close(self) -> None:
        """Stop the child (a no-op once it has answered) and reap it."""
        self._reap(wait=False)

    def _reap(self, *, wait: bool) -> tuple[int | None, Any]:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self.pid <= 0:
            return None, None
        pid, self.pid = self.pid, 0
        with contextlib.suppress(ProcessLookupError):
            if not wait:
                os.kill(pid, signal.SIGKILL)  # it may still be importing WeasyPrint
        try:
            _, status, usage = os.wait4(pid, 0)
        except ChildProcessError:
            return None, None
        return status, usage


def _read(sock: socket.socket, limit: int, deadline: float | None, template: str | None,
          limits: Limits | None) -> bytes:
    """One length-prefixed message, refused past ``limit`` bytes or ``deadline``."""
    size = _LENGTH.unpack(_read_exactly(sock, _LENGTH.size, deadline, template, limits))[0]
    if size > limit:
        assert limits is not None or limit >= 1 << 31
        raise TemplateError(_message("output", limits or Limits()), template)
    return _read_exactly(sock, size, deadline, template, limits)


def _read_exactly(sock: socket.socket, size: int, deadline: float | None, template: str | None,
                  limits: Limits | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TemplateError(_message("wall", limits or Limits()), template)
            sock.settimeout(left)
        try:
            chunk = sock.recv(min(remaining, 1 << 20))
        except TimeoutError:
            raise TemplateError(_message("wall", limits or Limits()), template) from None
        if not chunk:
            raise _Gone
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _message(what: str, limits: Limits, phase: str = "") -> str:
    during = f" while {phase}" if phase else ""
    return {
        "memory": f"the template used more than {limits.memory_mb} MB of memory{during}; a brief "
                  "needs a few MB, so it was stopped",
        "cpu": f"the template ran for more than {limits.cpu_seconds} s of CPU time{during}; a "
               "brief takes well under a second, so it was stopped",
        "wall": f"the template took longer than {limits.wall_seconds:g} s "
                f"({limits.pdf_wall_seconds:g} s for a PDF){during}, so it was stopped",
        "output": f"the finished document is larger than {limits.output_bytes // 1_000_000} MB; a "
                  "brief is far smaller, so it was not written",
    }[what]


def _answer(header: dict[str, Any], payload: bytes, fmt: str) -> Any:
    """The child's answer as the result or the exception it stands for."""
    kind = header.get("kind")
    if kind == "done":
        if header.get("pdf"):
            from .pdf.spec import PdfResult

            info = header["pdf"]
            return PdfResult(data=payload, fit=float(info["fit"]), pages=int(info["pages"]),
                             layouts=int(info["layouts"]),
                             refused=[str(u) for u in info.get("refused", [])])
        return payload
    if kind == "fit":
        report = header["report"]
        report["longest"] = [(str(name), float(size)) for name, size in report.get("longest", [])]
        raise FitError(OverflowReport(**report))
    if kind == "template":
        raise TemplateError(str(header["message"]), header.get("file"), header.get("line"))
    if kind == "render":
        raise RenderError(str(header["message"]))
    raise RuntimeError(f"the render process failed:\n{header.get('traceback', header)}")


# --- the child ---------------------------------------------------------------------------------

def _child_main(sock: socket.socket, preload: bool) -> None:
    """The child: wait for one job, do it, answer, exit without unwinding into the parent's stack."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if preload:
            from .renderer import default_renderer

            default_renderer().engine  # noqa: B018 - import WeasyPrint and build the fonts now
        size = _LENGTH.unpack(_read_exactly(sock, _LENGTH.size, None, None, None))[0]
        message = pickle.loads(_read_exactly(sock, size, None, None, None))  # noqa: S301 - from our parent
        _send(sock, *_serve(message))
    except (_Gone, BrokenPipeError, ConnectionResetError):
        pass  # the parent gave up: nothing to answer
    except BaseException:  # noqa: BLE001 - reported to the parent, which shows it as a bug
        code = 1
        with contextlib.suppress(OSError):
            _send(sock, {"kind": "bug", "traceback": traceback.format_exc()}, b"")
    finally:
        # Never unwind into the parent's copy of the stack, flush its buffers or run its atexit.
        os._exit(code)


def _serve(message: tuple[Any, ...]) -> tuple[dict[str, Any], bytes]:
    from .renderer import default_renderer
    from .templating.environment import template_frame

    renderer = default_renderer()
    kind = message[0]
    limits: Limits | None = None
    phase = "rendering the templates"
    try:
        if kind == "layout":
            _, html, pdf_job = message
            return _done(renderer.engine.write_pdf(html, pdf_job))
        _, job, limits = message
        _apply_limits(limits, job.fmt)
        if job.fmt != "pdf":
            return {"kind": "done", "data": True}, renderer.render(job)
        html = renderer.html_for_pdf(job)
        phase = "laying out the PDF"
        return _done(renderer.pdf(job, html))
    except FitError as exc:
        return {"kind": "fit", "report": dataclasses.asdict(exc.report)}, b""
    except TemplateError as exc:
        return {"kind": "template", "message": exc.message, "file": exc.template,
                "line": exc.line}, b""
    except BriefgenError as exc:
        return {"kind": "render", "message": exc.message}, b""
    except (MemoryError, ResourceLimit) as exc:
        _room_to_answer()
        what = "memory" if isinstance(exc, MemoryError) else str(exc)
        file, line = template_frame(exc)
        return {"kind": "template", "message": _message(what, limits or Limits(), phase),
                "file": file or job.template, "line": line}, b""


def _done(result: PdfResult) -> tuple[dict[str, Any], bytes]:
    return ({"kind": "done", "data": True,
             "pdf": {"fit": result.fit, "pages": result.pages, "layouts": result.layouts,
                     "refused": list(result.refused)}}, result.data)


def _send(sock: socket.socket, header: dict[str, Any], payload: bytes) -> None:
    head = json.dumps(header).encode("utf-8")
    sock.sendall(_LENGTH.pack(len(head)) + head + _LENGTH.pack(len(payload)) + payload)


def _resource() -> Any:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource


def _apply_limits(limits: Limits, fmt: str) -> None:
    """Limit this (child) process: the kernel enforces these whatever the code does."""
    resource = _resource()

    def stop(what: str) -> Any:
        def handler(signum: int, frame: Any) -> None:
            raise ResourceLimit(what)
        return handler

    used = sum(os.times()[:2])
    soft = math.ceil(used) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))  # the hard limit kills: SIGKILL
    signal.signal(signal.SIGXCPU, stop("cpu"))
    vm = _address_space()
    if vm is not None and hasattr(resource, "RLIMIT_AS"):
        ceiling = vm + limits.memory_mb * 1024 * 1024
        # A little above the soft limit stays allowed, so that after a MemoryError the child
        # can still say so (_room_to_answer).
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling + _ANSWER_ROOM))
    # The parent kills at the wall clock; this alarm, a second earlier, lets the child say where.
    signal.signal(signal.SIGALRM, stop("wall"))
    signal.setitimer(signal.ITIMER_REAL, max(0.5, limits.wall(fmt) - 1.0))


def _room_to_answer() -> None:
    """Raise the address-space soft limit to its hard one: the room kept for the answer."""
    resource = _resource()
    if resource is not None and hasattr(resource, "RLIMIT_AS"):
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
