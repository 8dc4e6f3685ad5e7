"""The ``briefgen`` command's entry point: start the PDF worker before the command line loads.

A cold PDF is two halves on two cores: the worker imports WeasyPrint (about 0.2 s) while this
process validates the brief and writes its HTML. With compiled modules the worker's half is the
longer one, and it starts only when ``render`` runs, after click and the CLI are imported (about
50-70 ms in). So when the command line is plainly one brief to one PDF, the worker is forked here,
first thing, and ``render`` takes it over (:func:`briefgen.isolation.parent.start`). Anything
else, or anything this reading is unsure of (an option it does not know, a folder, ``--watch``,
another format), leaves it to ``render`` as before; an unused worker is stopped at exit.

Nothing here may import click or the library's stages: that is the point.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
import types
from typing import NoReturn

# The cyclic garbage collector's first generation runs every 200,000 allocations instead of
# every 2,000 (what mypy's command line does): starting a command allocates hundreds of thousands
# of long-lived objects (modules, pydantic's schemas, WeasyPrint's tables) that every collection
# would walk again, about 4% of a Markdown or PDF render. Garbage is still collected, only less
# often; a batch and --watch, which render many times in one process, go back to Python's own
# thresholds (cli.app.collect_as_usual). Set before the worker forks, so that it has them too.
GC_THRESHOLD = (200_000, 30, 30)
PYTHON_GC_THRESHOLD = gc.get_threshold()  # read here, before main() raises it

_VALUE_OPTIONS = {"-o", "--output", "-t", "--templates", "--theme", "--page", "--accent", "--variant"}
_FLAGS = {"--review", "--force"}


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)
    _no_pydantic_plugins()
    if one_pdf(sys.argv[1:]):
        from .isolation.parent import start_early

        start_early()
    from .cli import main as cli_main

    try:
        cli_main()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: int | str | None) -> NoReturn:
    """End the process as ``sys.exit(code)`` would, without the interpreter's finalization.

    The command is over and what it wrote is closed; tearing down thousands of modules and
    objects (pydantic's schemas, Jinja's and WeasyPrint's tables) takes 10-20 ms more of every
    command for nothing. Exit handlers still run (the PDF worker stopped, temporary font folders
    removed, logging flushed), then the standard streams are flushed, as at a normal exit. With
    other threads alive (a pool's, a watcher's) the interpreter's own shutdown waits for them.
    """
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on standard error and status 1, as Python does
        status = 1
        with contextlib.suppress(Exception):
            print(code, file=sys.stderr)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - a closed or full stream: Python's own status for it
            status = status or 120
    os._exit(status & 0xFF)


_PYDANTIC_PLUGINS = "pydantic.plugin._loader"


class _NoPlugins(types.ModuleType):
    """pydantic's plugin loader for the command line: no plugins, found without looking.

    Looking means ``importlib.metadata`` (with ``email``, ``zipfile``, ``csv``) and a scan of
    every installed package's entry points, about 22 ms at the first model, on the path of every
    command. Plugins instrument an application's own models; briefgen's are internal to the
    command. Anything else asked of the loader is the real one's (imported then), so a pydantic
    that uses it otherwise still works. Only the ``briefgen`` command does this: as a library,
    briefgen leaves pydantic as the application set it up."""

    def get_plugins(self) -> tuple[()]:
        return ()

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        import importlib

        del sys.modules[_PYDANTIC_PLUGINS]
        return getattr(importlib.import_module(_PYDANTIC_PLUGINS), name)


def _no_pydantic_plugins() -> None:
    if _PYDANTIC_PLUGINS not in sys.modules:
        sys.modules[_PYDANTIC_PLUGINS] = _NoPlugins(_PYDANTIC_PLUGINS)


def one_pdf(args: list[str]) -> bool:
    """Whether ``args`` render exactly one brief file to PDF, read without click: ``render``, one
    file, and only options known to keep it one PDF (``-f pdf``, ``-o``, ``--theme`` ...)."""
    if not args or args[0] != "render":
        return False
    files = []
    rest = iter(args[1:])
    for token in rest:
        name, eq, value = token.partition("=")
        if token in _FLAGS:
            continue
        if name in ("-f", "--format"):
            if (value if eq else next(rest, None)) != "pdf":
                return False
        elif name in _VALUE_OPTIONS:
            value = value if eq else next(rest, "")
            if name == "--variant" and value == "all":
                return False
        elif token.startswith("-") and token != "-":
            return False  # --watch, --jobs, --with-check, --help, combined short flags ...
        else:
            files.append(token)
    return len(files) == 1 and (files[0] == "-" or os.path.isfile(files[0]))
