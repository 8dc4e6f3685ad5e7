"""Watch mode: a change to the brief or its templates renders again; errors do not end the watch.

The watcher runs in a thread (library) or a subprocess (CLI); each test bounds it with
``max_events`` and a generous ``timeout`` so that a broken watcher fails the test instead of
hanging it. Nothing here asserts on durations.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from briefgen.input.design import Overrides
from briefgen.runs.watch import Failed, Rendered, changed_files, snapshot, watch

from ..conftest import SAMPLES

LIMIT = 60.0  # seconds before a test gives up on an event that should come in well under one


class Watcher:
    """Runs :func:`watch` in a thread and hands its events over a queue."""

    def __init__(self, *args: object, max_events: int, **kwargs: object):
        self.events: queue.Queue[object] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=args, daemon=True,
                                       kwargs=dict(kwargs, max_events=max_events, stop=self.stop,
                                                   timeout=LIMIT, interval=0.05, debounce=0.1))
        self.thread.start()

    def _run(self, *args: object, **kwargs: object) -> None:
        try:
            for event in watch(*args, **kwargs):  # type: ignore[arg-type]
                self.events.put(event)
        except BaseException as exc:  # surfaces in the test instead of dying silently
            self.events.put(exc)
        self.events.put(None)

    def next(self) -> object:
        event = self.events.get(timeout=LIMIT)
        if isinstance(event, BaseException):
            raise event
        return event

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=LIMIT)
        assert not self.thread.is_alive()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    # Make sure the modification time moves even on coarse-grained file systems.
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_watch_renders_again_after_the_yaml_changes(tmp_path):
    brief = tmp_path / "brief.yaml"
    shutil.copy(SAMPLES / "priya-raman.yaml", brief)
    out = tmp_path / "out" / "brief.md"
    watcher = Watcher(brief, out, "md", max_events=3)
    try:
        first = watcher.next()
        assert isinstance(first, Rendered) and first.target == out and first.changed == ()
        assert "Priya Raman" in out.read_text(encoding="utf-8")

        _edit(brief, "name: Priya Raman", "name: Priya Watched")
        second = watcher.next()
        assert isinstance(second, Rendered), second
        assert second.changed == (brief.resolve(),)
        assert "Priya Watched" in out.read_text(encoding="utf-8")

        # A broken save is reported, the last good output stays, and the watch goes on.
        _edit(brief, "name: Priya Watched", "name: [unclosed")
        third = watcher.next()
        assert isinstance(third, Failed) and "brief.yaml" in third.message and not third.bug
        assert "Priya Watched" in out.read_text(encoding="utf-8")
        assert watcher.next() is None  # max_events reached: the generator ended by itself
    finally:
        watcher.close()


def test_watch_recovers_after_an_error_and_follows_the_coach_templates(tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text("candidate: {name: }\n", encoding="utf-8")  # invalid from the start
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.md").write_text("# {{ candidate.name }} v1\n", encoding="utf-8")
    out = tmp_path / "brief.md"
    watcher = Watcher(brief, out, "md", overrides=Overrides(templates=coach), max_events=3)
    try:
        first = watcher.next()
        assert isinstance(first, Failed) and "candidate" in first.message
        assert not out.exists()

        shutil.copy(SAMPLES / "one-project.yaml", brief)
        second = watcher.next()
        assert isinstance(second, Rendered), second
        assert out.read_text(encoding="utf-8").startswith("# ") and "v1" in out.read_text(encoding="utf-8")

        _edit(coach / "brief.md", "v1", "v2")
        third = watcher.next()
        assert isinstance(third, Rendered), third
        assert third.changed == ((coach / "brief.md").resolve(),)
        assert "v2" in out.read_text(encoding="utf-8")
    finally:
        watcher.close()


def test_stop_ends_the_watch_promptly(tmp_path):
    brief = tmp_path / "brief.yaml"
    shutil.copy(SAMPLES / "one-project.yaml", brief)
    watcher = Watcher(brief, tmp_path / "x.html", "html", max_events=100)
    try:
        assert isinstance(watcher.next(), Rendered)
    finally:
        watcher.close()  # asserts the thread is gone: stop is honoured without any change


def test_snapshot_skips_editor_and_temporary_files(tmp_path):
    (tmp_path / "brief.html").write_text("a", encoding="utf-8")
    (tmp_path / ".brief.html.swp").write_text("a", encoding="utf-8")
    (tmp_path / "brief.html~").write_text("a", encoding="utf-8")
    (tmp_path / ".out.pdf.123.tmp").write_text("a", encoding="utf-8")
    before = snapshot([tmp_path])
    assert list(before) == [(tmp_path / "brief.html").resolve()]
    (tmp_path / "style.css").write_text("b", encoding="utf-8")
    assert changed_files(before, snapshot([tmp_path])) == ((tmp_path / "style.css").resolve(),)


def test_cli_watch_rerenders_and_exits_cleanly_on_ctrl_c(tmp_path):
    brief = tmp_path / "brief.yaml"
    shutil.copy(SAMPLES / "priya-raman.yaml", brief)
    out = tmp_path / "brief.md"
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "render", str(brief), "--watch", "-f", "md", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        assert "Wrote" in lines.get(timeout=LIMIT)
        _edit(brief, "name: Priya Raman", "name: Priya Again")
        line = lines.get(timeout=LIMIT)
        assert "Wrote" in line and "brief.yaml changed" in line
        assert "Priya Again" in out.read_text(encoding="utf-8")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=LIMIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "Stopped watching." in stderr


def test_watch_names_the_optional_project_it_left_out_at_each_render(tmp_path):
    """Nothing is left out silently while editing either: each render that drops an optional
    project says so, and one that no longer needs to says nothing."""
    import yaml

    from ..pdf.test_one_page import write_brief

    brief = write_brief(tmp_path, 5)  # five projects overflow classic on Letter
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    data["projects"][4]["optional"] = True
    data["projects"][1]["optional"] = True
    brief.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    titles = [p["title"] for p in data["projects"]]
    out = tmp_path / "brief.pdf"
    watcher = Watcher(brief, out, "pdf", max_events=2)
    try:
        first = watcher.next()
        assert isinstance(first, Rendered), first
        assert [w for w in first.warnings if "left out" in w] == [
            f"{brief}: left out optional project 5 ({titles[4]}) to fit one page",
            f"{brief}: left out optional project 2 ({titles[1]}) to fit one page",
        ]
        # Down to two projects (the first two), it fits: nothing left out, nothing said.
        data["projects"] = data["projects"][:2]
        before = brief.stat().st_mtime_ns
        brief.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        if brief.stat().st_mtime_ns == before:  # coarse-grained file systems
            os.utime(brief, ns=(before + 1_000_000_000, before + 1_000_000_000))
        second = watcher.next()
        assert isinstance(second, Rendered), second
        assert not [w for w in second.warnings if "left out" in w]
    finally:
        watcher.close()
