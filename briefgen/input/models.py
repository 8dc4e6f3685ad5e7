"""The input contract (``shared/reference/brief.yaml``) as pydantic models.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
Quantities arrive as :class:`~briefgen.input.quantities.Quantity` values that remember their unit.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import InvalidValue
from .fields import (
    AsText,
    Change,
    Count,
    HeadlineChange,
    MetricValue,
    Money,
    Per,
    Percent,
    Text,
    YesNo,
    as_date,
    check_percentage,
    check_relative,
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
    """The headline metric: ``baseline`` and ``result``, or ``change`` alone when only the relative
    movement is known ("NPS +12%", "halved the cost": ``change: 0.5x``)."""

    name: Annotated[str, AsText, Field(min_length=1, max_length=120)]
    baseline: MetricValue | None = None
    result: MetricValue | None = None
    change: HeadlineChange | None = None
    better: Literal["lower", "higher"]

    @model_validator(mode="after")
    def _same_kind(self) -> Metric:
        if self.change is not None:
            if self.baseline is not None or self.result is not None:
                raise InvalidValue(
                    "give either `baseline` and `result`, or `change` alone, not both",
                    hint="keep `baseline` and `result` when you know them: the relative change "
                         "is worked out for you", field="change")
            check_relative(self.change, "change")
            return self
        if self.baseline is None or self.result is None:
            given, missing = ("baseline", "result") if self.result is None else ("result", "baseline")
            if self.baseline is None and self.result is None:
                raise InvalidValue("needs `baseline` and `result`, or `change` alone",
                                   hint="e.g. `baseline: 12%` and `result: 3%`, or `change: -75%`")
            raise InvalidValue(f"has a `{given}` but no `{missing}`",
                               hint=f"add `{missing}:`, or give the movement alone as `change:`, "
                                    "e.g. +12% or 0.5x")
        if self.baseline.kind != self.result.kind:
            raise InvalidValue(
                f"baseline {self.baseline.text!r} and result {self.result.text!r} must be in "
                "the same unit", hint="both percentages, both durations, both counts ...",
                field="result")
        return self

    @field_validator("baseline", "result")
    @classmethod
    def _share(cls, value: Quantity | None, info: ValidationInfo) -> Quantity | None:
        check_percentage(value, f"a {info.field_name}", example=f"{info.field_name}: 12%")
        return value

    @property
    def relative_only(self) -> bool:
        """True when only the movement (``change``) is known, not the two values."""
        return self.change is not None


class Outcome(Strict):
    """Either a metric change (``metric`` + ``change``) or money (one of the money keys)."""

    metric: Annotated[str, AsText, Field(min_length=1, max_length=120)] | None = None
    change: Change | None = None
    better: Literal["lower", "higher"] | None = None
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
        if money and self.better is not None:
            raise InvalidValue("`better:` goes with a metric change, not with money",
                               hint="money says its own direction: a negative `savings:` is a cost",
                               field="better")
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
            check_relative(self.change, "change")
        return self

    @property
    def is_cost(self) -> bool:
        """A metric change that went the worse way by the outcome's own ``better:``, or money lost
        (negative savings or revenue, costs not avoided): a cost, never worded as a win."""
        if self.money is not None:
            return self.money.value < 0
        if self.change is None or self.better is None or self.change.value == 0:
            return False
        return (self.change.value < 0) == (self.better == "higher")

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

    @field_validator("requests")
    @classmethod
    def _served(cls, value: Quantity | None) -> Quantity | None:
        if value is not None and value.value <= 0:
            raise InvalidValue(f"{value.text} requests is impossible: a project that served "
                               "requests served more than zero",
                               hint="e.g. requests: 13M, or leave `requests:` out if you do not know")
        return value

    @field_validator("regression", "sla")
    @classmethod
    def _share(cls, value: Quantity | None, info: ValidationInfo) -> Quantity | None:
        what = "an SLA" if info.field_name == "sla" else "a regression"
        example = "sla: 99.9%" if info.field_name == "sla" else "regression: 1.7%"
        check_percentage(value, what, example=example)
        return value


class Leadership(Strict):
    principles: list[Literal[PRINCIPLES]] = Field(default_factory=list, max_length=4)  # type: ignore[valid-type]
    story: Text | None = None


# A project's id and a variant's name: lower-case letters (any script), digits and hyphens, as
# they go into file names (output/brief-bedrock-brief.pdf) and are typed on the command line.
_SLUG_CHAR = r"\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}"  # lower-case, caseless scripts, marks, digits
Slug = Annotated[str, AsText, Field(min_length=1, max_length=60,
                                    pattern=rf"^[{_SLUG_CHAR}]+(?:-[{_SLUG_CHAR}]+)*$")]


class Project(Strict):
    # what variants name it by (default: a slug of the title, see input/variants.py)
    id: Slug | None = None
    title: Annotated[str, AsText, Field(min_length=1, max_length=120)]
    situation: Text | None = None
    task: Text | None = None
    actions: list[Text] = Field(default_factory=list, max_length=8)
    technique: Annotated[str, AsText, Field(min_length=1, max_length=120)] | None = None
    metric: Metric
    outcomes: list[Outcome] = Field(default_factory=list, max_length=6)
    scale: Scale | None = None
    leadership: Leadership | None = None
    # shipped (the default when not given), pilot or offline: what the evidence is (DOMAIN.md 8)
    status: Literal["shipped", "pilot", "offline"] | None = None
    # May be left out of the one-page PDF, the last such project first, when the brief does not
    # fit at the legibility floor with it; the render then names what it left out.
    optional: YesNo = False


class Thresholds(Strict):
    min_requests: Count = Field(default_factory=lambda: parse_quantity("10M"))
    max_regression: Percent = Field(default_factory=lambda: parse_quantity("2%"))

    @field_validator("min_requests")
    @classmethod
    def _count(cls, value: Quantity) -> Quantity:
        if value.value < 0:
            raise InvalidValue(f"a bar of {value.text} requests is impossible", hint="e.g. min_requests: 10M")
        return value

    @field_validator("max_regression")
    @classmethod
    def _limit(cls, value: Quantity) -> Quantity:
        check_percentage(value, "a regression limit", example="max_regression: 2%")
        return value


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


class Variant(Strict):
    """What changes for one interview; each key left out stays the brief's own. ``thresholds``
    and ``design`` are merged over the brief's, key by key (input/variants.py: select)."""

    target_role: Text | None = None
    target_team: Text | None = None
    interview_date: Annotated[date, BeforeValidator(as_date)] | None = None
    summary: Annotated[str, AsText, Field(min_length=1, max_length=300)] | None = None
    projects: list[Slug] | None = Field(default=None, min_length=1, max_length=12)
    thresholds: Thresholds | None = None
    design: Design | None = None


class Brief(Strict):
    candidate: Candidate
    summary: Annotated[str, AsText, Field(min_length=1, max_length=300)] | None = None
    projects: list[Project] = Field(min_length=1, max_length=12)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    design: Design = Field(default_factory=Design)
    # name -> what changes for that interview (`render --variant NAME`); names are slugs
    variants: dict[Slug, Variant] = Field(default_factory=dict, max_length=20)
