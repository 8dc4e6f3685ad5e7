"""A template's own images, fonts and style sheets: found in the template folders, within budget.

A relative address in a template (``<img src="logo.png">``, ``url("fonts/Brand.ttf")``) names a
file in the template folders, found the way templates are: the coach's folder first, then the
theme, ``base`` and the templates root. A style sheet linked by address resolves the addresses
inside it against its own place (``css/site.css`` reading ``../img/a.png`` gets ``img/a.png``).
Nothing outside the folders is ever opened.

The PDF engine reads these files through its fetcher (:mod:`briefgen.pdf.fetcher`), which hands
every relative address to :meth:`Assets.find`; the HTML output carries them inside itself as
``data:`` URIs (:meth:`Assets.inline`), so the file stays one self-contained page. A missing,
refused or too-large file is an error naming the template file and line that asks for it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from ..errors import TemplateError
from .html_urls import is_relative, normalize, srcset_spans

MAX_DATA_URI = 2_000_000  # characters of one data: URI (a logo is a few tens of KB)
MAX_FILE_BYTES = 8_000_000  # one style sheet, font or image file
MAX_PIXELS = 25_000_000  # width x height of one raster image (a 5000 x 5000 photo)
MAX_INLINED = 12_000_000  # bytes of files one HTML brief may carry inside itself

# What a template may pull in from its folders: style sheets, fonts and images. Anything else
# (the templates themselves, YAML, data files) is never a resource a page needs.
SERVABLE = {".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
            ".webp"}
RASTER = {"image/png", "image/jpeg", "image/gif", "image/webp"}
_FONT_TYPES = {".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}

# The PDF engine's base address: relative addresses join onto it, and the fetcher maps what lies
# under it back to the template folders. No file is ever read at these paths themselves. The
# folders' own digest is part of it, so the same address from two coaches' folders (a coach's
# ``fonts/SourceSans3-Regular.otf`` and the packaged one) is two addresses to the engine's caches.
VIRTUAL_ROOT = "/.briefgen-templates/"


def virtual_base(roots: Iterable[Path]) -> str:
    """The base address for a page whose resources are found in ``roots``: the folders' digest,
    then the page's own place (``page/``)."""
    return f"file://{VIRTUAL_ROOT}{folders_digest(roots)}/page/"


def folders_digest(roots: Iterable[Path]) -> str:
    text = "\0".join(str(Path(r).resolve()) for r in roots)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def virtual_relative(path: str, roots: Iterable[Path]) -> str | None:
    """The relative address a virtual ``path`` stands for, or None when it climbs above the
    folders' digest (``../../x`` from the page), which no template folder holds."""
    rest = path[len(VIRTUAL_ROOT):]
    digest, _, relative = rest.partition("/")
    if digest != folders_digest(roots) or not relative:
        return None
    return relative.removeprefix("page/")




class AssetError(Exception):
    """A relative address that does not name a file briefgen will read; ``reason`` says why."""

    def __init__(self, address: str, reason: str):
        super().__init__(f"{address!r}: {reason}")
        self.address = address
        self.reason = reason


