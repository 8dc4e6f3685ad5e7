"""What the PDF stage is asked for and what it answers: plain dataclasses, no WeasyPrint.

They travel between processes (the render job a child lays out), so they hold only data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


@dataclass(frozen=True)
class PdfMetadata:
    """The document information every brief's PDF carries, whatever its template says."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    generator: str


@dataclass(frozen=True)
class Section:
    """A part of the brief the overflow report can blame: the element id the template gives it."""

    element_id: str  # e.g. "project-2"
    label: str  # e.g. "project 2 (Faster in-app translation)"
    characters: int  # its size in text, used when a template does not mark it with the id


@dataclass(frozen=True)
class PdfJob:
    """Everything the PDF stage needs besides the HTML: page, where files may come from, metadata."""

    page: str  # "letter" or "a4"
    allowed_roots: tuple[Path, ...]  # the template folders, in search order: the only files read
    metadata: PdfMetadata
    sections: tuple[Section, ...] = ()
    template: str | None = None  # the entry template, named in errors about what it asked for
    spread_units: int = 0  # units of --spread the theme is expected to place (grow.spread_units)
    packaged: bool = False  # only packaged templates: their sheets' facts are known (pdf.styles)


@dataclass(frozen=True)
class Undrawn:
    """A character no embedded font draws: the PDF shows an empty box there, or nothing."""

    char: str
    kind: str  # "emoji", a Unicode script name ("Ol Chiki"), "private use" or "unassigned"
    reason: str  # "no font" or "notdef" (an empty box), "blank" (nothing drawn)
    text: str  # the line it sits in, to tell which field of the brief it came from
    count: int = 1


@dataclass
class PdfResult:
    data: bytes
    fit: float  # the scale the brief was rendered at (1.0 = as designed)
    pages: int
    layouts: int  # how many WeasyPrint layouts the fit took (1 when it fits as designed)
    refused: list[str] = field(default_factory=list)  # URLs the fetcher would not serve
    undrawn: list[Undrawn] = field(default_factory=list)  # characters drawn as boxes, if any
    spread: float = 0.0  # px in each unit of spare height the theme placed (the CSS --spread)
    left_out: list[str] = field(default_factory=list)  # optional projects left out to fit, as labels
