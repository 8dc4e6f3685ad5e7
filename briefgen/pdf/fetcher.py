"""What the PDF engine may load: ``data:`` URIs and style, font and image files inside the template
folders, each within a budget. Nothing else, and nothing is opened before it is checked.

A template's relative address (``logo.png``, ``../fonts/X.otf``) joins onto the engine's virtual
base address and comes back here, where :class:`~briefgen.templating.assets.Assets` finds it on
the template search path. An absolute ``file:`` address is served only inside the folders too.
Everything else (``http(s):``, ``ftp:``, a link out of the folders, a file that is not a page
resource, a raster image whose header promises more than 25 million pixels, a ``data:`` URI over
2 MB) is refused and recorded; the engine turns the refusals into one error naming the template,
so a brief is never written without the resources its template asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..templating.assets import (
    MAX_DATA_URI,
    MAX_FILE_BYTES,
    SERVABLE,
    VIRTUAL_ROOT,
    AssetError,
    Assets,
    image_problem,
    media_type,
    virtual_relative,
)
from .weasyprint_import import load as load_weasyprint


@dataclass(frozen=True)
class Refusal:
    url: str  # as the template wrote it, for a relative address
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

    assets = Assets(allowed_roots)
    roots = assets.roots

    def refuse(url: str, reason: str) -> ValueError:
        refused.append(Refusal(url, reason))
        return ValueError(f"briefgen does not load {url[:80]!r}: {reason}")

    def serve(url: str, body: bytes, mime: str, named: str | None = None) -> Any:
        # ``url`` stays the response's address: a sheet's own relative addresses join onto it.
        problem = image_problem(mime, body)
        if problem:
            raise refuse(named or url, problem)
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    class _Fetcher(URLFetcher):
        log = refused  # read by pdf.styles: a sheet that fetched nothing refused can be reused

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[:5].lower() == "data:":
                if len(url) > MAX_DATA_URI:
                    raise refuse(url, f"a data: URI longer than {MAX_DATA_URI:,} characters")
                response = super().fetch(url, headers)
                body = response.read() if hasattr(response, "read") else b""
                mime = (response.headers.get("Content-Type") or "").split(";")[0].strip()
                return serve(url, body, mime)
            parsed = urlparse(url)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                raise refuse(url, f"briefgen does not fetch {parsed.scheme or 'relative'} URLs; "
                                  "put the file in the template folder")
            path_text = unquote(parsed.path)
            if path_text.startswith(VIRTUAL_ROOT):  # a relative address of the template's
                relative = virtual_relative(path_text, roots)
                if relative is None:
                    raise refuse(url, "it leaves the template folders")
                try:
                    path = assets.find(relative)
                except AssetError as exc:
                    raise refuse(relative, exc.reason) from None
                return serve(url, path.read_bytes(), media_type(path), named=relative)
            try:
                path = Path(path_text).resolve()
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
            return serve(url, path.read_bytes(), media_type(path))

    # Belt and braces: urllib never gets a handler for any other scheme either.
    return _Fetcher(allowed_protocols={"file", "data"})