class Assets:
    """The template folders, as a place to find a template's resources in."""

    def __init__(self, roots: Iterable[Path]):
        self.roots = [Path(r).resolve() for r in roots]
        self.inlined = 0

    def find(self, relative: str) -> Path:
        """The file a relative address names, first hit on the search path. Raises
        :class:`AssetError` for one outside the folders, of a kind a page never needs, missing,
        or over :data:`MAX_FILE_BYTES`."""
        path = unquote(normalize(relative).split("#", 1)[0].split("?", 1)[0])
        name = posixpath.normpath(path.replace("\\", "/"))
        if name.startswith("../") or name == ".." or name.startswith("/"):
            raise AssetError(relative, "it leaves the template folders")
        if Path(name).suffix.lower() not in SERVABLE:
            raise AssetError(relative, "only style sheets, fonts and images are read")
        for root in self.roots:
            candidate = root.joinpath(*name.split("/"))
            try:
                real = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if not any(real.is_relative_to(r) for r in self.roots):
                raise AssetError(relative, "it links to a file outside the template folders")
            if real.is_file():
                if real.stat().st_size > MAX_FILE_BYTES:
                    raise AssetError(relative, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
                return real
        raise AssetError(relative, f"no such file in the template folders; put it in {self.roots[0]}"
                         if self.roots else "no such file in the template folders")

    def read(self, relative: str) -> tuple[bytes, str]:
        """(the bytes, their media type) of the file ``relative`` names, images checked."""
        path = self.find(relative)
        body = path.read_bytes()
        mime = media_type(path)
        problem = image_problem(mime, body)
        if problem:
            raise AssetError(relative, problem)
        return body, mime

    # --- the HTML output: every relative resource carried inside the page ----------------------

    def inline(self, root: ElementTree.Element, where: str = "") -> None:
        """Replace each relative resource address in the parsed HTML with a ``data:`` URI and
        each ``<link rel=stylesheet>`` to a relative sheet with a ``<style>`` element. Raises
        :class:`AssetError` for the first address that cannot be carried. A page with a
        ``<base>`` is left as it is: its relative addresses would not mean the template folder,
        and the policy refuses ``<base>`` itself with the reason that matters."""
        if any(isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == "base" for e in root.iter()):
            return
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            local = element.tag.rsplit("}", 1)[-1]
            rels = set(element.get("rel", "").lower().split())
            if local == "link" and "stylesheet" in rels and is_relative(element.get("href", "")):
                _to_style(element, self.stylesheet(element.get("href", "")))
                continue
            for key, value in list(element.items()):
                name = key.rsplit("}", 1)[-1]
                if name in {"src", "poster", "background"} or (
                        name == "href" and (local in {"image", "feImage"} or (local == "link" and rels
                                            and rels <= {"icon", "shortcut", "apple-touch-icon"}))):
                    if is_relative(value):
                        element.set(key, self.data_uri(value))
                elif name in {"srcset", "imagesrcset"}:
                    element.set(key, _rewrite_srcset(value, self.data_uri))
                elif name == "style":
                    element.set(key, self.css(value, "", declarations=True))
            if local == "style" and element.text:
                element.text = self.css(element.text, "")

    def data_uri(self, relative: str) -> str:
        body, mime = self.read(relative)
        self.inlined += len(body)
        if self.inlined > MAX_INLINED:
            raise AssetError(relative, f"the page would carry more than "
                                       f"{MAX_INLINED // 1_000_000} MB of files")
        uri = f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"
        if len(uri) > MAX_DATA_URI:
            raise AssetError(relative, f"a data: URI longer than {MAX_DATA_URI:,} characters")
        return uri

    def stylesheet(self, relative: str) -> str:
        """A linked sheet's text, with its own relative addresses resolved against it."""
        body, _ = self.read(relative)
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AssetError(relative, "the style sheet is not UTF-8 text") from None
        return self.css(text, posixpath.dirname(normalize(relative)))

    def css(self, text: str, folder: str, *, declarations: bool = False) -> str:
        """``text`` with every relative ``url()`` made a ``data:`` URI (``folder``: where the
        sheet sits, for addresses inside a linked sheet)."""
        import tinycss2

        def carried(address: str) -> str:
            return self.data_uri(posixpath.join(folder, normalize(address)))

        def rewrite(tokens: list[Any]) -> None:
            for token in tokens:
                # tinycss2 writes a token back from its representation: set both.
                if token.type == "url" and is_relative(token.value):
                    token.value = carried(token.value)
                    token.representation = f'url("{token.value}")'
                elif token.type == "function" and token.lower_name in {"url", "src"}:
                    for arg in token.arguments:
                        if arg.type == "string" and is_relative(arg.value):
                            arg.value = carried(arg.value)
                            arg.representation = f'"{arg.value}"'
                    rewrite(token.arguments)
                elif token.type == "function":
                    rewrite(token.arguments)
                elif token.type in {"() block", "[] block", "{} block"}:
                    rewrite(token.content)

        tokens = tinycss2.parse_component_value_list(text, skip_comments=False)
        if not _has_relative_url(tokens):
            return text  # nothing to carry: keep the template's text as it is
        rewrite(tokens)
        return tinycss2.serialize(tokens)


def _has_relative_url(tokens: list[Any]) -> bool:
    for token in tokens:
        if token.type == "url" and is_relative(token.value):
            return True
        if token.type == "function" and (
                (token.lower_name in {"url", "src"} and any(
                    a.type == "string" and is_relative(a.value) for a in token.arguments))
                or _has_relative_url(token.arguments)):
            return True
        if token.type in {"() block", "[] block", "{} block"} and _has_relative_url(token.content):
            return True
    return False


def _to_style(link: ElementTree.Element, css: str) -> None:
    """Turn ``<link rel=stylesheet href=...>`` into ``<style>`` holding the sheet (in place, so
    the cascade order stays the template's)."""
    media = link.get("media")
    namespace = link.tag[:-len("link")]
    link.tag = f"{namespace}style"
    link.attrib.clear()
    if media:
        link.set("media", media)
    link.text = css


def _rewrite_srcset(value: str, convert: Any) -> str:
    """``value`` with each relative candidate address converted, split exactly as the HTML
    policy splits it (:func:`~briefgen.templating.html_urls.srcset_spans`)."""
    out, last = [], 0
    for start, end in srcset_spans(value):
        url = value[start:end]
        out += [value[last:start], convert(url) if url and is_relative(url) else url]
        last = end
    return "".join(out) + value[last:]


def media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return _FONT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def image_problem(mime: str, body: bytes) -> str:
    """Why a raster image is refused (its header declares more than MAX_PIXELS), or ``""``."""
    if mime not in RASTER:
        return ""
    from PIL import Image  # WeasyPrint's own image library

    try:
        with Image.open(io.BytesIO(body)) as image:
            width, height = image.size
    except Image.DecompressionBombError:  # Pillow's own, far larger limit, read from the header
        return f"more than the {MAX_PIXELS:,} pixels an image may have"
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a file it cannot read
        return "not an image briefgen can read"
    if width * height > MAX_PIXELS:
        return f"{width} x {height} pixels, more than the {MAX_PIXELS:,} an image may have"
    return ""


def asset_error(error: AssetError, roots: Iterable[Path], entry: str | None) -> TemplateError:
    """The error a user sees: the address and why, at the template file and line naming it."""
    from .locate import locate

    file, line = locate(roots, error.address)
    return TemplateError(f"the template asks for resources briefgen will not load: "
                         f"{error.address!r} ({error.reason})", file or entry, line)
