"""Human quantities: parse what people write (``13M``, ``$1.2M``, ``-15%``, ``350 ms``) and
format numbers back the way a strong candidate would say them.

A :class:`Quantity` keeps the kind and unit the user wrote, so that ``2 s`` is never printed as
``2000 ms`` and ``$400K`` is never printed as ``400,000``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
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
#
# Figures are printed the way a strong candidate says them: compact (13M, $1.2M), never with
# floating-point noise, never less precise than the author wrote (99.95% stays 99.95%), and in
# the unit the author wrote (2 s stays 2 s, 350 ms stays 350 ms). Rounding is half-up on the
# decimal text of the number, so 68.5 rounds to 69 (not to 68 as binary round() would).

# (smallest magnitude shown in this unit, the unit's size, its label)
_COMPACT_COUNT = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e5, 1e3, "K"))
_COMPACT_MONEY = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e3, 1e3, "K"))
_MAX_DECIMALS = 6
_NONZERO = re.compile(r"[1-9]")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
_WRITTEN_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*)?(?:\.(\d+))?")


def _rounded(value: float, decimals: int) -> Decimal:
    exact = Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_decimal(value: float, max_decimals: int = 2, *, min_decimals: int = 0) -> str:
    """Round half-up to at most ``max_decimals`` places, group thousands, drop trailing zeros
    beyond ``min_decimals``: 1.50 -> "1.5", 3.0 -> "3", 1234.5 -> "1,234.5"."""
    rounded = _rounded(value, max(0, max_decimals))
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:,.{max(0, max_decimals)}f}"
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(min_decimals, "0")
        text = f"{whole}.{frac}" if frac else whole
    return text


def significant_decimals(value: float, digits: int = 2) -> int:
    """Decimals needed to show ``digits`` significant digits: 0.0042 -> 4, 0.5 -> 2, 35 -> 0."""
    if value == 0 or not math.isfinite(value):
        return 0
    return max(0, min(_MAX_DECIMALS, digits - 1 - math.floor(math.log10(abs(value)))))


def written_decimals(q: Quantity) -> int:
    """How many decimals the author wrote for ``q`` ("99.95%" -> 2, "$1.2M" -> 1, "28" -> 0)."""
    text = q.text.replace(" ", "")
    if _SCIENTIFIC.search(text):
        return 0  # scientific notation from a YAML float: no written precision to keep
    for match in _WRITTEN_NUMBER.finditer(text):
        if match.group(0):
            return min(_MAX_DECIMALS, len(match.group(2) or ""))
    return 0


def _scaled_decimals(scaled: float) -> int:
    """Three significant digits at most for compact figures: 1.25M, 13.5M, 150M."""
    if scaled >= 100:
        return 0
    if scaled >= 10:
        return 1
    return 2


def _compact(magnitude: float, units: tuple[tuple[float, float, str], ...],
             extra_decimals: int = 0) -> str | None:
    """``magnitude`` in the largest unit it reaches (None below the smallest), rolling over to
    the next unit when rounding reaches 1,000 (999,999,999 -> "1B", not "1,000M")."""
    for index, (threshold, size, label) in enumerate(units):
        if magnitude < threshold:
            continue
        scaled = magnitude / size
        decimals = max(_scaled_decimals(scaled), min(3, extra_decimals))
        if _rounded(scaled, decimals) >= 1000 and index > 0:
            _, bigger, bigger_label = units[index - 1]
            return format_decimal(magnitude / bigger, 2) + bigger_label
        return format_decimal(scaled, decimals) + label
    return None


def format_count(value: float, *, decimals: int = 0) -> str:
    """Counts as people say them: 13M, 4.5M, 1.2B, 150K, 42,000, 950, 0.35."""
    magnitude = abs(value)
    body = _compact(magnitude, _COMPACT_COUNT, decimals)
    if body is None:
        # Under 100, keep two decimals (12.34) or two significant digits when smaller (0.0042).
        places = max(decimals, 0 if magnitude >= 100 else max(2, significant_decimals(magnitude, 2)))
        body = format_decimal(magnitude, places)
    return _with_sign(body, value, False, False)


def format_money(value: float, currency: str = "$", *, decimals: int = 0) -> str:
    """Money as people say it: $1.2M, $400K, $90K, $950, $0.40, EUR amounts as €1.2M."""
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    compact = _compact(magnitude, _COMPACT_MONEY, decimals)
    if compact is not None:
        return f"{sign}{currency}{compact}"
    if _rounded(magnitude, 2) >= 1000:
        return f"{sign}{currency}1K"  # 999.999 rounds up into the next unit
    if float(_rounded(magnitude, 2)) == int(magnitude) and not decimals:
        return f"{sign}{currency}{format_decimal(magnitude, 0)}"
    # Cents are written in full ($0.40, not $0.4); sub-cent amounts keep two significant digits.
    places = max(2, decimals, significant_decimals(magnitude, 2))
    return f"{sign}{currency}{format_decimal(magnitude, places, min_decimals=2)}"


def format_percent(value: float, *, decimals: int = 0) -> str:
    """12 -> "12%", 1.7 -> "1.7%", 99.95 -> "99.95%" (never rounded up to a round 100%)."""
    magnitude = abs(value)
    places = max(decimals, 2 if magnitude < 10 else 1)
    if 0 < magnitude < 0.01:
        places = max(places, significant_decimals(magnitude, 2))
    text = format_decimal(value, places)
    while places < _MAX_DECIMALS and abs(float(text.replace(",", ""))) in (0.0, 100.0) \
            and magnitude not in (0.0, 100.0):
        places += 1  # 99.999 must not read as 100%, nor 0.0001 as 0%
        text = format_decimal(value, places)
    return f"{text}%"


def format_points(value: float, *, decimals: int = 0) -> str:
    """A difference of two percentages: "9 pp", "0.25 pp"."""
    return f"{format_decimal(value, max(decimals, 2))} pp"


def format_duration(value: float, unit: str, *, decimals: int = 0) -> str:
    """"2 s", "350 ms", "1.25 s", "144 h"; tiny values keep two significant digits."""
    places = max(decimals, 2, significant_decimals(value, 2))
    return f"{format_decimal(value, places)} {unit}"


def format_relative(percent: float) -> str:
    """A relative change: "-75%", "+25%", "-5.7%", "+0.45%"; gains of 100% or more as a
    multiple ("2x", "2.5x", "12x"), which is how people say them."""
    if percent >= 100:
        factor = 1 + percent / 100
        return format_decimal(factor, 1 if factor < 10 else 0) + "x"
    magnitude = abs(percent)
    if magnitude >= 10:
        places = 0
    elif magnitude >= 1:
        places = 1
    else:
        places = significant_decimals(magnitude, 2)
    body = format_decimal(magnitude, places)
    if body == "0":
        return "0%"
    return ("+" if percent > 0 else "-") + body + "%"


def format_quantity(q: Quantity, *, signed: bool | None = None) -> str:
    """Format ``q`` in the unit its author used, at least as precisely as they wrote it.

    ``signed=None`` shows "-" for negatives and "+" where the author wrote one; ``True`` always
    shows the sign; ``False`` shows the magnitude only (for "lowering X by 15%").
    """
    show_sign = q.signed if signed is None else signed
    magnitude = abs(q.value)
    decimals = written_decimals(q)
    if q.kind == "percent":
        body = format_percent(magnitude, decimals=decimals)
    elif q.kind == "points":
        body = format_points(magnitude, decimals=decimals)
    elif q.kind == "money":
        body = format_money(magnitude, q.currency or "$", decimals=decimals)
    elif q.kind == "duration":
        body = format_duration(magnitude, q.unit, decimals=decimals)
    elif q.suffix:
        # The author chose a scale ("4.5k"); keep it rather than expanding to "4,500".
        threshold = _SCALE[q.suffix.lower()]
        if threshold <= magnitude < threshold * 1000:
            scaled = magnitude / threshold
            body = format_decimal(scaled, max(_scaled_decimals(scaled), decimals)) + q.suffix
        else:
            body = format_count(magnitude, decimals=decimals)
    else:
        body = format_count(magnitude, decimals=decimals)
    return _with_sign(body, q.value, show_sign and signed is not False, signed is False)


def format_exact(q: Quantity) -> str:
    """``q`` without compacting or rounding beyond six decimals ("1,000,000,001", "$1,200.50"),
    for the rare pair of values that the compact form would print identically."""
    body = format_decimal(abs(q.value), _MAX_DECIMALS)
    if q.kind == "percent":
        body += "%"
    elif q.kind == "points":
        body += " pp"
    elif q.kind == "duration":
        body += f" {q.unit}"
    elif q.kind == "money":
        body = (q.currency or "$") + body
    return "-" + body if q.value < 0 else body


def _with_sign(body: str, value: float, plus: bool, bare: bool) -> str:
    if bare or not _NONZERO.search(body):
        return body  # a magnitude, or nothing but zeros: no sign
    if value < 0:
        return "-" + body
    if plus and value > 0:
        return "+" + body
    return body


def format_delta(baseline: Quantity, result: Quantity) -> str:
    """``result - baseline`` with its sign, in the author's unit: "-9 pp" for percentages,
    "-230 ms", "+7", "-$0.28". Durations written in different units use the finer one when the
    difference is under one of the coarser unit (1.2 s -> 350 ms is "-850 ms")."""
    if baseline.kind == "duration":
        seconds = result.seconds - baseline.seconds
        units = sorted({baseline.unit, result.unit}, key=lambda u: _DURATION_UNITS[u][1])
        unit = units[-1]
        if abs(seconds) < _DURATION_UNITS[unit][1]:
            unit = units[0]
        diff = seconds / _DURATION_UNITS[unit][1]
        decimals = max(written_decimals(baseline), written_decimals(result))
        return _with_sign(format_duration(abs(diff), unit, decimals=decimals), diff, True, False)
    diff = result.value - baseline.value
    decimals = max(written_decimals(baseline), written_decimals(result))
    if baseline.kind in ("percent", "points"):
        body = format_points(abs(diff), decimals=decimals)
    elif baseline.kind == "money":
        body = format_money(abs(diff), baseline.currency or "$", decimals=decimals)
    else:
        body = format_count(abs(diff), decimals=decimals)
    return _with_sign(body, diff, True, False)
