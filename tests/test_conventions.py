"""Each lender's own convention, against its published example and its definition."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._cli.cli import main
from loanrelief._foundations.dates import shift_months

_FILE = Path(__file__).parent / "reference" / "convention_cases.json"
CASES = {case["id"]: case for case in json.loads(_FILE.read_text(encoding="utf-8"))["cases"]}
CENT = Decimal("0.01")


def _cents(value: Fraction) -> Decimal:
    """Round an exact amount half-even to the cent (the cards' default rounding)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_EVEN)


# -- card interest: the periodic rate and the days counted ------------------------------


def _regz(**terms: object) -> lr.cards.Card:
    """Appendix F's card: 1 1/2 % a month on the average daily balance, a 3 % charge."""
    return lr.cards.Card(
        statement_day=1,
        annual_rate="0.18",
        periodic_rate="apr/12",
        statement_date_counted=True,
        cash_fee_share="0.03",
        **terms,  # type: ignore[arg-type]
    )


def test_regulation_z_appendix_f_no_previous_balance() -> None:
    """$100 on the cycle's first day, 3 % charge, 1 1/2 % on the ADB: $4.50."""
    case = CASES["regz-appf-1-adb-monthly-no-previous-balance"]
    moves = [lr.cards.CardTransaction(date(2024, 4, 2), 100, "cash")]  # cycle 04-02 to 05-01
    statement = lr.cards.card_statements(_regz(), moves, until=date(2024, 5, 1)).statements[-1]
    assert statement.date == date(2024, 5, 1)
    adb = Decimal(str(case["expected"]["average_daily_balance"]))
    assert statement.interest == (adb * Decimal("0.015")).quantize(CENT)
    assert statement.interest + statement.new_charges - 100 == Decimal(
        str(case["expected"]["finance_charge"])
    )


def test_regulation_z_appendix_f_previous_balance_and_a_midpoint_transaction() -> None:
    """$100 owed all cycle and $100 from its midpoint: ADB $150, finance charge $5.25."""
    case = CASES["regz-appf-2-adb-monthly-previous-balance-100"]
    moves = [
        lr.cards.CardTransaction(date(2024, 3, 15), 100, "cash"),
        lr.cards.CardTransaction(date(2024, 4, 2), "3.87", "payment"),  # March's fee and interest
        lr.cards.CardTransaction(date(2024, 4, 17), 100, "cash"),  # day 16 of 30: 15 days
    ]
    march, april = lr.cards.card_statements(_regz(), moves, until=date(2024, 5, 1)).statements
    assert march.interest + 3 == Decimal("3.87")  # what the payment settles
    adb = Decimal(str(case["expected"]["average_daily_balance"]))
    assert april.interest == (adb * Decimal("0.015")).quantize(CENT)
    finance_charge = april.interest + (april.new_charges - 100)
    assert finance_charge == Decimal(str(case["expected"]["finance_charge"]))


def test_the_chinese_published_example_keeps_its_days_by_default() -> None:
    """The default counts a posting's day and not the statement's (588 in the example)."""
    spent = [
        lr.cards.CardTransaction(date(2017, 3, 8), 20000),
        lr.cards.CardTransaction(date(2017, 4, 25), 2000, "payment"),
    ]
    daily = lr.cards.Card(statement_day=7, daily_rate="0.0005")
    counted = lr.cards.Card(statement_day=7, daily_rate="0.0005", statement_date_counted=True)
    ours = lr.cards.card_statements(daily, spent, until=date(2017, 5, 7)).statements[-1]
    theirs = lr.cards.card_statements(counted, spent, until=date(2017, 5, 7)).statements[-1]
    assert ours.interest == 588  # 20,000 x 48 + 18,000 x 12 days at 0.05 %
    assert theirs.interest == 588 + 9  # and 05-07's 18,000 x 0.05 %


_DAY_ONE = date(2024, 1, 1)


@st.composite
def _balances(draw: st.DrawFn) -> tuple[int, int, str, bool, int]:
    """A cash advance (cents), an APR (basis points), a convention, the days counted, cycles."""
    return (
        draw(st.integers(1, 10**9)),
        draw(st.integers(0, 6000)),
        draw(st.sampled_from(["apr/365", "apr/360", "apr/12"])),
        draw(st.booleans()),
        draw(st.integers(1, 14)),
    )


@given(_balances(), st.integers(1, 28), st.integers(0, 400))
def test_a_balance_left_alone_compounds_by_its_convention(
    drawn: tuple[int, int, str, bool, int], day: int, start: int
) -> None:
    """A cash advance on a cycle's first day, never paid, statement by statement.

    Each statement charges, on the balance of the one before (interest included), the
    APR x days / 365, the APR x days / 360, or the APR / 12 of a whole cycle, rounded
    once: an independent recurrence. The cycle's first day is the statement date, or
    the day after it where the statement date is counted (it closes the cycle).
    """
    cents, bps, convention, counted, cycles = drawn
    apr = Fraction(bps, 10000)
    opened = (_DAY_ONE + timedelta(days=start)).replace(day=day)
    card = lr.cards.Card(
        statement_day=day,
        annual_rate=str(Decimal(bps) / 10000),
        periodic_rate=convention,
        statement_date_counted=counted,
    )
    amount = Decimal(cents) / 100
    posted = opened + timedelta(days=1) if counted else opened
    until = shift_months(opened, cycles)
    history = lr.cards.card_statements(
        card, [lr.cards.CardTransaction(posted, amount, "cash")], until=until
    )
    assert history.statements[0].date == (shift_months(opened, 1) if counted else opened)
    balance = amount
    for statement in history.statements if counted else history.statements[1:]:
        days = (statement.date - shift_months(statement.date, -1)).days
        share = {"apr/365": apr * days / 365, "apr/360": apr * days / 360, "apr/12": apr / 12}
        expected = _cents(Fraction(balance) * share[convention])
        assert statement.interest == expected
        balance += expected
        assert statement.balance == balance


@given(st.integers(1, 10**9), st.integers(1, 6000), st.integers(1, 27), st.integers(1, 28))
def test_a_360_day_year_charges_365_over_360_of_the_365_day_charge(
    cents: int, bps: int, offset: int, day: int
) -> None:
    """On the same balance and days, APR / 360 is 365/360 of APR / 365, to a cent."""
    rate = str(Decimal(bps) / 10000)
    posted = date(2024, 3, day)
    moves = [lr.cards.CardTransaction(posted, Decimal(cents) / 100, "cash")]
    until = shift_months(posted, 1)
    charged = {}
    for convention in ("apr/365", "apr/360"):
        card = lr.cards.Card(statement_day=day, annual_rate=rate, periodic_rate=convention)
        charged[convention] = (
            lr.cards.card_statements(card, moves, until=until).statements[-1].interest
        )
    ratio = Fraction(charged["apr/365"]) * Fraction(365, 360)
    # each charge is rounded once: half a cent each, the 365-day one scaled by 365/360
    assert abs(Fraction(charged["apr/360"]) - ratio) <= Fraction(1, 200) * (1 + Fraction(365, 360))


@given(st.integers(1, 10**9), st.integers(1, 6000), st.integers(1, 28), st.integers(0, 11))
def test_a_monthly_rate_differs_from_a_daily_one_by_the_cycle_length(
    cents: int, bps: int, day: int, month: int
) -> None:
    """A whole cycle at APR / 12 against APR x days / 365 on one balance.

    They differ by the balance x APR x |1/12 - days/365| (at most 28 days' share:
    0.66 % of the balance a year) and a cent of rounding.
    """
    rate = str(Decimal(bps) / 10000)
    posted = date(2023, 1 + month, day)
    moves = [lr.cards.CardTransaction(posted, Decimal(cents) / 100, "cash")]
    until = shift_months(posted, 1)
    days = (until - posted).days
    charged = {}
    for convention in ("apr/365", "apr/12"):
        card = lr.cards.Card(statement_day=day, annual_rate=rate, periodic_rate=convention)
        charged[convention] = (
            lr.cards.card_statements(card, moves, until=until).statements[-1].interest
        )
    gap = Fraction(cents, 100) * Fraction(bps, 10000) * abs(Fraction(1, 12) - Fraction(days, 365))
    difference = abs(Fraction(charged["apr/12"]) - Fraction(charged["apr/365"]))
    assert difference <= gap + Fraction(1, 100)
    widest = Fraction(1, 12) - Fraction(28, 365)  # a February cycle
    assert gap <= Fraction(cents, 100) * Fraction(bps, 10000) * widest


@given(st.integers(1, 10**9), st.integers(1, 6000), st.integers(1, 27), st.integers(2, 25))
def test_counting_the_statement_date_adds_that_day_to_the_first_statement(
    cents: int, bps: int, day: int, after: int
) -> None:
    """A cash advance posted inside a cycle: counting the statement date adds one day."""
    rate = str(Decimal(bps) / 10000)
    statement = date(2024, 5, day)
    posted = statement - timedelta(days=after)
    moves = [lr.cards.CardTransaction(posted, Decimal(cents) / 100, "cash")]
    charged = {}
    for counted in (False, True):
        card = lr.cards.Card(statement_day=day, annual_rate=rate, statement_date_counted=counted)
        charged[counted] = (
            lr.cards.card_statements(card, moves, until=statement).statements[-1].interest
        )
    principal = Fraction(cents, 100)
    apr = Fraction(bps, 10000)
    assert charged[False] == _cents(principal * apr * after / 365)
    assert charged[True] == _cents(principal * apr * (after + 1) / 365)


def test_a_monthly_rate_takes_an_apr_and_conventions_are_checked_by_name() -> None:
    with pytest.raises(lr.InvalidTermsError, match="periodic_rate="):
        lr.cards.Card(statement_day=1, daily_rate="0.0005", periodic_rate="apr/12")
    with pytest.raises(lr.InvalidValueError, match="periodic_rate="):
        lr.cards.Card(statement_day=1, annual_rate="0.18", periodic_rate="apr/366")
    with pytest.raises(lr.LoanReliefError, match="statement_date_counted="):
        lr.cards.Card(statement_day=1, annual_rate="0.18", statement_date_counted="yes")  # type: ignore[arg-type]
    assert lr.cards.Card(
        statement_day=1, daily_rate="0.0005", periodic_rate="apr/360"
    ).annual_rate == (Fraction(18, 100))


def test_the_command_line_takes_the_card_conventions(capsys: pytest.CaptureFixture[str]) -> None:
    """``--count-statement-date`` adds 05-07's day; ``--periodic-rate`` is checked by name."""
    base = ["card", "statements", "--statement-day", "7", "--daily-rate", "0.0005"]
    base += ["--until", "2017-05-07"]
    moves = ["--transaction", "2017-03-08:20000", "--transaction", "2017-04-25:2000:payment"]
    assert main([*base, *moves, "--count-statement-date"]) == 0
    assert "597.00" in capsys.readouterr().out  # 588 and 18,000 x 0.05 % for 05-07
    assert main([*base, *moves, "--periodic-rate", "apr/12"]) == 2
    assert "--periodic-rate='apr/12'" in capsys.readouterr().err


# -- card minimum payments: the issuer's formula ----------------------------------------


def _citi_statement(rule: str, share: str) -> lr.cards.CardStatement:
    """The statement of Citibank Hong Kong's example: 12,352.43 owed, 379.27 of interest.

    The bank gives the statement's figures, not the history behind them: here a cash
    advance and a payment at 0.05 % a day make a statement showing exactly them.
    """
    card = lr.cards.Card(statement_day=1, daily_rate="0.0005", minimum_share=share,
                   minimum_floor=300, minimum_rule=rule, currency="HKD")  # fmt: skip
    moves = [
        lr.cards.CardTransaction(date(2024, 4, 1), "38596.17", "cash"),
        lr.cards.CardTransaction(date(2024, 4, 16), "26623.01", "payment"),
    ]
    history = lr.cards.card_statements(card, moves, until=date(2024, 5, 1))
    assert all(s.late_fee == 0 for s in history.statements)
    return history.statements[-1]


def test_a_hong_kong_banks_minimum_under_its_former_and_current_formulas() -> None:
    """Citibank Hong Kong: 4 % of 12,352.43 is 494.10; 379.27 + 1.5 % of 11,973.16 is 558.87."""
    case = CASES["hk-citi-minimum-payment-12352.43"]
    inputs, expected = case["inputs"], case["expected"]
    former = _citi_statement("share_of_balance", str(inputs["original_share_of_balance"]))
    current = _citi_statement("share_plus_charges", str(inputs["revised_share_of_principal"]))
    for statement in (former, current):
        assert statement.balance == Decimal(str(inputs["statement_balance"]))
        assert statement.interest == Decimal(str(inputs["current_billed_interest"]))
    remaining = current.balance - current.interest
    assert remaining == Decimal(str(expected["remaining_balance"]))
    assert former.minimum == Decimal(str(expected["original_minimum"]))
    assert current.minimum == Decimal(str(expected["revised_minimum"]))


def test_the_banks_statement_figures_give_its_minimum_under_each_formula() -> None:
    """The statement's own figures, started from: its minimum is checked by the card's rule."""
    case = CASES["hk-citi-minimum-payment-12352.43"]
    inputs, expected = case["inputs"], case["expected"]
    figures = {"statement_date": date(2024, 5, 1), "balance": str(inputs["statement_balance"]),
               "interest": str(inputs["current_billed_interest"])}  # fmt: skip
    for rule, share, shown in (
        ("share_of_balance", inputs["original_share_of_balance"], expected["original_minimum"]),
        ("share_plus_charges", inputs["revised_share_of_principal"], expected["revised_minimum"]),
    ):
        card = lr.cards.Card(statement_day=1, daily_rate="0.0005", minimum_share=str(share),
                       minimum_floor=300, minimum_rule=rule, currency="HKD")  # fmt: skip
        held = lr.cards.card_from_statement(card, **figures)  # type: ignore[arg-type]
        assert held.statements[0].minimum == Decimal(str(shown))
        lr.cards.card_from_statement(card, **figures, minimum=f"{shown:.2f}")  # type: ignore[arg-type]
        with pytest.raises(lr.InvalidTermsError, match="minimum="):
            lr.cards.card_from_statement(card, **figures, minimum="558.86")  # type: ignore[arg-type]


@given(
    st.integers(1, 10**9),
    st.integers(0, 6000),
    st.integers(1, 1000),
    st.integers(0, 10**5),
    st.integers(1, 28),
)
def test_a_share_of_the_balance_is_taken_of_everything_owed(
    cents: int, bps: int, share_bps: int, floor_cents: int, day: int
) -> None:
    """A cash advance never paid: each minimum is the share of the whole balance, floored.

    An independent walk: the balance grows by each statement's interest (APR x days /
    365, rounded), and the minimum is ``max(round(share x balance), floor)``, capped at
    the balance, plus the minimum left unpaid before (the previous one: nothing is paid;
    no late fee is set).
    """
    apr = Fraction(bps, 10000)
    share = Fraction(share_bps, 10000)
    floor = Decimal(floor_cents) / 100
    card = lr.cards.Card(statement_day=day, annual_rate=str(Decimal(bps) / 10000),
                   minimum_share=str(Decimal(share_bps) / 10000), minimum_floor=floor,
                   minimum_rule="share_of_balance")  # fmt: skip
    posted = date(2024, 1, day)
    amount = Decimal(cents) / 100
    history = lr.cards.card_statements(
        card, [lr.cards.CardTransaction(posted, amount, "cash")], until=shift_months(posted, 3)
    )
    assert history.statements[0].date == posted  # the advance's own day: no interest yet
    balance, unpaid = amount, Decimal(0)
    for k, statement in enumerate(history.statements):
        days = (statement.date - shift_months(statement.date, -1)).days if k else 0
        interest = _cents(Fraction(balance) * apr * days / 365)
        balance += interest
        assert statement.interest == interest
        assert statement.balance == balance
        minimum = min(max(_cents(Fraction(balance) * share) + unpaid, floor), balance)
        assert statement.minimum == minimum
        unpaid = minimum


def test_a_share_of_the_balance_can_be_less_or_more_than_a_share_plus_charges() -> None:
    """2 % of everything (Appendix M2's formula) against 1 % of principal plus interest.

    At 0.05 % a day (18.25 % a year) a month's interest is about 1.5 % of the balance:
    1 % plus it is more than 2 % of everything, and 1 % plus a month's interest at a low
    rate is less.
    """
    moves = [lr.cards.CardTransaction(date(2024, 3, 2), 10000, "cash")]  # 30 days to 04-01
    minimums = {}
    for rate in ("0.0005", "0.0001"):
        for rule, share in (("share_of_balance", "0.02"), ("share_plus_charges", "0.01")):
            card = lr.cards.Card(statement_day=1, daily_rate=rate, minimum_share=share,
                           minimum_floor=20, minimum_rule=rule)  # fmt: skip
            made = lr.cards.card_statements(card, moves, until=date(2024, 4, 1)).statements[-1]
            minimums[rate, rule] = made.minimum
            assert made.interest == 10000 * Decimal(rate) * 30
    assert minimums["0.0005", "share_plus_charges"] == 100 + 150  # 1 % and 30 days' interest
    assert minimums["0.0005", "share_of_balance"] == Decimal("203.00")  # 2 % of 10,150
    assert minimums["0.0001", "share_plus_charges"] == 100 + 30
    assert minimums["0.0001", "share_of_balance"] == Decimal("200.60")  # 2 % of 10,030


def test_the_minimum_rule_is_checked_by_name() -> None:
    with pytest.raises(lr.InvalidValueError, match="minimum_rule="):
        lr.cards.Card(statement_day=1, annual_rate="0.18", minimum_rule="greater of")
    with pytest.raises(lr.InvalidTermsError, match="cash_minimum_share="):
        lr.cards.Card(statement_day=1, annual_rate="0.18", minimum_rule="share_of_balance",
                cash_minimum_share="1")  # fmt: skip
    default = lr.cards.Card(statement_day=1, annual_rate="0.18")
    assert default.minimum_rule is lr.cards.MinimumRule.SHARE_PLUS_CHARGES


def test_the_command_line_takes_the_minimum_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """``--minimum-rule``: Citibank Hong Kong's statement under its former formula."""
    base = ["card", "statements", "--statement-day", "1", "--daily-rate", "0.0005",
            "--until", "2024-05-01",
            "--minimum-floor", "300", "--currency", "HKD",
            "--transaction", "2024-04-01:38596.17:cash",
            "--transaction", "2024-04-16:26623.01:payment"]  # fmt: skip
    assert main([*base, "--minimum-share", "0.04", "--minimum-rule", "share_of_balance"]) == 0
    assert "494.10" in capsys.readouterr().out
    assert main([*base, "--minimum-share", "0.015"]) == 0
    assert "558.87" in capsys.readouterr().out
    assert main([*base, "--minimum-rule", "greater of"]) == 2
    assert "--minimum-rule='greater of'" in capsys.readouterr().err


# -- card instalments: the fee, the payments and the rate disclosed ---------------------


def test_a_bank_instalment_example_and_its_disclosed_rate() -> None:
    """DBS Hong Kong: 50,000 over 60 months at 0.18 % a month and 62.5 a month: 985.83.

    Its APR, 7.04 %, is the effective annual rate of the flows (the Code of Banking
    Practice); the mainland disclosure, the monthly IRR x 12, is lower.
    """
    case = CASES["hk-dbs-instalment-50000x60-flat-0.18pct-apr-7.04"]
    inputs, expected = case["inputs"], case["expected"]
    amount, count = inputs["amount"], inputs["count"]
    interest = Decimal(str(inputs["monthly_flat_rate"])) * amount
    assert interest == Decimal(str(expected["monthly_interest"]))
    fee_rate = (
        Decimal(str(inputs["monthly_flat_rate"]))
        + Decimal(str(inputs["monthly_handling_fee"])) / amount
    )
    offer = lr.cards.card_instalment(amount, count, fee_rate)
    assert offer.payments[0] == Decimal(str(expected["monthly_repayment"]))
    assert abs(offer.effective_rate - expected["apr"]) <= case["tolerance"]["apr_abs"]
    assert offer.nominal_rate < offer.effective_rate


@given(
    st.integers(100, 10**8),
    st.integers(1, 120),
    st.integers(0, 1000),
    st.sampled_from(["spread", "upfront"]),
)
def test_instalments_repay_the_amount_and_fees_and_the_rate_clears_them(
    cents: int, count: int, fee_bps: int, fee: str
) -> None:
    """The payments add up to the amount and the fees; the disclosed IRR discounts them to it."""
    amount = Decimal(cents) / 100
    offer = lr.cards.card_instalment(amount, count, Decimal(fee_bps) / 100000, fee=fee)
    assert sum(offer.payments) == amount + offer.total_fee
    # equal parts but the last, which takes the remainder: fewer units than instalments
    assert max(offer.principal_parts) - min(offer.principal_parts) <= Decimal(count - 1) / 100
    monthly = offer.nominal_rate / 12
    present = sum(float(p) / (1 + monthly) ** (k + 1) for k, p in enumerate(offer.payments))
    assert abs(present - float(amount)) <= 1e-6 * float(amount + offer.total_fee)
    assert abs((1 + monthly) ** 12 - 1 - offer.effective_rate) <= 1e-9 * (1 + offer.effective_rate)


# -- loan calculators: the exact walk, rounded once --------------------------------------

_PREPAY = {
    case["id"]: case
    for case in json.loads(
        (Path(__file__).parent / "reference" / "prepayment_cases.json").read_text("utf-8")
    )
}


def test_a_us_extra_payment_calculator_to_the_dollar() -> None:
    """300,000 at 6.5 % over 30 years, 200 more a month: every published dollar figure.

    The calculator keeps the payment unrounded; its totals, rounded to the dollar as it
    shows them, are the exact walk's (382,633.47, 279,184.67, saved 103,448.80).
    """
    case = _PREPAY["prep-us-300k-6.5-30y-extra-200"]
    inputs, expected = case["inputs"], case["expected"]
    loan = lr.Loan(
        inputs["principal"], str(inputs["annual_rate"]), inputs["months"], start=date(2024, 1, 1)
    )
    plain = lr.tvm.calculator_totals(loan)
    faster = lr.tvm.calculator_totals(loan, extra=inputs["extra_monthly_principal"])

    def dollars(value: Decimal) -> Decimal:
        return value.quantize(Decimal(1), ROUND_HALF_EVEN)

    assert plain.payment == Decimal(str(expected["base_payment"])).quantize(CENT)
    assert dollars(plain.total_interest) == expected["base_total_interest"]
    assert dollars(faster.total_interest) == expected["new_total_interest"]
    assert dollars(plain.total_interest - faster.total_interest) == expected["interest_saved"]
    assert plain.count - faster.count == expected["time_saved_months"]


def test_a_chinese_bank_calculators_equal_principal_figures_to_the_cent() -> None:
    """170,000 at 4.9 %: 944.44 a month over 180 months, 1,888.89 over 90, their totals."""
    case = _PREPAY["prep-cn-eqprin-170k-reduce-vs-shorten"]
    inputs, expected = case["inputs"], case["expected"]
    principal = inputs["remaining_principal_after_prepayment"]
    for option, shown in (("reduce_payment", "reduce_payment_option"),
                          ("shorten_term", "shorten_term_option")):  # fmt: skip
        months = inputs[shown]["months"]
        loan = lr.Loan(principal, str(inputs["annual_rate"]), months, start=date(2024, 1, 1),
                       method="equal_principal")  # fmt: skip
        totals = lr.tvm.calculator_totals(loan)
        assert totals.count == months
        assert totals.principal_part == Decimal(str(expected[option]["monthly_principal"]))
        assert totals.total_interest == Decimal(str(expected[option]["total_interest"]))
        assert totals.total_paid == Decimal(str(expected[option]["total_repaid"]))


@given(st.integers(1, 10**8), st.integers(0, 3000), st.integers(1, 480), st.booleans())
@example(200, 200, 404, False)  # interest 0.675 exactly: a half-cent tie, rounded to even
def test_calculator_totals_are_the_closed_forms_rounded_once(
    cents: int, bps: int, months: int, level: bool
) -> None:
    """The calculators' totals at one periodic rate ``r``, rounded once (half-even).

    An annuity's interest is ``n P - L`` with ``P = L r / (1 - (1 + r)^-n)``; equal
    principal's is ``L r (n + 1) / 2``.
    """
    principal = Fraction(cents, 100)
    rate = Fraction(bps, 10000) / 12
    method = "annuity" if level else "equal_principal"
    loan = lr.Loan(Decimal(cents) / 100, str(Decimal(bps) / 10000), months,
                   start=date(2024, 1, 31), method=method)  # fmt: skip
    totals = lr.tvm.calculator_totals(loan)
    if level:
        payment = (
            principal / months if not rate else principal * rate / (1 - (1 + rate) ** -months)
        )
        interest = payment * months - principal
    else:
        interest = principal * rate * (months + 1) / 2
    assert totals.total_interest == _cents(interest)
    assert totals.total_paid == Decimal(cents) / 100 + _cents(interest)
    assert totals.count == months


@given(
    st.integers(100_00, 10**8), st.integers(1, 3000), st.integers(2, 360), st.integers(1, 10**6)
)
def test_an_extra_payment_never_costs_more_or_takes_longer(
    cents: int, bps: int, months: int, extra_cents: int
) -> None:
    loan = lr.Loan(
        Decimal(cents) / 100, str(Decimal(bps) / 10000), months, start=date(2024, 1, 31)
    )
    plain = lr.tvm.calculator_totals(loan)
    faster = lr.tvm.calculator_totals(loan, extra=Decimal(extra_cents) / 100)
    assert faster.total_interest <= plain.total_interest
    assert faster.count <= plain.count
    assert faster.payment == plain.payment + Decimal(extra_cents) / 100 or faster.count == 1


def test_calculator_totals_refuse_what_they_cannot_show() -> None:
    loan = lr.Loan(1000, "0.1", 12, start=date(2024, 1, 1))
    with pytest.raises(lr.InvalidValueError, match="extra="):
        lr.tvm.calculator_totals(loan, extra=-1)
    with pytest.raises(lr.InvalidTermsError, match="loan="):
        lr.tvm.calculator_totals(loan.replace(method="bullet"))
    with pytest.raises(lr.InvalidTypeError, match="loan="):
        lr.tvm.calculator_totals(lr.amortize(loan))  # type: ignore[arg-type]
