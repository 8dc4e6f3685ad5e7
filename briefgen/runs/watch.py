"""Re-render a brief whenever its YAML or its templates change, as long as the caller listens.

Polling, not OS notifications: a brief and its templates are a handful of files, a stat of each
every few hundred milliseconds costs nothing, and polling behaves the same on every system,
network drive and editor (editors that save by renaming a new file into place included).

:func:`watch` yields an event per render and never prints; a render that fails is a
:class:`Failed` event and the watch goes on. The PDF engine stays imported between renders, so
every render after the first is quick.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefgenError, describe
from ..input.design import Overrides
from ..themes import templates_root

Snapshot = dict[Path, tuple[int, int]]  # file -> (mtime_ns, size)


@dataclass(frozen=True)
class Rendered:
    """``target`` was written in ``seconds``; ``changed`` lists what triggered it (empty at first)."""

    target: Path
    seconds: float
    changed: tuple[Path, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()  # about the document written (a character no font draws)


@dataclass(frozen=True)
class Failed:
    """A render failed with ``message`` (what a user sees); the previous output is untouched."""

    message: str
    seconds: float
    changed: tuple[Path, ...] = field(default_factory=tuple)
    bug: bool = False


Event = Rendered | Failed


def snapshot(paths: Iterable[Path], ignore: Iterable[Path] = ()) -> Snapshot:
    """``(mtime_ns, size)`` of every file at or under ``paths``; hidden and temporary files skipped.

    Editors' swap and backup files and our own atomic-write temporaries start with ``.`` or end
    with ``~``/``.tmp``/``.swp``; counting them would render twice per save.
    """
    skip = {p.resolve() for p in ignore}
    found: Snapshot = {}

    def add(path: Path) -> None:
        name = path.name
        if name.startswith(".") or name.endswith(("~", ".tmp", ".swp")) or path in skip:
            return
        try:
            st = path.stat()
        except OSError:  # deleted between listing and stat: the next poll sees it gone
            return
        found[path] = (st.st_mtime_ns, st.st_size)

    for root in paths:
        root = root.resolve()
        if root.is_dir():
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
                for name in files:
                    add(Path(folder) / name)
        elif root.exists():
            add(root)
    return found


def changed_files(before: Snapshot, after: Snapshot) -> tuple[Path, ...]:
    """Files added, removed or modified between two snapshots, sorted."""
    keys = set(before) | set(after)
    return tuple(sorted(k for k in keys if before.get(k) != after.get(k)))


def watch(file: str | Path, output: Path, fmt: str = "pdf", *,
          overrides: Overrides | None = None, readiness: bool = False, review: bool = False,
          variant: str | None = None, interval: float = 0.25, debounce: float = 0.2,
          stop: threading.Event | None = None, max_events: int | None = None,
          timeout: float | None = None) -> Iterator[Event]:
    """Render ``file`` to ``output`` now and again after every change, yielding an event each time.

    Watched: the YAML file, the packaged templates (theme and base) and the coach's templates
    folder (``overrides.templates`` or the brief's ``design.templates``, re-read after each
    render). A
    change is rendered once the files have been quiet for ``debounce`` seconds, so an editor's
    burst of writes gives one render. The watch ends when ``stop`` is set, after ``max_events``
    events, or after ``timeout`` seconds; otherwise it runs until the caller stops iterating
    (Ctrl-C in the CLI).
    """
    from ..output import write_atomic
    from ..pipeline import prepare, render_bytes

    stop = stop or threading.Event()
    deadline = None if timeout is None else time.monotonic() + timeout
    source = Path(file)
    output = Path(output)
    overrides = overrides or Overrides()
    coach: Path | None = None
    if overrides.templates is not None:
        try:
            coach = Path(overrides.templates).resolve()
        except (OSError, RuntimeError):
            coach = None  # the first render says what is wrong with it

    def watched() -> list[Path]:
        return [source, templates_root()] + ([coach] if coach is not None else [])

    def render(changed: tuple[Path, ...]) -> Event:
        nonlocal coach
        start = time.perf_counter()
        try:
            prepared = prepare(source, overrides, variant=variant)
            coach = prepared.coach_dir  # design.templates may have been added or moved
            warnings: list[str] = []
            data = render_bytes(prepared, fmt, readiness=readiness, review=review,
                                warnings=warnings)
            inputs = [source, *([coach] if coach is not None else [])]
            write_atomic(output, data, inputs=inputs)
        except Exception as exc:  # a bug must not end the session the user is editing in
            return Failed(describe(exc), time.perf_counter() - start, changed,
                          bug=not isinstance(exc, BriefgenError))
        return Rendered(output, time.perf_counter() - start, changed, tuple(warnings))

    def finished(count: int) -> bool:
        return (stop.is_set() or (max_events is not None and count >= max_events)
                or (deadline is not None and time.monotonic() >= deadline))

    state = snapshot(watched(), ignore=[output])
    yield render(())
    count = 1
    while not finished(count):
        stop.wait(interval)
        if finished(count):
            return
        current = snapshot(watched(), ignore=[output])
        if current == state:
            continue
        # Debounce: wait until nothing has changed for a whole `debounce` period.
        while not stop.wait(debounce):
            settled = snapshot(watched(), ignore=[output])
            if settled == current:
                break
            current = settled
        if stop.is_set():
            return
        changed = changed_files(state, current)
        paths_before = watched()
        state = current  # taken before rendering: an edit made during the render triggers again
        event = render(changed)
        if watched() != paths_before:  # a new coach folder: start watching it from now on
            state = snapshot(watched(), ignore=[output])
        yield event
        count += 1
