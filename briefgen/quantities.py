"""Human quantities: parse what people write (``13M``, ``$1.2M``, ``-15%``, ``350 ms``) and
format numbers back the way a strong candidate would say them.

A :class:`Quantity` keeps the kind and unit the user wrote, so that ``2 s`` is never printed as
``2000 ms`` and ``$400K`` is never printed as ``400,000``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["number", "percent", "points", "money", "duration"]

# Accepted forms, shown to users when a value cannot be read.
ACCEPTED_FORMS = "12M, 4.5k, 12,000,000, 12%, -15%, +1.5M, $1.2M, $400K, 2 s, 350 ms, 99.9%"

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
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*
    (?P<scale>(?:k|m|mn|b|bn|t|thousand|million|billion|trillion)(?![a-z]))?\s*
    (?P<unit>%|pp|p\.p\.|ms|msec|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)?
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
    unit: str = ""  # "%", "pp", "ms", "s", "min", "h" or "" for plain numbers and money
    currency: str = ""  # "$", "€" ... for money
    signed: bool = False  # an explicit + or - was written
    suffix: str = ""  # the scale suffix the user wrote ("K", "M", "B"), kept for formatting
    text: str = ""  # what the user wrote, for messages

    @property
    def seconds(self) -> float:
        """A duration in seconds (only meaningful for ``kind == "duration"``)."""
        return self.value * _DURATION_UNITS.get(self.unit, ("s", 1.0))[1]

    def __str__(self) -> str:
        return format_quantity(self)


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


# --- formatting -------------------------------------------------------------------------------


def format_decimal(value: float, max_decimals: int = 2) -> str:
    """Round to at most ``max_decimals`` places and drop trailing zeros: 1.50 -> "1.5", 3.0 -> "3"."""
    rounded = round(value, max_decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{rounded:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_count(value: float) -> str:
    """Counts as people say them: 13M, 4.5M, 1.2B, 42,000, 950."""
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    for threshold, label in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if magnitude >= threshold:
            return f"{sign}{_short(magnitude / threshold)}{label}"
    if magnitude >= 100_000:
        return f"{sign}{_short(magnitude / 1e3)}K"
    if magnitude == int(magnitude):
        return f"{sign}{int(magnitude):,}"
    return sign + format_decimal(magnitude, 2)


def _short(scaled: float) -> str:
    """Two significant decimals at most, fewer when the number is large: 1.25, 13, 150."""
    if scaled >= 100:
        return format_decimal(scaled, 0)
    if scaled >= 10:
        return format_decimal(scaled, 1)
    return format_decimal(scaled, 2)


def format_money(value: float, currency: str = "$") -> str:
    """Money as people say it: $1.2M, $400K, $90K, $950, $2.5B."""
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    for threshold, label in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if magnitude >= threshold:
            return f"{sign}{currency}{_short(magnitude / threshold)}{label}"
    return f"{sign}{currency}{format_decimal(magnitude, 2)}"


def format_percent(value: float) -> str:
    """12 -> "12%", 1.7 -> "1.7%", 99.9 -> "99.9%", 0.05 -> "0.05%"."""
    decimals = 2 if abs(value) < 10 else 1
    return f"{format_decimal(value, decimals)}%"


def format_duration(value: float, unit: str) -> str:
    return f"{format_decimal(value, 2)} {unit}"


def format_quantity(q: Quantity, *, signed: bool | None = None) -> str:
    """Format ``q`` in the unit its author used.

    ``signed=None`` shows "-" for negatives and "+" where the author wrote one; ``True`` always
    shows the sign; ``False`` shows the magnitude only (for "lowering X by 15%").
    """
    show_sign = q.signed if signed is None else signed
    magnitude = abs(q.value)
    if q.kind == "percent":
        body = format_percent(magnitude)
    elif q.kind == "points":
        body = f"{format_decimal(magnitude, 2)} pp"
    elif q.kind == "money":
        body = format_money(magnitude, q.currency or "$")
    elif q.kind == "duration":
        body = format_duration(magnitude, q.unit)
    elif q.suffix or magnitude >= 1e6:
        body = format_count(magnitude)
    elif magnitude == int(magnitude):
        body = f"{int(magnitude):,}" if magnitude >= 10_000 else str(int(magnitude))
    else:
        body = format_decimal(magnitude, 2)
    if signed is False:
        return body
    if q.value < 0:
        return "-" + body
    if show_sign and q.value > 0:
        return "+" + body
    return body
