"""The small exception family the library raises, and the one place errors become text.

Every error a user can cause is a :class:`BriefgenError`; anything else escaping the library is a
bug. Errors carry a structured :class:`Location` rather than text glued to their message, and
:func:`describe` is the only function that turns one into what a user reads, for the command
line, batches and ``--watch`` alike.
"""

from __future__ import annotations

import difflib
import errno
import re
import traceback
from dataclasses import dataclass, field

EXIT_INVALID = 1  # bad input or a failed render
EXIT_USAGE = 2
EXIT_BUG = 70  # EX_SOFTWARE: a bug in briefgen, reported with its traceback


@dataclass(frozen=True)
class Location:
    """Where a problem is: ``FILE:LINE:COL``, each part optional."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __bool__(self) -> bool:
        return bool(self.file or self.line)


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file: ``FILE:LINE:COL: field.path: message``."""

    message: str
    file: str = "<input>"
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # dotted field path, e.g. "projects[0].metric.baseline"
    hint: str = ""  # "did you mean ...?" or the accepted forms
    source_line: str = ""  # the offending line of the file, shown under the message
    caret: int | None = None  # where the caret goes in ``source_line`` when it is a window of a long line

    def location(self) -> str:
        return str(Location(self.file, self.line, self.column))

    def headline(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location()}: {where}{self.message}{hint}"

    def format(self) -> str:
        """The headline plus the source line with a caret under the column, when known."""
        text = self.headline()
        if self.source_line and self.line is not None:
            gutter = f"{self.line:>5} | "
            text += f"\n{gutter}{self.source_line}"
            caret = self.caret if self.caret is not None else self.column
            if caret is not None:
                text += "\n" + " " * (len(gutter) + caret - 1) + "^"
        return text


class InvalidValue(ValueError):
    """A field validator's complaint with the fix alongside: raised inside the models.

    Pydantic keeps the exception in the error's context, so the messages can show ``hint`` beside
    the message and, when ``field`` names a child key (``result``), point at that key's line
    instead of the enclosing mapping.
    """

    def __init__(self, message: str, hint: str = "", field: str = ""):
        super().__init__(message)
        self.hint = hint
        self.field = field


class BriefgenError(Exception):
    """Base of every error a user can cause (bad input, a failed render, a bad template)."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.location = location or Location()


class InputError(BriefgenError):
    """The input could not be read or does not match the contract. Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.headline() for p in self.problems))

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class RenderError(BriefgenError):
    """A render failed for a reason other than the input's shape (e.g. a PDF engine failure)."""


@dataclass
class OverflowReport:
    """How much a brief overflows its single page even at the smallest legible size."""

    overflow_mm: float
    page_height_mm: float
    longest: list[tuple[str, float]] = field(default_factory=list)  # (section, size in `unit`)
    unit: str = "characters"  # "mm" when the sections were measured on the page
    fit: float | None = None  # the smallest scale tried (the legibility floor)
    body_pt: float | None = None  # the body text size as designed
    advice: str = ""  # a further way out the caller knows of, e.g. a denser theme

    @property
    def overflow_percent(self) -> float:
        return 100 * self.overflow_mm / self.page_height_mm if self.page_height_mm else 0.0

    def describe(self) -> str:
        at = ""
        if self.fit is not None:
            body = f", body text {self.body_pt * self.fit:.1f} pt" if self.body_pt else ""
            at = f" ({self.fit:.0%} of the designed size{body})"
        text = (
            f"the brief does not fit on one page even at the smallest legible size{at}: "
            f"about {max(self.overflow_mm, 1):.0f} mm ({self.overflow_percent:.0f}% of a page) "
            f"too long."
        )
        if self.longest:
            unit = " mm" if self.unit == "mm" else f" {self.unit}"
            items = ", ".join(f"{name} ({size:.0f}{unit})" for name, size in self.longest)
            text += f" Longest parts: {items}. Trim these or drop a project."
        if self.advice:
            text += f" {self.advice}"
        return text


class FitError(RenderError):
    """The content does not fit on one page even at the legibility floor. Nothing was written."""

    def __init__(self, report: OverflowReport):
        self.report = report
        super().__init__(report.describe())


class TemplateError(BriefgenError):
    """A template (packaged or a coach's) failed: syntax, undefined name, sandbox violation or a
    resource limit. ``location`` names the template file and line when they are known."""

    def __init__(self, message: str, template: str | None = None, line: int | None = None):
        super().__init__(message, Location(template, line) if template else None)

    @property
    def template(self) -> str | None:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line


def describe(exc: BaseException, *, brief: str | None = None) -> str:
    """What a user reads for ``exc``, made safe to print.

    Located input problems are shown as they are (each names its file); any other error as
    ``Error: LOCATION: message``, or ``BRIEF: LOCATION: message`` when ``brief`` names the brief a
    batch was rendering. An exception that is not a :class:`BriefgenError` is a bug: its text says
    so and carries the traceback.
    """
    if isinstance(exc, InputError):
        return printable(exc.format())
    if isinstance(exc, BriefgenError):
        where = f"{exc.location}: " if exc.location else ""
        lead = f"{brief}: " if brief else "Error: "
        return printable(f"{lead}{where}{exc.message}")
    lead = f"{brief}: " if brief else ""
    return printable(f"{lead}briefgen hit a bug (this is not your input's fault). Please report "
                     "it with the traceback below:\n"
                     + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def exit_code(exc: BaseException) -> int:
    return exc.exit_code if isinstance(exc, BriefgenError) else EXIT_BUG


# C0 and C1 controls (but tab and newline), DEL, lone surrogates, and the bidirectional
# overrides and isolates: taken from a brief, a file name or a template into a message, any of
# them could move the cursor, recolour or clear the terminal, reorder what it shows, or fail to
# encode at all.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every character that could act on a terminal written as an escape."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape",
                                                       "backslashreplace").decode("ascii"), text)


# What a failed open, stat or write means for someone who typed the path, by errno.
_OS_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file (a part of the path is not a folder)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the file name is too long for this system",
    errno.ELOOP: "the path has a loop of symbolic links",
    errno.EISDIR: "this is a directory, not a YAML file",
    errno.EROFS: "the file system is read-only",
}


def os_reason(exc: OSError) -> str:
    """A failed file operation in words, for any path a user gave (brief, folder, output)."""
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def closest(word: str, options: list[str], cutoff: float = 0.6) -> str | None:
    """The option closest to ``word``, ignoring case and spacing; ``None`` if none is close.

    The one "did you mean" of briefgen: keys, principles, enumerations, themes and template fields.
    """
    folded = {" ".join(o.lower().split()): o for o in options}
    key = " ".join(word.lower().split())
    if key in folded:
        return folded[key]
    found = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return folded[found[0]] if found else None
