"""The input contract (``shared/reference/brief.yaml``) as pydantic models.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
Quantities arrive as :class:`~briefgen.input.quantities.Quantity` values that remember their unit.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..errors import InvalidValue
from .fields import (
    AsText,
    Change,
    Count,
    MetricValue,
    Money,
    Per,
    Percent,
    Text,
    YesNo,
    as_date,
    css_colour,
)
from .quantities import Quantity, parse_quantity

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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_not_given(cls, data: Any) -> Any:
        """``actions:`` or ``design:`` left empty means "not given" (an empty list, the defaults),
        as it does for optional text. Only for lists and sections: an empty ``accent:`` is more
        likely an unquoted ``#colour`` read as a comment, so it stays an error."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {key: value for key, value in data.items()
                if not (value is None and key in fields and fields[key].default_factory is not None)}


class Candidate(Strict):
    name: Annotated[str, AsText, Field(min_length=1, max_length=120)]
    headline: Text | None = None
    target_role: Text | None = None
    target_team: Text | None = None
    interview_date: Annotated[date, BeforeValidator(as_date)] | None = None
    contact: list[Annotated[str, AsText, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=8)


class Metric(Strict):
    name: Annotated[str, AsText, Field(min_length=1, max_length=120)]
    baseline: MetricValue
    result: MetricValue
    better: Literal["lower", "higher"]

    @model_validator(mode="after")
    def _same_kind(self) -> Metric:
        if self.baseline.kind != self.result.kind:
            raise InvalidValue(
                f"baseline {self.baseline.text!r} and result {self.result.text!r} must be in "
                "the same unit", hint="both percentages, both durations, both counts ...",
                field="result")
        if self.baseline.kind == "duration" and self.baseline.unit != self.result.unit:
            # Same kind, different written unit (s vs ms): compare in seconds, keep both texts.
            pass
        return self


class Outcome(Strict):
    """Either a metric change (``metric`` + ``change``) or money (one of the money keys)."""

    metric: Annotated[str, AsText, Field(min_length=1, max_length=120)] | None = None
    change: Change | None = None
    savings: Money | None = None
    revenue: Money | None = None
    cost_avoided: Money | None = None
    per: Per | None = None
    note: Annotated[str, AsText, Field(min_length=1, max_length=200)] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Outcome:
        money = [k for k in ("savings", "revenue", "cost_avoided") if getattr(self, k) is not None]
        if len(money) > 1:
            raise InvalidValue(f"an outcome has one amount of money, this one has "
                               f"{' and '.join(money)}", hint="split them into separate outcomes",
                               field=money[1])
        if money and (self.metric is not None or self.change is not None):
            raise InvalidValue("an outcome is either a metric change (metric + change) or money "
                               f"({money[0]}), not both", hint="split it into two outcomes")
        if not money:
            if self.metric is None and self.change is None:
                raise InvalidValue("an outcome needs `metric` and `change`, or one of `savings`, "
                                   "`revenue`, `cost_avoided`",
                                   hint="e.g. `- metric: repeat-call volume` with `change: -15%`")
            if self.metric is None:
                raise InvalidValue("this outcome has a `change` but no `metric` name",
                                   hint="add e.g. `metric: repeat-call volume`")
            if self.change is None:
                raise InvalidValue("this outcome names a `metric` but has no `change`",
                                   hint="add e.g. `change: -15%`")
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
    ab_test: YesNo | None = None


class Leadership(Strict):
    principles: list[Literal[PRINCIPLES]] = Field(default_factory=list, max_length=4)  # type: ignore[valid-type]
    story: Text | None = None


class Project(Strict):
    title: Annotated[str, AsText, Field(min_length=1, max_length=120)]
    situation: Text | None = None
    task: Text | None = None
    actions: list[Text] = Field(default_factory=list, max_length=8)
    technique: Annotated[str, AsText, Field(min_length=1, max_length=120)] | None = None
    metric: Metric
    outcomes: list[Outcome] = Field(default_factory=list, max_length=6)
    scale: Scale | None = None
    leadership: Leadership | None = None


class Thresholds(Strict):
    min_requests: Count = Field(default_factory=lambda: parse_quantity("10M"))
    max_regression: Percent = Field(default_factory=lambda: parse_quantity("2%"))


class Design(Strict):
    theme: Annotated[str, AsText,
                     Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")] = "classic"
    page: Literal["letter", "a4"] = "letter"
    accent: Annotated[str, AsText] = "#1f4e79"
    templates: Annotated[str, AsText, Field(min_length=1, max_length=500)] | None = None

    @field_validator("page", mode="before")
    @classmethod
    def _page_case(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("accent")
    @classmethod
    def _colour(cls, value: str) -> str:
        return css_colour(value)


class Brief(Strict):
    candidate: Candidate
    summary: Annotated[str, AsText, Field(min_length=1, max_length=300)] | None = None
    projects: list[Project] = Field(min_length=1, max_length=12)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    design: Design = Field(default_factory=Design)
