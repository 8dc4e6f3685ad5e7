"""What the readiness check finds: scores per axis, findings, and the labels a person reads.

Plain data, no logic beyond presentation: :mod:`briefgen.scoring.rules` fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..input.models import Thresholds
from ..language.numbers import format_decimal
from .bar import BarVerdict, prototype_only
from .principles import Coverage

Severity = Literal["error", "warning", "info"]
Axis = Literal["technical", "impact", "leadership"]

AXES: tuple[Axis, ...] = ("technical", "impact", "leadership")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Weights:
    """Points each Impact-First axis is worth; they add up to 100."""

    technical: float = 40
    impact: float = 40
    leadership: float = 20

    def __post_init__(self) -> None:
        values = [self.technical, self.impact, self.leadership]
        if any(v < 0 for v in values) or abs(sum(values) - 100) > 1e-9:
            raise ValueError(f"axis weights must be non-negative and add up to 100, got {values}")

    def of(self, axis: Axis) -> float:
        value: float = getattr(self, axis)
        return value


DEFAULT_WEIGHTS = Weights()

# Overall labels: at or above READY_AT a brief is "ready"; at or above CLOSE_AT it is "close".
READY_AT = 80.0
CLOSE_AT = 60.0

@dataclass(frozen=True)
class Finding:
    """One gap: how serious, which axis, how many points it cost, what is wrong, how to fix it."""

    severity: Severity
    axis: Axis
    points: float  # points lost on ``axis`` (0 for advice that costs nothing)
    message: str
    fix: str


@dataclass(frozen=True)
class AxisScores:
    technical: float
    impact: float
    leadership: float

    def of(self, axis: Axis) -> float:
        value: float = getattr(self, axis)
        return value


@dataclass(frozen=True)
class ProjectReadiness:
    number: int
    title: str
    score: float  # 0-100
    axes: AxisScores
    verdict: BarVerdict
    findings: tuple[Finding, ...]
    weights: Weights = DEFAULT_WEIGHTS

    @property
    def axes_text(self) -> str:
        """'technical 40/40, impact 18/40, leadership 20/20'."""
        return ", ".join(f"{axis} {points_text(self.axes.of(axis))}/{points_text(self.weights.of(axis))}"
                         for axis in AXES)

    @property
    def score_text(self) -> str:
        return f"{points_text(self.score)}/100"


@dataclass(frozen=True)
class Readiness:
    score: float  # 0-100, the mean of the projects
    projects: tuple[ProjectReadiness, ...]
    weights: Weights = DEFAULT_WEIGHTS
    thresholds: Thresholds = field(default_factory=Thresholds)
    coverage: Coverage = field(default_factory=lambda: Coverage((), ()))
    notes: tuple[str, ...] = ()  # about the whole brief: prototype-only, the unedited starter

    @property
    def prototype_only(self) -> bool:
        """No project meets the Scale-and-Ship bar: the brief reads as prototype-only."""
        return prototype_only([p.verdict for p in self.projects])

    @property
    def label(self) -> str:
        """'ready', 'close' or 'not ready'.

        A brief none of whose projects meets the Scale-and-Ship bar reads as prototype-only to a
        panel, so it is at best "close", however well its stories score.
        """
        if self.score >= READY_AT and not self.prototype_only:
            return "ready"
        return "close" if self.score >= CLOSE_AT else "not ready"

    @property
    def score_text(self) -> str:
        return f"{points_text(self.score)}/100"

    @property
    def weights_text(self) -> str:
        """'technical depth 40, product impact 40, leadership 20'."""
        w = self.weights
        return (f"technical depth {points_text(w.technical)}, product impact {points_text(w.impact)}, "
                f"leadership {points_text(w.leadership)}")


def points_text(value: float) -> str:
    """Scores as people read them: 40, 17.5, 92.3."""
    return format_decimal(value, 1)
