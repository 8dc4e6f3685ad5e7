"""Import WeasyPrint without parsing its C declarations again at every start.

WeasyPrint declares the Pango, HarfBuzz and Fontconfig functions it calls as a 450-line C header
that cffi parses with pycparser whenever ``weasyprint.text.ffi`` is imported: about 0.2 s, 40% of
``import weasyprint`` and a fifth of a cold PDF render. cffi can write those declarations out
pre-parsed (its "out-of-line ABI mode", plain data, no C compiler) and build an FFI from them in
about 4 ms. :func:`load` does that once per WeasyPrint/cffi/Python version into the user's cache
folder, like Python's own ``__pycache__``, and hands the result to ``weasyprint.text.ffi`` in place
of the FFI it was about to fill. WeasyPrint's own code still opens the libraries and binds every
name; only the parsing is skipped.

The cached file is read as data (its literals, through :func:`ast.literal_eval`), never executed,
so a tampered cache can at worst fail to load. Whatever goes wrong (an unwritable cache, a
WeasyPrint whose module no longer looks as expected) falls back to the ordinary import: slower,
never broken.

WeasyPrint also imports fontTools' subsetter and variable-font instancer at its start (about
60 ms, a tenth of a cold PDF, on the worker's critical path), yet calls them only when HarfBuzz
cannot subset a font (no ``libharfbuzz-subset``) or a font is variable; the packaged fonts are
static. While WeasyPrint imports, those two modules are :class:`_Deferred` stand-ins that import
the real module the first time a name of it is used, so the cost moves to the one render that
needs it.

WeasyPrint parses its user-agent and presentational-hints sheets at import too
(``weasyprint.html``: about 40 and 16 ms on the worker's path). The packaged themes' pages use a
smaller user-agent sheet of their own (:mod:`~briefgen.pdf.ua`), and briefgen never asks for
``render(presentational_hints=True)``. While that module runs, both sheets are
:class:`_LazySheet` objects that parse on first use; any other page gets WeasyPrint's user-agent
sheet and its counter styles as before (:func:`_counter_styles_after_the_sheet`).

pydyf, which writes WeasyPrint's PDF, compresses each page and font stream at zlib's level 9: on
the reference brief 10 ms a PDF against 4 ms at zlib's default level 6, for a file 0.7% smaller.
It writes at level 6 here (:class:`_Flate`); the PDF is as valid, and as compressed as most
tools write it.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib
import importlib.machinery
import io
import sys
import threading
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from ..cache import cache_dir

_FFI_MODULE = "weasyprint.text.ffi"
_HTML_MODULE = "weasyprint.html"  # where the user-agent and presentational-hints sheets are parsed
_LAZY_SHEETS = ("html5_ua.css", "html5_ph.css")  # parsed on first use
_DEFERRED = ("fontTools.subset", "fontTools.varLib.instancer")
_lock = threading.Lock()


def load() -> ModuleType:
    """``import weasyprint``, with the pre-parsed FFI when it can be had."""
    if "weasyprint" in sys.modules:
        _compress_at_default_level()  # imported by someone else first: still ours to write
        return sys.modules["weasyprint"]
    with _lock:
        finder = _Finder()
        sys.meta_path.insert(0, finder)
        stand_ins = {name: _Deferred(name) for name in _DEFERRED if name not in sys.modules}
        sys.modules.update(stand_ins)
        try:
            import weasyprint
        finally:
            sys.meta_path.remove(finder)
            # WeasyPrint keeps its references; anyone else importing them gets the real module.
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
                stand_in._imported = True
        _compress_at_default_level()
        _counter_styles_after_the_sheet(weasyprint)
    return weasyprint


def _compress_at_default_level() -> None:
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Flate()


def _counter_styles_after_the_sheet(weasyprint: Any) -> None:
    """WeasyPrint copies its user-agent counter styles (which parsing its user-agent sheet fills
    in) before it reads the sheet: with the sheet lazy, a page using it parses it first."""
    html = sys.modules.get(_HTML_MODULE)
    if not isinstance(getattr(html, "UA_STYLESHEET", None), _LazySheet):
        return
    original = weasyprint.HTML._ua_counter_style
    sheet = html.UA_STYLESHEET  # type: ignore[union-attr]

    def _ua_counter_style(self: Any) -> Any:
        sheet.parse()
        return original(self)

    weasyprint.HTML._ua_counter_style = _ua_counter_style


class _Flate:
    """zlib for pydyf: its streams compressed at zlib's default level instead of level 9."""

    LEVEL = 6

    def compressobj(self, level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(min(level, self.LEVEL), *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


class _Deferred(ModuleType):
    """A module imported at its first use: ``from module import name`` during WeasyPrint's import
    binds a forwarder that imports the module when it is called; any other name is looked up in
    the real module, imported then."""

    _imported = False  # set once WeasyPrint's import is over and this is out of sys.modules

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's probes (__path__, __spec__ ...)
            raise AttributeError(name)
        if not self._imported:
            module_name = self.__name__

            def forward(*args: Any, **kwargs: Any) -> Any:
                return getattr(importlib.import_module(module_name), name)(*args, **kwargs)

            forward.__name__ = forward.__qualname__ = name
            return forward
        return getattr(importlib.import_module(self.__name__), name)


def _compiled_ffi(source: str, ffi_class: type) -> Any:
    """The FFI for ``source`` built from the cache, writing the cache first when it is missing.

    ``ffi_class`` is cffi's own ``FFI``: while WeasyPrint imports, ``cffi.FFI`` is the stand-in."""
    import _cffi_backend
    import cffi

    key = hashlib.sha256("\0".join((source, cffi.__version__, _cffi_backend.__version__,
                                    sys.version)).encode()).hexdigest()[:20]
    name = f"briefgen_pango_{key}"
    path = cache_dir() / f"{name}.py"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = _write_cache(source, name, path, ffi_class)
    return _ffi_from_source(text, name)


def _write_cache(source: str, name: str, path: Path, ffi_class: type) -> str:
    import tempfile

    from ..output import write_atomic  # renamed into place: a concurrent start never reads half

    builder = ffi_class()
    builder.cdef(source)
    builder.set_source(name, None)  # None: ABI mode, the output is Python data, nothing to compile
    # cffi only writes its module to a file name: generate it aside, then publish it atomically.
    with tempfile.TemporaryDirectory(prefix="briefgen-cffi-") as folder:
        generated = Path(folder) / f"{name}.py"
        with contextlib.redirect_stdout(io.StringIO()):  # cffi prints "generating <file>"
            builder.emit_python_code(str(generated))
        text = generated.read_text(encoding="utf-8")
    write_atomic(path, text.encode("utf-8"))
    return text


def _ffi_from_source(text: str, name: str) -> Any:
    """Rebuild ``ffi = _cffi_backend.FFI(...)`` from cffi's generated module without running it."""
    import _cffi_backend

    tree = ast.parse(text)
    assign = tree.body[-1]
    if not (isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Call)
            and ast.unparse(assign.value.func) == "_cffi_backend.FFI"):
        raise ValueError("not a cffi out-of-line module")
    call = assign.value
    args = [ast.literal_eval(arg) for arg in call.args]
    kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
    if args[:1] != [name] or any(not key.startswith("_") for key in kwargs):
        raise ValueError("unexpected cffi module contents")
    return _cffi_backend.FFI(*args, **kwargs)


class _StandIn:
    """What ``cffi.FFI()`` returns while ``weasyprint.text.ffi`` runs: ``cdef`` fetches the
    pre-parsed FFI (or, failing that, parses as usual), and everything else goes to that FFI."""

    def __init__(self, original_ffi_class: type) -> None:
        self._original = original_ffi_class
        self.ffi: Any = None

    def cdef(self, source: str, *args: Any, **kwargs: Any) -> None:
        if self.ffi is None and not args and not kwargs:
            try:
                self.ffi = _compiled_ffi(source, self._original)
                return
            except Exception:  # noqa: BLE001 - any failure here only costs the speed-up
                pass
        if self.ffi is None:
            self.ffi = self._original()
        self.ffi.cdef(source, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if self.ffi is None:
            self.ffi = self._original()
        return getattr(self.ffi, name)


class _Loader:
    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        import cffi

        original = cffi.FFI
        stand_ins: list[_StandIn] = []

        def make_ffi(*args: Any, **kwargs: Any) -> Any:
            if args or kwargs:
                return original(*args, **kwargs)
            stand_in = _StandIn(original)
            stand_ins.append(stand_in)
            return stand_in

        cffi.FFI = make_ffi
        try:
            self._loader.exec_module(module)
        finally:
            cffi.FFI = original
        # Before any other WeasyPrint module runs ``from .ffi import ffi``: the real object.
        for name, value in list(vars(module).items()):
            if isinstance(value, _StandIn) and value.ffi is not None:
                setattr(module, name, value.ffi)


class _LazySheet:
    """A ``weasyprint.CSS`` parsed the first time one of its attributes is read."""

    def __init__(self, css_class: type, kwargs: dict[str, Any]) -> None:
        self._make = lambda: css_class(**kwargs)
        self._sheet: Any = None

    def parse(self) -> Any:
        if self._sheet is None:
            self._sheet = self._make()
        return self._sheet

    def __getattr__(self, name: str) -> Any:
        return getattr(self.parse(), name)


class _HtmlLoader:
    """Runs ``weasyprint.html`` with ``CSS`` answering a :class:`_LazySheet` for the user-agent
    and presentational-hints sheets (recognised by their text, read from WeasyPrint's own files)
    and parsing every other sheet as usual."""

    def __init__(self, loader: Any, lazy: list[str]) -> None:
        self._loader = loader
        self._lazy = lazy

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        package: Any = sys.modules["weasyprint"]
        real = package.CSS
        lazy = self._lazy

        def css(*args: Any, **kwargs: Any) -> Any:
            if not args and kwargs.get("string") in lazy and set(kwargs) <= {"string", "counter_style"}:
                return _LazySheet(real, kwargs)
            return real(*args, **kwargs)

        package.CSS = css
        try:
            self._loader.exec_module(module)
        finally:
            package.CSS = real
            if getattr(module, "CSS", None) is css:
                setattr(module, "CSS", real)  # noqa: B010 - the name html.py bound at its import


class _Finder:
    """Finds ``weasyprint.text.ffi`` and ``weasyprint.html`` as usual and wraps their loaders
    (:class:`_Loader`, :class:`_HtmlLoader`)."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname not in (_FFI_MODULE, _HTML_MODULE):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        if fullname == _FFI_MODULE:
            spec.loader = cast(Any, _Loader(spec.loader))  # duck-typed: importlib.abc is slow
            return spec
        folder = Path(spec.origin or "").parent / "css"
        try:
            lazy = [(folder / name).read_text(encoding="utf-8") for name in _LAZY_SHEETS]
        except OSError:
            return spec  # laid out differently: imported as usual
        spec.loader = cast(Any, _HtmlLoader(spec.loader, lazy))
        return spec
