"""Loan validation: every invalid input raises a LoanReliefError naming its field."""

from __future__ import annotations

import decimal
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr

START = date(2024, 1, 15)
VALID: dict[str, Any] = {"principal": 50000, "annual_rate": "0.18", "term": 24, "start": START}


def make(**changes: Any) -> lr.Loan:
    return lr.Loan(**{**VALID, **changes})


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"principal": 0}, "principal", lr.InvalidValueError),
        ({"principal": -100}, "principal", lr.InvalidValueError),
        ({"principal": "1000.001"}, "principal", lr.InvalidValueError),
        ({"principal": True}, "principal", lr.InvalidTypeError),
        ({"principal": "lots"}, "principal", lr.InvalidValueError),
        ({"annual_rate": -0.01}, "annual_rate", lr.InvalidValueError),
        ({"annual_rate": 18}, "annual_rate", lr.InvalidValueError),
        ({"annual_rate": float("nan")}, "annual_rate", lr.InvalidValueError),
        ({"term": 0}, "term", lr.InvalidValueError),
        ({"term": 1201}, "term", lr.InvalidValueError),
        ({"term": 12.0}, "term", lr.InvalidTypeError),
        ({"term": 101, "frequency": "annual"}, "term", lr.InvalidTermsError),
        ({"method": "french"}, "method", lr.InvalidValueError),
        ({"frequency": "fortnightly"}, "frequency", lr.InvalidValueError),
        ({"day_count": "actual/365"}, "day_count", lr.InvalidValueError),
        ({"interest_basis": "daily"}, "interest_basis", lr.InvalidValueError),
        ({"rounding": "up"}, "rounding", lr.InvalidValueError),
        ({"grace": "defer"}, "grace", lr.InvalidValueError),
        ({"start": "2024-01-15"}, "start", lr.InvalidTypeError),
        ({"start": datetime(2024, 1, 15)}, "start", lr.InvalidTypeError),
        ({"first_due_date": date(2024, 1, 1)}, "first_due_date", lr.InvalidTermsError),
        ({"first_due_date": START}, "first_due_date", lr.InvalidTermsError),
        ({"first_due_date": date(2024, 3, 16)}, "first_due_date", lr.InvalidTermsError),
        ({"method": "balloon"}, "amortization_term", lr.InvalidTermsError),
        (
            {"method": "balloon", "amortization_term": 12},
            "amortization_term",
            lr.InvalidTermsError,
        ),
        ({"amortization_term": 36}, "amortization_term", lr.InvalidTermsError),
        ({"grace_periods": 24}, "grace_periods", lr.InvalidTermsError),
        ({"grace_periods": -1}, "grace_periods", lr.InvalidValueError),
        ({"grace_periods": 2, "method": "bullet"}, "grace_periods", lr.InvalidTermsError),
        ({"grace_periods": 2, "method": "flat"}, "grace_periods", lr.InvalidTermsError),
        ({"upfront_fee": -1}, "upfront_fee", lr.InvalidValueError),
        ({"upfront_fee": 50000, "fee_deducted": True}, "upfront_fee", lr.InvalidTermsError),
        ({"instalment_fee": "0.005"}, "instalment_fee", lr.InvalidValueError),
        ({"fee_deducted": "yes"}, "fee_deducted", lr.InvalidTypeError),
        ({"end_of_month": 1}, "end_of_month", lr.InvalidTypeError),
        ({"currency": "usd"}, "currency", lr.InvalidValueError),
        ({"currency": "JPY", "principal": "100.5"}, "principal", lr.InvalidValueError),
    ],
)
def test_invalid_terms_name_field_value_and_rule(
    changes: dict[str, Any], field: str, error: type[lr.LoanReliefError]
) -> None:
    """Each invalid field raises its documented error, naming the field and what is valid."""
    with pytest.raises(error) as raised:
        make(**changes)
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}=")
    assert raised.value.valid


def test_unknown_option_lists_the_valid_ones() -> None:
    """An unknown method's message lists every valid method."""
    with pytest.raises(lr.InvalidValueError) as raised:
        make(method="french")
    for method in lr.Method:
        assert repr(method.value) in str(raised.value)


def test_errors_are_builtin_exceptions_too() -> None:
    """Callers catching ValueError or TypeError catch loanrelief's errors."""
    with pytest.raises(ValueError, match="term"):
        make(term=0)
    with pytest.raises(TypeError, match="principal"):
        make(principal=None)


_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.lists(st.integers(), max_size=2),
)


@given(
    st.sampled_from(
        sorted(
            set(VALID)
            | {
                "method",
                "frequency",
                "day_count",
                "grace",
                "interest_basis",
                "rounding",
                "currency",
                "grace_periods",
                "upfront_fee",
                "instalment_fee",
                "first_due_date",
                "amortization_term",
            }
        )
    ),
    _ANYTHING,
)
def test_fuzzed_fields_are_accepted_or_rejected_cleanly(field: str, value: object) -> None:
    """Any value in any field either makes a valid loan or raises a LoanReliefError."""
    try:
        loan = make(**{field: value})
    except lr.LoanReliefError as error:
        assert error.field
        assert isinstance(error, ValueError | TypeError)
    else:
        schedule = lr.amortize(loan)
        assert schedule.total_principal == loan.principal


def test_loan_normalizes_its_fields() -> None:
    """A loan keeps Decimal amounts quantized to the minor unit and enum options."""
    loan = make(principal=1234.5, annual_rate=0.049, method="equal_principal")
    assert loan.principal == Decimal("1234.50")
    assert loan.annual_rate == Decimal("0.049")
    assert loan.principal_minor == 123450
    assert loan.method is lr.Method.EQUAL_PRINCIPAL
    assert make(currency="KWD", principal="1.5").principal == Decimal("1.500")


def test_loans_are_frozen_values() -> None:
    """Loans compare by value and cannot be changed in place."""
    assert make() == make()
    assert hash(make()) == hash(make())
    with pytest.raises(AttributeError):
        make().term = 36  # type: ignore[misc]


def test_replace_validates_again() -> None:
    """Loan.replace changes a field and validates the result like a new loan."""
    assert make().replace(term=36).term == 36
    with pytest.raises(lr.InvalidValueError, match="term"):
        make().replace(term=0)


def test_proceeds_less_deducted_fee() -> None:
    """A deducted upfront fee lowers the proceeds; a fee paid separately does not."""
    assert make(upfront_fee=1000).proceeds == Decimal("50000.00")
    assert make(upfront_fee=1000, fee_deducted=True).proceeds == Decimal("49000.00")


def test_absurd_principal_is_rejected() -> None:
    """A principal above 10**14 major units is rejected before it could overflow a column."""
    with pytest.raises(lr.InvalidValueError, match="at most 100,000,000,000,000"):
        make(principal=10**14 + 1)
    assert make(principal=10**14).principal_minor == 10**16


def test_results_ignore_the_callers_decimal_context() -> None:
    """A caller's decimal precision or rounding setting does not change any result."""
    expected = lr.amortize(make(instalment_fee=1, upfront_fee=5))
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_DOWN
        schedule = lr.amortize(make(instalment_fee=1, upfront_fee=5))
        assert schedule.instalments == expected.instalments
        assert schedule.total_paid == expected.total_paid
        assert schedule.cost_of_credit == expected.cost_of_credit
        assert schedule.loan.annual_rate == Decimal("0.18")
