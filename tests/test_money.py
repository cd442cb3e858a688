"""Parsing money and rates, minor units and the one rounding rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.money import (
    RoundingMode,
    float_fractions,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)


@pytest.mark.parametrize(
    ("value", "digits", "minor"),
    [
        (50000, 2, 5000000),
        ("1234.56", 2, 123456),
        (" 1_234.5 ", 2, 123450),
        (Decimal("1234.56"), 2, 123456),
        (1234.56, 2, 123456),
        (0.1, 2, 10),
        (1500, 0, 1500),
        ("1.234", 3, 1234),
        ("0", 2, 0),
        (np.float64(2496.21), 2, 249621),  # numpy 2 reprs this as np.float64(2496.21)
        (np.int64(7), 2, 700),
    ],
)
def test_amounts_parse_to_minor_units(value: object, digits: int, minor: int) -> None:
    """Major-unit amounts of every accepted type become the exact integer of minor units."""
    assert to_minor(value, field="amount", digits=digits) == minor


@pytest.mark.parametrize(
    ("value", "digits", "error"),
    [
        (0.001, 2, lr.InvalidValueError),
        ("1.5", 0, lr.InvalidValueError),
        (float("nan"), 2, lr.InvalidValueError),
        (float("inf"), 2, lr.InvalidValueError),
        ("NaN", 2, lr.InvalidValueError),
        ("Infinity", 2, lr.InvalidValueError),
        ("12,5", 2, lr.InvalidValueError),
        ("", 2, lr.InvalidValueError),
        (True, 2, lr.InvalidTypeError),
        (None, 2, lr.InvalidTypeError),
        ([1], 2, lr.InvalidTypeError),
        (-5, 2, lr.InvalidValueError),
    ],
)
def test_bad_amounts_raise_naming_the_field(value: object, digits: int, error: type) -> None:
    """Each bad amount raises the documented error, naming the field and the value."""
    with pytest.raises(error) as raised:
        to_minor(value, field="fee", digits=digits)
    assert raised.value.field == "fee"
    assert "fee=" in str(raised.value)


@given(st.integers(-(10**12), 10**12), st.sampled_from([0, 2, 3]))
def test_minor_units_round_trip(minor: int, digits: int) -> None:
    """to_major then to_minor gives back the same integer, for every currency exponent."""
    major = to_major(minor, digits)
    assert major.as_tuple().exponent == -digits
    assert to_minor(major, field="amount", digits=digits, minimum=None) == minor


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**9), st.sampled_from(RoundingMode))
def test_round_ratio_is_nearest(numerator: int, denominator: int, mode: RoundingMode) -> None:
    """round_ratio is within half a unit of the exact quotient and breaks ties by the mode."""
    result = round_ratio(numerator, denominator, mode)
    exact = Fraction(numerator, denominator)
    assert abs(result - exact) <= Fraction(1, 2)
    if abs(result - exact) == Fraction(1, 2):
        if mode is RoundingMode.HALF_EVEN:
            assert result % 2 == 0
        else:
            assert abs(result) > abs(exact)


def test_round_ratio_agrees_with_decimal() -> None:
    """round_ratio matches Decimal's ROUND_HALF_EVEN and ROUND_HALF_UP on every tie."""
    for twice in range(-21, 22, 2):  # the ties -10.5 .. 10.5
        exact = Decimal(twice) / 2
        assert round_ratio(twice, 2, RoundingMode.HALF_EVEN) == int(
            exact.quantize(Decimal(1), rounding="ROUND_HALF_EVEN")
        )
        assert round_ratio(twice, 2, RoundingMode.HALF_UP) == int(
            exact.quantize(Decimal(1), rounding="ROUND_HALF_UP")
        )


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        (0.18, Fraction(9, 50)),
        ("0.049", Fraction(49, 1000)),
        (Decimal("0.1"), Fraction(1, 10)),
        (0, Fraction(0)),
        (10, Fraction(10)),
    ],
)
def test_rates_parse_exactly(value: object, rate: Fraction) -> None:
    """Rates from float, str, Decimal and int become the exact fraction they spell."""
    assert parse_rate(value, field="annual_rate") == rate


@pytest.mark.parametrize("value", [-0.01, 18, 10.0001, "abc", float("nan")])
def test_bad_rates_raise(value: object) -> None:
    """Negative, absurd (18 for 18 %), unparseable and NaN rates raise InvalidValueError."""
    with pytest.raises(lr.InvalidValueError, match="annual_rate"):
        parse_rate(value, field="annual_rate")


@pytest.mark.parametrize(
    ("currency", "digits"),
    [
        (None, 2),
        ("USD", 2),
        ("CNY", 2),
        ("EUR", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("KWD", 3),
        ("BHD", 3),
        ("CLF", 4),
    ],
)
def test_currency_minor_digits(currency: str | None, digits: int) -> None:
    """ISO 4217 minor-unit digits: 2 by default, 0 for JPY and KRW, 3 for KWD and BHD."""
    assert lr.minor.minor_digits(currency) == digits


@pytest.mark.parametrize("currency", ["usd", "US", "DOLLAR", "U$D", 840])
def test_bad_currency_codes_raise(currency: object) -> None:
    """A currency that is not three upper-case letters raises a LoanReliefError."""
    with pytest.raises(lr.LoanReliefError, match="currency"):
        lr.minor.minor_digits(currency)  # type: ignore[arg-type]


@pytest.mark.parametrize("currency", ["XYZ", "ABC", "XAU", "XDR", "XXX", "RMB"])
def test_codes_outside_iso_4217_or_without_a_minor_unit_are_refused(currency: str) -> None:
    """A code outside ISO 4217, or one with no minor unit, is refused naming ISO 4217.

    A made-up code (XYZ, or RMB for the yuan) or one with no minor unit (gold, the
    SDR, "no currency"), on a loan as well.
    """
    with pytest.raises(lr.InvalidValueError, match=f"currency='{currency}'.*ISO 4217"):
        lr.minor.minor_digits(currency)
    with pytest.raises(lr.InvalidValueError, match="currency"):
        lr.Loan(1000, 0.05, 12, start=date(2024, 1, 15), currency=currency)


_DECIMAL_FLOATS = st.builds(
    lambda digits, places: float(Decimal(digits).scaleb(-places)),
    st.integers(0, 10**17),
    st.integers(0, 20),
)


@given(
    st.lists(
        st.one_of(_DECIMAL_FLOATS, st.floats(0, 1e300), st.floats(0, 1e-290)),
        max_size=30,
    )
)
def test_floats_read_at_once_are_read_as_one_is(values: list[float]) -> None:
    """float_fractions is Fraction(repr(x)) element by element, in lowest terms.

    Decimals, 17-digit floats, subnormals and huge values alike (fast where a float has
    at most 15 decimals, by repr one by one elsewhere).
    """
    numerators, denominators = float_fractions(np.array(values, dtype=np.float64))
    expected = [Fraction(repr(value)) for value in values]
    assert [Fraction(int(n), int(d)) for n, d in zip(numerators, denominators, strict=True)] == (
        expected
    )
    assert all(
        (int(n), int(d)) == (f.numerator, f.denominator)  # in lowest terms
        for n, d, f in zip(numerators, denominators, expected, strict=True)
    )
