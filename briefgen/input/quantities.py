"""Human quantities: read what people write (``13M``, ``$1.2M``, ``-15%``, ``350 ms``).

A :class:`Quantity` keeps the kind and unit the user wrote, so that ``2 s`` is never printed as
``2000 ms`` and ``$400K`` is never printed as ``400,000`` (formatting lives in
:mod:`briefgen.language.numbers`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["number", "percent", "points", "money", "duration", "multiple"]

# Accepted forms, shown to users when a value cannot be read.
ACCEPTED_FORMS = "12M, 4.5k, 12,000,000, 12%, -15%, +1.5M, $1.2M, $400K, 2 s, 350 ms, 99.9%"
# A multiple ("2x", "0.5x") is read too, but accepted only where a relative change goes.

_SCALE = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}

_DURATION_UNITS = {
    "ms": ("ms", 0.001),
    "msec": ("ms", 0.001),
    "millisecond": ("ms", 0.001),
    "milliseconds": ("ms", 0.001),
    "s": ("s", 1.0),
    "sec": ("s", 1.0),
    "secs": ("s", 1.0),
    "second": ("s", 1.0),
    "seconds": ("s", 1.0),
    "min": ("min", 60.0),
    "mins": ("min", 60.0),
    "minute": ("min", 60.0),
    "minutes": ("min", 60.0),
    "h": ("h", 3600.0),
    "hr": ("h", 3600.0),
    "hrs": ("h", 3600.0),
    "hour": ("h", 3600.0),
    "hours": ("h", 3600.0),
}

CURRENCIES = "$€£¥₹"

_PATTERN = re.compile(
    r"""^\s*
    (?P<sign>[+\-\u2212])?\s*
    (?P<currency>[$€£¥₹])?\s*
    (?P<number>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,3})?)\s*
    (?P<scale>(?:k|m|mn|b|bn|t|thousand|million|billion|trillion)(?![a-z]))?\s*
    (?P<unit>%|pp|p\.p\.|x|×|ms|msec|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)


class QuantityError(ValueError):
    """A value that is not a quantity briefgen can read."""


@dataclass(frozen=True)
class Quantity:
    """A number with the kind and unit its author gave it.

    ``value`` is in the written unit after the scale suffix is applied: ``$1.2M`` is 1_200_000
    dollars, ``12%`` is 12.0 percent, ``350 ms`` is 350.0 with ``unit == "ms"``.
    """

    value: float
    kind: Kind = "number"
    unit: str = ""  # "%", "pp", "x", "ms", "s", "min", "h" or "" for plain numbers and money
    currency: str = ""  # "$", "€" ... for money
    signed: bool = False  # an explicit + or - was written
    suffix: str = ""  # the scale suffix the user wrote ("K", "M", "B"), kept for formatting
    text: str = ""  # what the user wrote, for messages

    @property
    def seconds(self) -> float:
        """A duration in seconds (only meaningful for ``kind == "duration"``)."""
        return self.value * unit_seconds(self.unit)


def unit_seconds(unit: str) -> float:
    """How many seconds one ``unit`` is: "ms" -> 0.001, "h" -> 3600 (1 for anything else)."""
    return _DURATION_UNITS.get(unit, ("s", 1.0))[1]


def scale_of(suffix: str) -> float:
    """The size of a written scale suffix: "K" -> 1e3, "M" -> 1e6 ("" -> 1)."""
    return _SCALE[suffix.lower()]


def parse_quantity(raw: object) -> Quantity:
    """Read a human quantity. Plain ints and floats are numbers; strings follow ``ACCEPTED_FORMS``."""
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, bool):
        raise QuantityError(f"expected a number such as {ACCEPTED_FORMS}, got {raw!r}")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise QuantityError(f"expected a finite number, got {raw!r}")
        return Quantity(value=float(raw), text=str(raw))
    if not isinstance(raw, str):
        raise QuantityError(f"expected a number such as {ACCEPTED_FORMS}")
    text = raw.strip()
    match = _PATTERN.match(text)
    if match is None:
        raise QuantityError(f"{raw!r} is not a quantity; write it like {ACCEPTED_FORMS}")
    sign_text = match["sign"] or ""
    number = float(match["number"].replace(",", ""))
    scale_key = (match["scale"] or "").lower()
    unit_raw = (match["unit"] or "").lower()
    currency = match["currency"] or ""
    if not math.isfinite(number):
        raise QuantityError(f"{raw!r} is too large")

    value = number * _SCALE[scale_key]
    if sign_text in ("-", "\u2212"):
        value = -value
    suffix = _suffix_label(scale_key)

    kind: Kind
    unit = ""
    if unit_raw == "%":
        if currency or scale_key:
            raise QuantityError(f"{raw!r} mixes a percentage with a currency or scale")
        kind, unit = "percent", "%"
    elif unit_raw in ("x", "×"):
        if currency or scale_key or sign_text in ("-", "\u2212"):
            raise QuantityError(f"{raw!r} is not a multiple such as 2x or 0.5x")
        kind, unit = "multiple", "x"
    elif unit_raw in ("pp", "p.p."):
        if currency or scale_key:
            raise QuantityError(f"{raw!r} mixes percentage points with a currency or scale")
        kind, unit = "points", "pp"
    elif unit_raw:
        if currency:
            raise QuantityError(f"{raw!r} mixes a duration with a currency")
        kind, unit = "duration", _DURATION_UNITS[unit_raw][0]
    elif currency:
        kind = "money"
    else:
        kind = "number"
    if not math.isfinite(value) or abs(value) > 1e18:
        raise QuantityError(f"{raw!r} is too large")
    return Quantity(
        value=value,
        kind=kind,
        unit=unit,
        currency=currency,
        signed=bool(sign_text),
        suffix=suffix,
        text=text,
    )


def _suffix_label(scale_key: str) -> str:
    return {"k": "K", "thousand": "K", "m": "M", "mn": "M", "million": "M", "b": "B", "bn": "B",
            "billion": "B", "t": "T", "trillion": "T"}.get(scale_key, "")
