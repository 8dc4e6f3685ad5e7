"""Numbers as a strong candidate says them: compact (13M, $1.2M), never with floating-point
noise, never less precise than the author wrote (99.95% stays 99.95%), and in the unit the author
wrote (2 s stays 2 s, 350 ms stays 350 ms).

Rounding is half-up on the decimal text of the number, so 68.5 rounds to 69 (not to 68 as binary
round() would). Every figure in every output goes through this module.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal

from ..input.quantities import Quantity, scale_of, unit_seconds

# (smallest magnitude shown in this unit, the unit's size, its label)
_COMPACT_COUNT = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e5, 1e3, "K"))
_COMPACT_MONEY = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e3, 1e3, "K"))
_MAX_DECIMALS = 6
_NONZERO = re.compile(r"[1-9]")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
_WRITTEN_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*)?(?:\.(\d+))?")


# Enough digits for any float (at most 309 before the point) and the decimals asked for, so that
# rounding never raises: a result 1e28 times its baseline is extreme, but it is the user's figure.
_CONTEXT = Context(prec=400)


def _rounded(value: float, decimals: int) -> Decimal:
    if not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be written as a figure")
    exact = Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_CONTEXT)


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


def scientific(magnitude: float) -> str:
    """A figure too small or too large for words, with two significant digits: 1e-10, 3.5e21."""
    mantissa, _, exponent = f"{magnitude:.1e}".partition("e")
    return f"{mantissa.removesuffix('.0')}e{int(exponent)}"


def _visible(body: str, magnitude: float) -> str:
    """``body``, unless a figure that is not zero rounded to nothing but zeros (1e-10 -> "0")."""
    return scientific(magnitude) if magnitude and not _NONZERO.search(body) else body


def format_count(value: float, *, decimals: int = 0) -> str:
    """Counts as people say them: 13M, 4.5M, 1.2B, 150K, 42,000, 950, 0.35."""
    magnitude = abs(value)
    if magnitude >= 1e15:  # past trillions, no word helps: 1.2e18
        return _with_sign(scientific(magnitude), value, False, False)
    body = _compact(magnitude, _COMPACT_COUNT, decimals)
    if body is None:
        # Under 100, keep two decimals (12.34) or two significant digits when smaller (0.0042).
        places = max(decimals, 0 if magnitude >= 100 else max(2, significant_decimals(magnitude, 2)))
        body = _visible(format_decimal(magnitude, places), magnitude)
    return _with_sign(body, value, False, False)


def format_money(value: float, currency: str = "$", *, decimals: int = 0) -> str:
    """Money as people say it: $1.2M, $400K, $90K, $950, $0.40, EUR amounts as €1.2M."""
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    if magnitude >= 1e15:
        return f"{sign}{currency}{scientific(magnitude)}"
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
    text = _visible(text.lstrip("-"), magnitude)
    return f"{'-' if value < 0 and magnitude else ''}{text}%"


def format_points(value: float, *, decimals: int = 0) -> str:
    """A difference of two percentages: "9 pp", "0.25 pp"."""
    return f"{format_decimal(value, max(decimals, 2))} pp"


def format_duration(value: float, unit: str, *, decimals: int = 0) -> str:
    """"2 s", "350 ms", "1.25 s", "144 h"; tiny values keep two significant digits."""
    places = max(decimals, 2, significant_decimals(value, 2))
    return f"{_visible(format_decimal(value, places), abs(value))} {unit}"


def format_multiple(factor: float, *, decimals: int = 0) -> str:
    """A factor: "2x", "0.5x", "1.25x" (at most two decimals unless the author wrote more)."""
    return format_decimal(factor, max(decimals, 2)) + "x"


def format_relative(percent: float) -> str:
    """A relative change: "-75%", "+25%", "-5.7%", "+0.45%"; gains of 100% or more as a
    multiple ("2x", "2.5x", "12x"), which is how people say them."""
    if percent >= 100:
        factor = 1 + percent / 100
        if factor >= 1e6:  # "a million times" is already past what a sentence can carry
            return scientific(factor) + "x"
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
    elif q.kind == "multiple":
        body = format_multiple(magnitude, decimals=decimals)
    elif q.suffix:
        # The author chose a scale ("4.5k"); keep it rather than expanding to "4,500".
        threshold = scale_of(q.suffix)
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
    elif q.kind == "multiple":
        body += "x"
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
        units = sorted({baseline.unit, result.unit}, key=unit_seconds)
        unit = units[-1]
        if abs(seconds) < unit_seconds(unit):
            unit = units[0]
        diff = seconds / unit_seconds(unit)
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
