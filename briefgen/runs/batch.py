"""Many briefs at once: expand the inputs, plan the outputs, render them in a process pool.

Nothing here prints: :func:`render_many` yields one :class:`JobResult` per brief as it finishes
and the caller (the CLI) decides how to show progress. A brief that fails is a ``JobResult`` with
its error message; the others are still rendered.

Each worker process pays the start-up costs once: its initializer imports the pipeline (pydantic
models, the Jinja sandbox, YAML) and, for PDFs, the PDF engine, so every brief after the first
costs only its own layout.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefgenError, InputError, Problem, describe
from ..input.design import Overrides
from ..output import default_output

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One brief to render: where it comes from, where it goes and how."""

    source: str
    target: Path
    fmt: str
    overrides: Overrides = field(default_factory=Overrides)
    readiness: bool = False  # Markdown only: append the readiness summary
    review: bool = False  # PDF and HTML: the review copy (verdicts and shortfalls shown)


@dataclass(frozen=True)
class JobResult:
    """What happened to one :class:`Job`. ``error`` is the message a user sees when it failed."""

    job: Job
    seconds: float
    error: str | None = None
    bug: bool = False  # the failure is a briefgen bug (the message then holds a traceback)
    notices: tuple[str, ...] = ()  # what the render reports beside the file (a project left out)

    @property
    def ok(self) -> bool:
        return self.error is None


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Files as given, and every ``*.yaml``/``*.yml`` directly inside each directory, sorted.

    A directory without a brief is an error: it is almost always the wrong directory.
    """
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in BRIEF_SUFFIXES and p.is_file()
                           and not p.name.startswith("."))
            if not found:
                raise InputError([Problem("no *.yaml briefs in this directory", file=raw)])
            files.extend(str(p) for p in found)
        else:
            files.append(raw)
    return files


def plan(files: Iterable[str], fmt: str, out_dir: Path, *, overrides: Overrides | None = None,
         readiness: bool = False, review: bool = False) -> list[Job]:
    """One job per input, each writing ``out_dir/<name>-brief.<ext>``.

    Two inputs that would write the same file (``a/brief.yaml`` and ``b/brief.yaml``) are refused
    up front rather than one silently overwriting the other.
    """
    jobs = [Job(source=f, target=default_output(f, fmt, out_dir, review=review and fmt != "md"), fmt=fmt,
                overrides=overrides or Overrides(), readiness=readiness, review=review)
            for f in files]
    seen: dict[Path, str] = {}
    for job in jobs:
        if job.target in seen:
            raise BriefgenError(f"{seen[job.target]} and {job.source} would both be written to "
                                f"{job.target}; rename one of them or render them separately")
        seen[job.target] = job.source
    return jobs


def run_job(job: Job) -> JobResult:
    """Render one job and write its file atomically; every failure becomes a :class:`JobResult`."""
    from ..pipeline import render_file

    start = time.perf_counter()
    notices: list[str] = []
    try:
        render_file(job.source, job.target, job.fmt, overrides=job.overrides,
                    readiness=job.readiness, review=job.review, notify=notices.append)
    except Exception as exc:  # a bug in one brief must not take the rest of the batch down
        bug = not isinstance(exc, BriefgenError)
        message = describe(exc, brief=None if isinstance(exc, InputError) else job.source)
        return JobResult(job, time.perf_counter() - start, message, bug=bug)
    return JobResult(job, time.perf_counter() - start, notices=tuple(notices))


def warm_worker(fmt: str) -> None:
    """Pool initializer: pay each import once per worker, before the first brief arrives."""
    import signal

    from ..output import clean_up_on_termination

    # Ctrl-C is the parent's to handle (it cancels the queued briefs); a worker interrupted
    # mid-brief would only print a traceback per process. SIGTERM still cleans up a write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    clean_up_on_termination()
    from .. import pipeline  # noqa: F401  (pydantic models, Jinja sandbox, YAML)

    if fmt == "pdf":
        pipeline.default_renderer().engine  # noqa: B018 - import WeasyPrint, build the fonts


def default_jobs() -> int:
    return os.cpu_count() or 1


def render_many(jobs: list[Job], workers: int | None = None) -> Iterator[JobResult]:
    """Render ``jobs`` with up to ``workers`` processes, yielding outcomes as they finish.

    One worker (or one job) renders in this process, in order, with no pool to start.
    """
    workers = max(1, min(workers or default_jobs(), len(jobs)))
    if workers == 1:
        for job in jobs:
            yield run_job(job)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only a pool needs them

    fmts = {job.fmt for job in jobs}
    fmt = fmts.pop() if len(fmts) == 1 else "pdf"
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=warm_worker, initargs=(fmt,)) as pool:
        futures = {pool.submit(run_job, job): job for job in jobs}
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            # Ctrl-C or a closed consumer: drop the queued briefs instead of finishing them.
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _context() -> BaseContext:
    # On Linux fork starts a worker in milliseconds with this process's imports already done.
    # Elsewhere fork is unsafe (macOS) or missing (Windows): spawn is correct, only slower to start.
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
