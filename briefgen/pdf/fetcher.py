"""What the PDF engine may load: ``data:`` URIs and style, font and image files inside the template
folders, each within a budget. Nothing else, and nothing is opened before it is checked.

Everything else (``http(s):``, ``ftp:``, ``file:`` elsewhere or through a symbolic link out, a
file that is not a page resource) is refused *before* anything is opened, so neither user text nor
a coach's template can make a render read local files or reach the network. A raster image whose
header promises more than :data:`MAX_PIXELS` (a decompression bomb) and a ``data:`` URI longer
than :data:`MAX_DATA_URI` are refused too. Every refusal is recorded; the engine turns them into
one error naming the template, so a brief is never written without the resources its template
asked for.
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .weasyprint_import import load as load_weasyprint

MAX_DATA_URI = 2_000_000  # characters of one data: URI (a logo is a few tens of KB)
MAX_FILE_BYTES = 8_000_000  # one style sheet, font or image file
MAX_PIXELS = 25_000_000  # width x height of one raster image (a 5000 x 5000 photo)

# What a template may pull in from its own folders: style sheets, fonts and images. Anything else
# (the templates themselves, YAML, data files) is never a resource a page needs.
SERVABLE = {".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
            ".webp"}
_RASTER = {"image/png", "image/jpeg", "image/gif", "image/webp"}


@dataclass(frozen=True)
class Refusal:
    url: str
    reason: str

    def __str__(self) -> str:
        # A data: URI can be megabytes; a long file path is still worth reading in full.
        shown = self.url if len(self.url) <= 160 else self.url[:100] + "..." + self.url[-40:]
        return f"{shown!r} ({self.reason})"


def safe_url_fetcher(allowed_roots: list[Path], refused: list[Refusal]) -> Any:
    """A WeasyPrint fetcher that serves only what this module allows, recording each refusal."""
    load_weasyprint()
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    roots = [r.resolve() for r in allowed_roots]

    def refuse(url: str, reason: str) -> ValueError:
        refused.append(Refusal(url, reason))
        return ValueError(f"briefgen does not load {url[:80]!r}: {reason}")

    class _Fetcher(URLFetcher):
        log = refused  # read by pdf.styles: a sheet that fetched nothing refused can be reused

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[:5].lower() == "data:":
                if len(url) > MAX_DATA_URI:
                    raise refuse(url, f"a data: URI longer than {MAX_DATA_URI:,} characters")
                response = super().fetch(url, headers)
                body = response.read() if hasattr(response, "read") else b""
                mime = (response.headers.get("Content-Type") or "").split(";")[0].strip()
                _check_image(url, mime, body, refuse)
                return URLFetcherResponse(url, body, dict(response.headers))
            parsed = urlparse(url)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                raise refuse(url, f"briefgen does not fetch {parsed.scheme or 'relative'} URLs; "
                                  "put the file in the template folder")
            try:
                path = Path(unquote(parsed.path)).resolve()
                inside = any(path.is_relative_to(root) for root in roots)
                is_file = path.is_file()
            except (OSError, RuntimeError, ValueError):
                raise refuse(url, "the path cannot be used") from None
            if not inside:
                raise refuse(url, "only files inside the template folders are read")
            if path.suffix.lower() not in SERVABLE:
                raise refuse(url, "only style sheets, fonts and images are read")
            if not is_file:
                raise refuse(url, "no such file")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise refuse(url, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            body = path.read_bytes()
            _check_image(url, mime, body, refuse)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    # Belt and braces: urllib never gets a handler for any other scheme either.
    return _Fetcher(allowed_protocols={"file", "data"})


def _check_image(url: str, mime: str, body: bytes, refuse: Any) -> None:
    """Refuse a raster image whose header declares more than MAX_PIXELS (read without decoding)."""
    if mime not in _RASTER:
        return
    from PIL import Image  # WeasyPrint's own image library

    try:
        with Image.open(io.BytesIO(body)) as image:
            width, height = image.size
    except Image.DecompressionBombError:  # Pillow's own, far larger limit, read from the header
        raise refuse(url, f"more than the {MAX_PIXELS:,} pixels an image may have") from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a file it cannot read
        raise refuse(url, "not an image briefgen can read") from None
    if width * height > MAX_PIXELS:
        raise refuse(url, f"{width} x {height} pixels, more than the {MAX_PIXELS:,} an image may "
                          "have")
