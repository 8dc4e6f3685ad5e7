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
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..errors import InvalidValue
from .number_words import digits_for
from .quantities import ACCEPTED_FORMS, Kind, Quantity, QuantityError, parse_quantity
from .yaml_reader import written_text

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
            raise _unreadable(raw, kinds, str(exc)) from None
        if kinds and q.kind not in kinds:
            # Plain numbers are accepted where money is expected (dollars are the default).
            if q.kind == "number" and "money" in kinds and "number" not in kinds:
                return Quantity(value=q.value, kind="money", currency="$", signed=q.signed,
                                suffix=q.suffix, text=q.text)
            wanted = " or ".join(_KIND_WORDS[k] for k in kinds)
            raise InvalidValue(f"expected {wanted}, not {q.text!r}")
        return q

    return PlainValidator(validate)


def _unreadable(raw: object, kinds: tuple[Kind, ...], reason: str) -> InvalidValue:
    """The error for a value that is not a quantity at all, with the forms that would work."""
    examples = _EXAMPLES.get(kinds, ACCEPTED_FORMS)
    if isinstance(raw, bool):
        return InvalidValue(f"expected a number, not {str(raw).lower()!r}", hint=f"e.g. {examples}")
    if not isinstance(raw, str):
        if isinstance(raw, (int, float)):
            return InvalidValue(reason)  # infinite or too large
        return InvalidValue(f"expected a number, not {_kind_of(raw)}", hint=f"e.g. {examples}")
    if "is not a quantity" not in reason:
        return InvalidValue(reason)  # readable, but mixes units ("$12%") or is too large
    suggestion = digits_for(raw)
    if suggestion:
        return InvalidValue(f"{raw!r} is not a number briefgen can read",
                            hint=f"write it in digits: {' or '.join(suggestion)}")
    return InvalidValue(f"{raw!r} is not a number briefgen can read",
                        hint=f"write it like {examples}")


def _kind_of(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"


def _schema(description: str) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}],
                           "description": description, "examples": [ACCEPTED_FORMS]})


_KIND_WORDS: dict[Kind, str] = {
    "number": "a count such as 13M or 12,000,000",
    "percent": "a percentage such as 1.7%",
    "points": "percentage points such as 9 pp",
    "money": "an amount of money such as $1.2M",
    "duration": "a duration such as 2 s or 350 ms",
}
_ANY_KIND: tuple[Kind, ...] = ("number", "percent", "points", "money", "duration")
_EXAMPLES: dict[tuple[Kind, ...], str] = {
    ("number",): "13M, 4.5k, 12M or 12,000,000",
    ("percent",): "1.7% or 99.9%",
    ("money",): "$1.2M, $400K or 250000",
    _ANY_KIND: "12%, -15%, 35, +1.5M, $1.2M or 350 ms",
}


# Control characters and lone surrogates can only arrive through escapes in double quotes
# ("\e", "\ud800"); they cannot be printed, would corrupt a terminal, and cannot be encoded.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _as_text(value: object) -> object:
    """Text fields take a number as the author wrote it (``title: 2024``, ``per: 1.50``), never
    as Python would print it; ``true``/``false`` are refused rather than turned into words."""
    if isinstance(value, bool):
        word = str(value).lower()
        raise InvalidValue(f"`{word}` reads as yes/no here, not as text",
                           hint=f'put it in quotes if you mean the word: "{word}"')
    text = written_text(value)
    if text is not None:
        return text
    if isinstance(value, str) and (bad := _UNPRINTABLE.search(value)):
        raise InvalidValue(f"contains a control character (U+{ord(bad.group()):04X})",
                           hint="delete it: it cannot be printed")
    return value


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_date(value: object) -> object:
    """Only ``YYYY-MM-DD``: pydantic would read a bare number as seconds since 1970."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()
    shown = written_text(value) or (value if isinstance(value, str) else _kind_of(value))
    raise InvalidValue(f"expected a date written as YYYY-MM-DD, not {shown!r}",
                       hint="e.g. interview_date: 2026-12-03")


MetricValue = Annotated[Quantity, _quantity(*_ANY_KIND),
                        _schema("A metric value: 12%, 35, 350 ms, $1.2M")]
Change = Annotated[Quantity, _quantity(*_ANY_KIND),
                   _schema("A change with its sign: -15%, +1.5M, -2 s")]
Money = Annotated[Quantity, _quantity("money"), _schema("An amount of money: $1.2M, $400K")]
Count = Annotated[Quantity, _quantity("number"), _schema("A count of requests: 13M, 1,500,000")]
Percent = Annotated[Quantity, _quantity("percent"), _schema("A percentage: 1.7%, 99.9%")]

AsText = BeforeValidator(_as_text)
Text = Annotated[str, AsText, Field(min_length=1, max_length=2000)]
Per = Annotated[str, AsText, Field(min_length=1, max_length=40, description="quarter, year, request ...")]


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
    interview_date: Annotated[date, BeforeValidator(_as_date)] | None = None
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
    ab_test: bool | None = None


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


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FUNC = re.compile(r"^(?:rgb|hsl)a?\(\s*[0-9.%,\s/deg]+\)$")
_NAMED = {"black", "navy", "darkblue", "teal", "darkgreen", "maroon", "purple", "indigo",
          "darkslategray", "darkslategrey", "midnightblue", "darkred", "steelblue", "crimson",
          "seagreen", "darkcyan", "royalblue", "dimgray", "dimgrey", "saddlebrown", "firebrick"}


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
        # Only values that cannot break out of a CSS declaration are accepted.
        if _HEX.match(value) or _FUNC.match(value) or value.lower() in _NAMED:
            return value
        raise InvalidValue(f"{value!r} is not a CSS colour briefgen accepts",
                           hint='write a hex colour in quotes, e.g. accent: "#1f4e79"')


class Brief(Strict):
    candidate: Candidate
    summary: Annotated[str, AsText, Field(min_length=1, max_length=300)] | None = None
    projects: list[Project] = Field(min_length=1, max_length=12)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    design: Design = Field(default_factory=Design)
