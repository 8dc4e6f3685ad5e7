"""What a coach's render may use, how the child enforces it on itself, and how a limit reads.

The kernel enforces these whatever the code in the child does: address space (``RLIMIT_AS``),
CPU seconds (``RLIMIT_CPU``: a signal at the soft limit, SIGKILL a second later), and an alarm
before the parent's wall clock so the child can say where it was. The parent kills the child at
the wall clock and reads at most :attr:`Limits.output_bytes` of its answer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import signal
from dataclasses import dataclass
from typing import Any

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


class ResourceLimit(BaseException):
    """Raised in the child when a limit's signal arrives. A BaseException, so that no library's
    ``except Exception`` (WeasyPrint draws an SVG inside one) can swallow it."""


def limit_message(what: str, limits: Limits, fmt: str, phase: str = "") -> str:
    """The one line a user reads when ``what`` ("memory", "cpu", "wall", "output") ran out."""
    during = f" while {phase}" if phase else ""
    return {
        "memory": f"the template used more than {limits.memory_mb} MB of memory{during}; a brief "
                  "needs a few MB, so it was stopped",
        "cpu": f"the template ran for more than {limits.cpu_seconds} s of CPU time{during}; a "
               "brief takes well under a second, so it was stopped",
        "wall": f"the template took longer than {limits.wall(fmt):g} s{during}, so it was stopped",
        "output": f"the finished document is larger than {limits.output_bytes // 1_000_000} MB; a "
                  "brief is far smaller, so it was not written",
    }[what]


def resource_module() -> Any:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource


def apply_limits(limits: Limits, fmt: str) -> None:
    """Limit this (child) process: the kernel enforces these whatever the code does."""
    resource = resource_module()

    def stop(what: str) -> Any:
        def handler(signum: int, frame: Any) -> None:
            _FIRED.append(what)
            raise ResourceLimit(what)
        return handler

    _one_malloc_arena()
    used = sum(os.times()[:2])
    soft = math.ceil(used) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))  # the hard limit kills: SIGKILL
    signal.signal(signal.SIGXCPU, stop("cpu"))
    vm = _address_space()
    if vm is not None and hasattr(resource, "RLIMIT_AS"):
        ceiling = vm + limits.memory_mb * 1024 * 1024
        # A little above the soft limit stays allowed, so that after a MemoryError the child
        # can still say so (room_to_answer).
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling + _ANSWER_ROOM))
    # The parent kills at the wall clock; this alarm, a second earlier, lets the child say where.
    signal.signal(signal.SIGALRM, stop("wall"))
    signal.setitimer(signal.ITIMER_REAL, max(0.5, limits.wall(fmt) - 1.0))


# The limits that fired in this process. A library may swallow the exception (WeasyPrint draws an
# SVG inside `except BaseException`), so the child checks this before it answers with a result.
_FIRED: list[str] = []


def fired() -> str | None:
    """The first limit that fired in this process, even if its exception was swallowed."""
    return _FIRED[0] if _FIRED else None


def _one_malloc_arena() -> None:
    """Keep every thread on the main malloc arena. glibc reserves 64 MB of address space for each
    new thread's arena, and Pango starts threads of its own: under an address-space limit those
    reservations, not the render, would run out, and a thread that cannot start aborts the child.
    A no-op where the C library is not glibc."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, 1)  # M_ARENA_MAX = -8 in glibc's malloc.h


def room_to_answer() -> None:
    """Raise the address-space soft limit to its hard one: the room kept for the answer."""
    resource = resource_module()
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
