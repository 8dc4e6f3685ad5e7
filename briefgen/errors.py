"""The small exception family the library raises and the CLI maps to messages and exit codes.

Every error a user can cause is a :class:`BriefgenError`; anything else escaping the library is a
bug and is shown as one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

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

    Pydantic keeps the exception in the error's context, so :mod:`briefgen.validate` can show
    ``hint`` beside the message and, when ``field`` names a child key (``result``), point at that
    key's line instead of the enclosing mapping.
    """

    def __init__(self, message: str, hint: str = "", field: str = ""):
        super().__init__(message)
        self.hint = hint
        self.field = field


class BriefgenError(Exception):
    """Base of every error a user can cause (bad input, a failed render, a bad template)."""

    exit_code = 1


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
    """A template (packaged or a coach's) failed: syntax, undefined name or sandbox violation."""

    def __init__(self, message: str, template: str | None = None, line: int | None = None):
        self.template = template
        self.line = line
        where = ""
        if template:
            where = f"{template}:{line}: " if line else f"{template}: "
        super().__init__(f"{where}{message}")
