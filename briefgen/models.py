"""The input contract (``shared/reference/brief.yaml``) as pydantic models.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
Quantities arrive as :class:`~briefgen.quantities.Quantity` values that remember their unit.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .quantities import ACCEPTED_FORMS, Kind, Quantity, QuantityError, parse_quantity

PRINCIPLES: tuple[str, ...] = (
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
)

PAGE_SIZES = ("letter", "a4")


def _quantity(*kinds: Kind) -> Any:
    """A validator that reads a human quantity and checks its kind."""

    def validate(raw: object) -> Quantity:
        try:
            q = parse_quantity(raw)
        except QuantityError as exc:
            raise ValueError(str(exc)) from None
        if kinds and q.kind not in kinds:
            # Plain numbers are accepted where money is expected (dollars are the default).
            if q.kind == "number" and "money" in kinds and "number" not in kinds:
                return Quantity(value=q.value, kind="money", currency="$", signed=q.signed,
                                suffix=q.suffix, text=q.text)
            wanted = " or ".join(_KIND_WORDS[k] for k in kinds)
            raise ValueError(f"expected {wanted}, got {q.text!r} ({_KIND_WORDS[q.kind]})")
        return q

    return PlainValidator(validate)


def _schema(description: str) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}],
                           "description": description, "examples": [ACCEPTED_FORMS]})


_KIND_WORDS: dict[Kind, str] = {
    "number": "a number (13M, 42,000)",
    "percent": "a percentage (12%)",
    "points": "percentage points (9 pp)",
    "money": "an amount of money ($1.2M)",
    "duration": "a duration (2 s, 350 ms)",
}

_ANY_KIND: tuple[Kind, ...] = ("number", "percent", "points", "money", "duration")
MetricValue = Annotated[Quantity, _quantity(*_ANY_KIND),
                        _schema("A metric value: 12%, 35, 350 ms, $1.2M")]
Change = Annotated[Quantity, _quantity(*_ANY_KIND),
                   _schema("A change with its sign: -15%, +1.5M, -2 s")]
Money = Annotated[Quantity, _quantity("money"), _schema("An amount of money: $1.2M, $400K")]
Count = Annotated[Quantity, _quantity("number"), _schema("A count of requests: 13M, 1,500,000")]
Percent = Annotated[Quantity, _quantity("percent"), _schema("A percentage: 1.7%, 99.9%")]

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Per = Annotated[str, Field(min_length=1, max_length=40, description="quarter, year, request ...")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Candidate(Strict):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    headline: Text | None = None
    target_role: Text | None = None
    target_team: Text | None = None
    interview_date: date | None = None
    contact: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=8)


class Metric(Strict):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    baseline: MetricValue
    result: MetricValue
    better: Literal["lower", "higher"]

    @model_validator(mode="after")
    def _same_kind(self) -> Metric:
        if self.baseline.kind != self.result.kind:
            raise ValueError(
                f"baseline {self.baseline.text!r} and result {self.result.text!r} must be in "
                "the same unit (both percentages, both durations ...)")
        if self.baseline.kind == "duration" and self.baseline.unit != self.result.unit:
            # Same kind, different written unit (s vs ms): compare in seconds, keep both texts.
            pass
        return self


class Outcome(Strict):
    """Either a metric change (``metric`` + ``change``) or money (one of the money keys)."""

    metric: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    change: Change | None = None
    savings: Money | None = None
    revenue: Money | None = None
    cost_avoided: Money | None = None
    per: Per | None = None
    note: Annotated[str, Field(min_length=1, max_length=200)] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Outcome:
        money = [k for k in ("savings", "revenue", "cost_avoided") if getattr(self, k) is not None]
        if len(money) > 1:
            raise ValueError(f"an outcome has one amount of money; split {' and '.join(money)} "
                             "into separate outcomes")
        if money and (self.metric is not None or self.change is not None):
            raise ValueError("an outcome is either a metric change (metric + change) or money "
                             f"({money[0]}), not both")
        if not money:
            if self.metric is None and self.change is None:
                raise ValueError("an outcome needs `metric` and `change`, or one of `savings`, "
                                 "`revenue`, `cost_avoided`")
            if self.metric is None:
                raise ValueError("this outcome has a `change` but no `metric` name")
            if self.change is None:
                raise ValueError("this outcome names a `metric` but has no `change`")
        return self

    @property
    def money_kind(self) -> str | None:
        for key in ("savings", "revenue", "cost_avoided"):
            if getattr(self, key) is not None:
                return key
        return None

    @property
    def money(self) -> Quantity | None:
        kind = self.money_kind
        return getattr(self, kind) if kind else None


class Scale(Strict):
    requests: Count | None = None
    days: Annotated[float, Field(gt=0, le=3650)] | None = None
    regression: Percent | None = None
    sla: Percent | None = None
    ab_test: bool | None = None


class Leadership(Strict):
    principles: list[Literal[PRINCIPLES]] = Field(default_factory=list, max_length=4)  # type: ignore[valid-type]
    story: Text | None = None


class Project(Strict):
    title: Annotated[str, Field(min_length=1, max_length=120)]
    situation: Text | None = None
    task: Text | None = None
    actions: list[Text] = Field(default_factory=list, max_length=8)
    technique: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    metric: Metric
    outcomes: list[Outcome] = Field(default_factory=list, max_length=6)
    scale: Scale | None = None
    leadership: Leadership | None = None


class Thresholds(Strict):
    min_requests: Count = Field(default_factory=lambda: parse_quantity("10M"))
    max_regression: Percent = Field(default_factory=lambda: parse_quantity("2%"))


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FUNC = re.compile(r"^(?:rgb|hsl)a?\(\s*[0-9.%,\s/deg]+\)$")
_NAMED = {"black", "navy", "darkblue", "teal", "darkgreen", "maroon", "purple", "indigo",
          "darkslategray", "darkslategrey", "midnightblue", "darkred", "steelblue", "crimson",
          "seagreen", "darkcyan", "royalblue", "dimgray", "dimgrey", "saddlebrown", "firebrick"}


class Design(Strict):
    theme: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")] = "classic"
    page: Literal["letter", "a4"] = "letter"
    accent: str = "#1f4e79"
    templates: Annotated[str, Field(min_length=1, max_length=500)] | None = None

    @field_validator("page", mode="before")
    @classmethod
    def _page_case(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("accent")
    @classmethod
    def _colour(cls, value: str) -> str:
        # Only values that cannot break out of a CSS declaration are accepted.
        if _HEX.match(value) or _FUNC.match(value) or value.lower() in _NAMED:
            return value
        raise ValueError("not a CSS colour; write a hex colour such as \"#1f4e79\"")


class Brief(Strict):
    candidate: Candidate
    summary: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    projects: list[Project] = Field(min_length=1, max_length=12)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    design: Design = Field(default_factory=Design)
