import pytest

from briefgen.quantities import (
    QuantityError,
    format_count,
    format_money,
    format_quantity,
    parse_quantity,
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
