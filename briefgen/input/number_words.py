"""Numbers written in words ("twelve million", "3 percent") -> the digits briefgen accepts.

Used only to suggest a fix in an error message; briefgen never guesses a figure silently.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"thousand": ("K", 1e3), "k": ("K", 1e3), "million": ("M", 1e6), "mn": ("M", 1e6),
           "m": ("M", 1e6), "billion": ("B", 1e9), "bn": ("B", 1e9), "b": ("B", 1e9)}
_UNIT_WORDS = {"percent": "%", "per cent": "%", "pct": "%", "seconds": " s", "second": " s",
               "secs": " s", "milliseconds": " ms", "millisecond": " ms", "minutes": " min",
               "hours": " h", "percentage points": " pp", "points": " pp"}
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _read_number(words: list[str]) -> tuple[float | None, list[str]]:
    """The number at the start of ``words`` (digits or English words up to the hundreds)."""
    if words and _NUMBER.match(words[0].replace(",", "")):
        return float(words[0].replace(",", "")), words[1:]
    total: float | None = None
    rest = list(words)
    while rest:
        word = rest[0]
        if word in _UNITS:
            total = (total or 0) + _UNITS[word]
        elif word in _TENS:
            total = (total or 0) + _TENS[word]
        elif word == "hundred" and total is not None:
            total *= 100
        elif word == "and" and total is not None:
            pass
        else:
            break
        rest.pop(0)
    return total, rest


def _plain(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def digits_for(text: str) -> list[str]:
    """Ways to write ``text`` that briefgen reads, e.g. "twelve million" -> ["12M", "12,000,000"].

    Empty when ``text`` is not a number in words.
    """
    lowered = text.strip().lower().replace("-", " ")
    money = lowered.startswith("$") or "dollar" in lowered
    lowered = re.sub(r"\bus\b|\busd\b|dollars?|\$", " ", lowered)
    unit = ""
    for word, symbol in sorted(_UNIT_WORDS.items(), key=lambda item: -len(item[0])):
        if lowered.endswith(" " + word) or lowered.endswith(word) and lowered != word:
            unit, lowered = symbol, lowered[: -len(word)]
            break
    words = [w for w in lowered.split() if w]
    number, rest = _read_number(words)
    if number is None:
        return []
    suffix, factor = "", 1.0
    if rest and rest[0] in _SCALES:
        suffix, factor = _SCALES[rest.pop(0)]
    if rest:
        return []
    currency = "$" if money else ""
    if unit:
        return [f"{currency}{_plain(number * factor)}{unit}"]
    short = f"{currency}{_plain(number)}{suffix}"
    full = f"{currency}{_plain(number * factor)}"
    return [short] if short == full else [short, full]
