"""The value types of the input contract: human quantities, text, dates and colours.

Each is an annotated type with its own validator, so a mistake is explained where it is made
("expected a percentage such as 1.7%, not '$12'") and carries the fix to show beside it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema

from ..errors import InvalidValue
from .number_words import digits_for
from .quantities import ACCEPTED_FORMS, Kind, Quantity, QuantityError, parse_quantity
from .scalars import written_text


def _quantity(*kinds: Kind, per: bool = False) -> Any:
    """A validator that reads a human quantity and checks its kind. ``per``: the field has a
    ``per:`` beside it (an outcome), where "$55k/month" is told to put the month there."""

    def validate(raw: object) -> Quantity:
        try:
            q = parse_quantity(raw)
        except QuantityError as exc:
            raise (per and _with_period(raw, kinds) or _unreadable(raw, kinds, str(exc))) from None
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


# "$55k/month", "$55k per month", "$55k a month", "$55k monthly": an amount with its period.
_PERIOD = re.compile(r"^(?P<amount>.*?\d.*?)\s*(?:/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b)\s*"
                     r"(?P<period>[a-z]+)\.?\s*$|^(?P<amount2>.*?\d.*?)\s+(?P<adverb>[a-z]+ly)\s*$",
                     re.IGNORECASE)
_PERIOD_WORDS = {
    "day": "day", "days": "day", "d": "day", "daily": "day",
    "week": "week", "weeks": "week", "wk": "week", "weekly": "week",
    "month": "month", "months": "month", "mo": "month", "mon": "month", "monthly": "month",
    "quarter": "quarter", "quarters": "quarter", "q": "quarter", "qtr": "quarter",
    "quarterly": "quarter",
    "year": "year", "years": "year", "yr": "year", "y": "year", "annum": "year",
    "annually": "year", "yearly": "year",
    "hour": "hour", "hr": "hour", "hourly": "hour",
    "request": "request", "req": "request", "query": "query", "user": "user", "customer": "customer",
}


def _with_period(raw: object, kinds: tuple[Kind, ...]) -> InvalidValue | None:
    """The error for an amount written with its period, or ``None`` if ``raw`` is not one."""
    match = _PERIOD.match(raw) if isinstance(raw, str) else None
    if not match:
        return None
    amount = (match.group("amount") or match.group("amount2") or "").strip()
    period = _PERIOD_WORDS.get((match.group("period") or match.group("adverb") or "").lower())
    try:
        q = parse_quantity(amount)
    except QuantityError:
        return None
    if period is None or (kinds and q.kind not in kinds and not (q.kind == "number" and "money" in kinds)):
        return None
    return InvalidValue(f"{raw!r} puts the period into the amount",
                        hint=f"write the amount alone, {q.text}, and the period beside it as "
                             f"`per: {period}`")


def _kind_of(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"


def _schema(description: str, *, numbers: bool = True) -> WithJsonSchema:
    """The JSON type of a quantity: text (``13M``), or also a bare number where one is accepted.
    The examples an editor shows are per field, in :mod:`briefgen.input.schema`."""
    text: dict[str, Any] = {"type": "string"}
    shape: dict[str, Any] = {"anyOf": [{"type": "number"}, text]} if numbers else text
    return WithJsonSchema({**shape, "description": description})


_KIND_WORDS: dict[Kind, str] = {
    "number": "a count such as 13M or 12,000,000",
    "percent": "a percentage such as 1.7%",
    "points": "percentage points such as 9 pp",
    "money": "an amount of money such as $1.2M",
    "duration": "a duration such as 2 s or 350 ms",
    "multiple": "a multiple such as 2x or 0.5x",
}
_ANY_KIND: tuple[Kind, ...] = ("number", "percent", "points", "money", "duration")
_CHANGE_KINDS: tuple[Kind, ...] = (*_ANY_KIND, "multiple")
_EXAMPLES: dict[tuple[Kind, ...], str] = {
    _CHANGE_KINDS: "+12%, -50%, 2x, 0.5x, +3 pp or -200 ms",
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


# Words YAML 1.1 read as booleans. briefgen reads YAML 1.2, where they are words; in a yes/no
# field they are refused with the fix, rather than taken as a yes or a no the reader never saw.
_YES_WORDS = {"yes", "y", "on"}
_NO_WORDS = {"no", "n", "off"}


def as_yes_no(value: object) -> object:
    """Only ``true`` and ``false``: the schema an editor checks says boolean, and so does the
    README. Pydantic alone would take ``yes``, ``on``, ``1`` and ``"t"`` as true."""
    if value is None or isinstance(value, bool):
        return value
    shown = written_text(value) or (value if isinstance(value, str) else None)
    if shown is None:
        raise InvalidValue(f"expected true or false, not {_kind_of(value)}", hint="write true or false")
    word = shown.strip().lower()
    if word in _YES_WORDS or word in _NO_WORDS:
        meant = "true" if word in _YES_WORDS else "false"
        raise InvalidValue(f"expected true or false, not {shown!r}",
                           hint=f"write {meant}: briefgen reads YAML 1.2, where {shown} is a word, "
                                "not a yes or a no")
    raise InvalidValue(f"expected true or false, not {shown!r}", hint="write true or false")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_date(value: object) -> object:
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
Change = Annotated[Quantity, _quantity(*_ANY_KIND, per=True),
                   _schema("A change with its sign: -15%, +1.5M, -2 s")]
HeadlineChange = Annotated[Quantity, _quantity(*_CHANGE_KINDS),
                           _schema("How the metric moved, without a baseline: +12%, -50%, 2x, 0.5x")]
Money = Annotated[Quantity, _quantity("money", per=True), _schema("An amount of money: $1.2M, $400K")]
Count = Annotated[Quantity, _quantity("number"), _schema("A count of requests: 13M, 1,500,000")]
Percent = Annotated[Quantity, _quantity("percent"),
                    _schema("A percentage: 1.7%, 99.9%", numbers=False)]  # a bare 1.7 is refused

def check_percentage(q: Quantity | None, what: str, *, example: str, field: str | None = None) -> None:
    """A percentage that is a share of something (an SLA, a regression rate, a metric in %) lies
    between 0% and 100%: anything else is a typo, refused where it was written."""
    if q is not None and q.kind == "percent" and not 0 <= q.value <= 100:
        raise InvalidValue(f"{what} of {q.text} is impossible: a percentage lies between 0% and 100%",
                           hint=f"e.g. {example}", field=field or "")


def check_relative(q: Quantity | None, field: str | None = None) -> None:
    """A relative change cannot take away more than all of something, nor multiply it by zero."""
    if q is None:
        return
    if q.kind == "percent" and q.value < -100:
        raise InvalidValue(f"a change of {q.text} is impossible: nothing falls by more than 100%",
                           hint="-100% means it fell to zero; for a multiple write e.g. 0.25x",
                           field=field or "")
    if q.kind == "multiple" and q.value <= 0:
        raise InvalidValue(f"a multiple of {q.text} is impossible", hint="e.g. 2x (doubled) or 0.5x (halved)",
                           field=field or "")


AsText = BeforeValidator(_as_text)
YesNo = Annotated[bool, BeforeValidator(as_yes_no)]  # every yes/no field: true or false only
Text = Annotated[str, AsText, Field(min_length=1, max_length=2000)]
Per = Annotated[str, AsText, Field(min_length=1, max_length=40, description="quarter, year, request ...")]


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FUNC = re.compile(r"^(?:rgb|hsl)a?\(\s*[0-9.%,\s/deg]+\)$")
_NAMED = {"black", "navy", "darkblue", "teal", "darkgreen", "maroon", "purple", "indigo",
          "darkslategray", "darkslategrey", "midnightblue", "darkred", "steelblue", "crimson",
          "seagreen", "darkcyan", "royalblue", "dimgray", "dimgrey", "saddlebrown", "firebrick"}


def css_colour(value: str) -> str:
    """``value`` if it is a colour that cannot break out of a CSS declaration."""
    if _HEX.match(value) or _FUNC.match(value) or value.lower() in _NAMED:
        return value
    raise InvalidValue(f"{value!r} is not a CSS colour briefgen accepts",
                       hint='write a hex colour in quotes, e.g. accent: "#1f4e79"')
