import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.input.quantities import Quantity, QuantityError, parse_quantity
from briefgen.language.numbers import (
    format_count,
    format_delta,
    format_money,
    format_percent,
    format_quantity,
    format_relative,
)


@pytest.mark.parametrize(
    ("raw", "value", "kind", "unit"),
    [
        ("13M", 13e6, "number", ""),
        ("4.5k", 4500, "number", ""),
        ("1,500,000", 1.5e6, "number", ""),
        ("12%", 12, "percent", "%"),
        ("-15%", -15, "percent", "%"),
        ("+1.5M", 1.5e6, "number", ""),
        ("$1.2M", 1.2e6, "money", ""),
        ("$400K", 400e3, "money", ""),
        ("2 s", 2, "duration", "s"),
        ("350 ms", 350, "duration", "ms"),
        ("99.9%", 99.9, "percent", "%"),
        ("-2 s", -2, "duration", "s"),
        (28, 28, "number", ""),
        (0.5, 0.5, "number", ""),
    ],
)
def test_parse(raw, value, kind, unit):
    q = parse_quantity(raw)
    assert q.value == pytest.approx(value)
    assert q.kind == kind
    assert q.unit == unit


@pytest.mark.parametrize("raw", ["twelve million", "", "12%%", "$5%", True, None, "1e400", "M"])
def test_parse_rejects(raw):
    with pytest.raises(QuantityError):
        parse_quantity(raw)


@pytest.mark.parametrize(
    ("raw", "text"),
    [("13M", "13M"), ("$1.2M", "$1.2M"), ("$400K", "$400K"), ("-15%", "-15%"), ("+1.5M", "+1.5M"),
     ("2 s", "2 s"), ("350 ms", "350 ms"), ("99.9%", "99.9%"), (28, "28"), ("1,500,000", "1.5M")],
)
def test_round_trip_keeps_the_written_unit(raw, text):
    assert format_quantity(parse_quantity(raw)) == text


def test_formatters_avoid_float_noise():
    assert format_count(0.1 + 0.2) == "0.3"
    assert format_count(12_000_000) == "12M"
    assert format_money(1_250_000) == "$1.25M"


# --- formatting: the figure a strong candidate would say -------------------------------------

FORMATTED = [
    ("4.5k", "4.5K"), ("42,000", "42,000"), ("42000", "42,000"), ("950", "950"), ("150000", "150K"),
    ("999,500", "1M"), ("999,999,999", "1B"), ("12,345,678", "12.3M"), ("13.25M", "13.25M"),
    ("5T", "5T"), (1234.5, "1,234.5"), (0.452, "0.452"), (0.0003, "0.0003"),
    ("$90K", "$90K"), ("$1,500", "$1.5K"), ("$2.5B", "$2.5B"), ("€1.2M", "€1.2M"), ("£0.4", "£0.40"),
    ("¥150M", "¥150M"), ("₹2.5M", "₹2.5M"), ("$0.004", "$0.004"), ("-$50K", "-$50K"), ("$950", "$950"),
    ("99.95%", "99.95%"), ("99.999%", "99.999%"), ("0.05%", "0.05%"), ("12.0%", "12%"), ("9 pp", "9 pp"),
    ("1.25 s", "1.25 s"), ("0.5 ms", "0.5 ms"), ("144 h", "144 h"), ("90 min", "90 min"),
]


@pytest.mark.parametrize(("raw", "text"), FORMATTED)
def test_format_quantity(raw, text):
    assert format_quantity(parse_quantity(raw)) == text


@pytest.mark.parametrize(("value", "text"), [
    (99.95, "99.95%"), (99.999, "99.999%"), (0.0004, "0.0004%"), (100, "100%"), (0, "0%"), (12, "12%"),
    (1.7, "1.7%"), (-15, "-15%"),
])
def test_format_percent_never_rounds_to_a_round_number(value, text):
    assert format_percent(value) == text


@pytest.mark.parametrize(("percent", "text"), [
    (-75, "-75%"), (25, "+25%"), (-65.714, "-66%"), (68.5, "+69%"), (-5.71, "-5.7%"), (0.45, "+0.45%"),
    (100, "2x"), (150, "2.5x"), (1100, "12x"), (-100, "-100%"), (0.0000001, "0%"),
])
def test_format_relative(percent, text):
    assert format_relative(percent) == text


@pytest.mark.parametrize(("baseline", "result", "text"), [
    ("12%", "3%", "-9 pp"), ("1.2 s", "350 ms", "-850 ms"), (28, 35, "+7"), ("$0.40", "$0.12", "-$0.28"),
    ("144 h", "20 h", "-124 h"), ("0.45%", "0.44%", "-0.01 pp"), (-10, 15, "+25"), (5, 5, "0"),
])
def test_format_delta(baseline, result, text):
    assert format_delta(parse_quantity(baseline), parse_quantity(result)) == text


def test_money_rolls_over_into_the_next_unit():
    assert format_money(999.999) == "$1K"
    assert format_money(999_999) == "$1M"
    assert format_money(12.5) == "$12.50"


def test_signs():
    assert format_quantity(parse_quantity("-2 s"), signed=False) == "2 s"
    assert format_quantity(parse_quantity("1.5M"), signed=True) == "+1.5M"
    assert format_quantity(parse_quantity("0%"), signed=True) == "0%"


@given(value=st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e15)),
       negative=st.booleans(),
       kind=st.sampled_from(["number", "percent", "points", "money", "duration"]))
def test_formatted_figures_read_back_as_the_same_quantity(value, negative, kind):
    """Whatever the magnitude, a printed figure is a quantity briefgen itself can read, of the
    same kind, within the rounding a person would use (three significant digits)."""
    value = -value if negative else value
    unit = {"percent": "%", "points": "pp", "duration": "s"}.get(kind, "")
    q = Quantity(value=value, kind=kind, unit=unit, currency="€" if kind == "money" else "")
    text = format_quantity(q)
    assert "e+" not in text and "e-" not in text and "nan" not in text
    back = parse_quantity(text)
    assert back.kind == kind
    assert math.isclose(back.value, value, rel_tol=0.006, abs_tol=0.006)
