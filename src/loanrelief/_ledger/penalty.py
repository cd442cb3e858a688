"""What being late costs: the penalty policy and vectorised accrual.

A :class:`PenaltyPolicy` says how an overdue instalment grows under the contract:
penalty interest (罚息) on the overdue principal or the whole overdue instalment,
compound interest (复利) on unpaid interest, contract interest that keeps running, late
fees and grace days. What the law lets a lender claim of it is a legal rule's
(:mod:`loanrelief.law`); the replay of an account (:mod:`loanrelief._ledger.account`) applies
both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, SupportsInt, final

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.currency import currency_digits
from loanrelief._foundations.daycount import DayCount, no_schedule
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    Money,
    Rate,
    RoundingMode,
    float_fractions,
    greatest,
    least,
    minor_array,
    parse_rate,
    portion,
    round_array,
    to_major,
    to_minor,
    trim,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    MAX_DAYS,
    Choice,
    a_flag,
    array_input,
    common_shape,
    number_array,
    parse_enum,
    whole_number,
)

__all__ = [
    "GraceFrom",
    "PenaltyBase",
    "PenaltyPolicy",
    "accrue",
]


class PenaltyBase(Choice):
    """What penalty interest is charged on.

    Attributes
    ----------
    PRINCIPAL
        The overdue principal (罚息 on 逾期本金).
    INSTALMENT
        The whole overdue instalment: principal and contract interest.

    Examples
    --------
    >>> PenaltyPolicy(annual_rate="0.2", base="instalment").base
    <PenaltyBase.INSTALMENT: 'instalment'>
    """

    PRINCIPAL = "principal"
    INSTALMENT = "instalment"


class GraceFrom(Choice):
    """Where penalty starts when an instalment is not cured within the grace days.

    Attributes
    ----------
    DUE_DATE
        From the due date: the grace only forgives instalments cured in time.
    GRACE_END
        From the end of the grace days.

    Examples
    --------
    >>> PenaltyPolicy(grace_days=5, grace_from="grace_end").grace_from
    <GraceFrom.GRACE_END: 'grace_end'>
    """

    DUE_DATE = "due_date"
    GRACE_END = "grace_end"


def _fee(value: object, name: str) -> Decimal:
    """Read a fee in major units, up to four decimals; the loan's currency checks it later."""
    return trim(to_major(to_minor(value, field=name, digits=4), 4))


def _optional_fee(value: object, name: str) -> Decimal | None:
    return None if value is None else _fee(value, name)


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class PenaltyPolicy:
    """How an overdue instalment grows; a policy with nothing set charges nothing.

    Parameters
    ----------
    annual_rate : float, str or Decimal, optional
        Penalty interest as an absolute annual rate.
    rate_multiplier : float, str or Decimal, optional
        Penalty interest as a multiple of the loan's contract rate (Chinese banks:
        contract rate +30 % to +50 %, i.e. 1.3 to 1.5). At most one of the two.
    base : PenaltyBase or str, default "principal"
        Charged on the overdue principal, or on the whole overdue instalment.
    compound : bool, default False
        Also charge the penalty rate on unpaid contract interest (复利), when the
        base is the principal.
    interest_continues : bool, default False
        Contract interest keeps running on overdue principal, beside the penalty.
    day_count : DayCount or str, default "act/365"
        Daily accrual: "act/360" for Chinese banks' annual / 360, "act/365" as most
        courts.
    grace_days : int, default 0
        An instalment cured within this many days after its due date is charged
        nothing.
    grace_from : GraceFrom or str, default "due_date"
        Where an instalment not cured in time is charged from.
    late_fee : money, default 0
        A flat fee per missed instalment.
    late_fee_share : float, str or Decimal, default 0
        Plus this share of the overdue amount of the instalment (principal and
        interest) when it is missed.
    late_fee_min, late_fee_max : money, optional
        Bounds on each late fee.
    late_fee_every_days, late_fee_every_months : int, optional
        Charge the late fee again every so many days or months while the instalment
        stays unpaid (at most one of the two); by default once.
    rounding : RoundingMode or str, default "half_even"
        How each posting of penalty is rounded.

    Notes
    -----
    Penalty over a period is ``base x rate x year_fraction(day_count)``, accrued
    exactly between events and rounded once per posting (at each payment and on the
    date asked for), never by summing rounded daily amounts.

    Examples
    --------
    >>> policy = PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
    >>> policy.penalty_rate(Fraction(18, 100))
    Fraction(27, 100)
    >>> PenaltyPolicy(annual_rate="0.1", rate_multiplier="1.5")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: rate_multiplier=Fraction(3, 2) is not valid: ...
    """

    annual_rate: Fraction | None = None
    rate_multiplier: Fraction | None = None
    base: PenaltyBase = PenaltyBase.PRINCIPAL
    compound: bool = False
    interest_continues: bool = False
    day_count: DayCount = DayCount.ACT_365
    grace_days: int = 0
    grace_from: GraceFrom = GraceFrom.DUE_DATE
    late_fee: Decimal = Decimal(0)
    late_fee_share: Fraction = Fraction(0)
    late_fee_min: Decimal | None = None
    late_fee_max: Decimal | None = None
    late_fee_every_days: int | None = None
    late_fee_every_months: int | None = None
    rounding: RoundingMode = RoundingMode.HALF_EVEN

    __repr__ = short_repr

    def __init__(
        self,
        *,
        annual_rate: Rate | None = None,
        rate_multiplier: Rate | None = None,
        base: PenaltyBase | str = PenaltyBase.PRINCIPAL,
        compound: bool = False,
        interest_continues: bool = False,
        day_count: DayCount | str = DayCount.ACT_365,
        grace_days: int = 0,
        grace_from: GraceFrom | str = GraceFrom.DUE_DATE,
        late_fee: Money = 0,
        late_fee_share: Rate = 0,
        late_fee_min: Money | None = None,
        late_fee_max: Money | None = None,
        late_fee_every_days: int | None = None,
        late_fee_every_months: int | None = None,
        rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    ) -> None:
        set_ = object.__setattr__
        rate = None if annual_rate is None else parse_rate(annual_rate, field="annual_rate")
        multiplier = (
            None
            if rate_multiplier is None
            else parse_rate(rate_multiplier, field="rate_multiplier", maximum=Fraction(10))
        )
        if rate is not None and multiplier is not None:
            raise InvalidTermsError(
                "rate_multiplier", multiplier, "None when annual_rate is given (one or the other)"
            )
        for flag, name in (
            (compound, "compound"),
            (interest_continues, "interest_continues"),
        ):
            if not isinstance(flag, bool):
                raise InvalidTypeError(name, flag, "True or False")
        if (
            isinstance(grace_days, bool)
            or not isinstance(grace_days, int)
            or not (0 <= grace_days <= 366)
        ):
            raise InvalidValueError("grace_days", grace_days, "a whole number from 0 to 366")
        minimum = _optional_fee(late_fee_min, "late_fee_min")
        maximum = _optional_fee(late_fee_max, "late_fee_max")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise InvalidTermsError(
                "late_fee_max", late_fee_max, f"at least late_fee_min ({late_fee_min})"
            )
        every = {
            "late_fee_every_days": late_fee_every_days,
            "late_fee_every_months": late_fee_every_months,
        }
        for name, value in every.items():
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3660
            ):
                raise InvalidValueError(name, value, "a whole number of at least 1, or None")
        if late_fee_every_days is not None and late_fee_every_months is not None:
            raise InvalidTermsError(
                "late_fee_every_months",
                late_fee_every_months,
                "None when late_fee_every_days is set",
            )
        set_(self, "annual_rate", rate)
        set_(self, "rate_multiplier", multiplier)
        set_(self, "base", parse_enum(base, PenaltyBase, "base"))
        set_(self, "compound", compound)
        set_(self, "interest_continues", interest_continues)
        counted = parse_enum(day_count, DayCount, "day_count")
        set_(self, "day_count", no_schedule(counted, "day_count"))
        set_(self, "grace_days", grace_days)
        set_(self, "grace_from", parse_enum(grace_from, GraceFrom, "grace_from"))
        set_(self, "late_fee", _fee(late_fee, "late_fee"))
        set_(
            self,
            "late_fee_share",
            parse_rate(late_fee_share, field="late_fee_share", maximum=Fraction(1)),
        )
        set_(self, "late_fee_min", minimum)
        set_(self, "late_fee_max", maximum)
        set_(self, "late_fee_every_days", late_fee_every_days)
        set_(self, "late_fee_every_months", late_fee_every_months)
        set_(self, "rounding", parse_enum(rounding, RoundingMode, "rounding"))

    def penalty_rate(self, contract_rate: Fraction) -> Fraction:
        """Return the annual penalty rate for a loan at ``contract_rate`` (0 if none is set)."""
        if self.annual_rate is not None:
            return self.annual_rate
        if self.rate_multiplier is not None:
            return self.rate_multiplier * contract_rate
        return Fraction(0)

    def late_fee_amount(self, overdue: int, digits: int = 2) -> int:
        """Return the late fee, in minor units, on an instalment with ``overdue`` unpaid.

        ``late_fee + late_fee_share x overdue`` rounded once, then held within
        ``[late_fee_min, late_fee_max]``; 0 when no fee is set. ``digits`` is the
        currency's minor-unit digits (the fees must fit them).

        Examples
        --------
        >>> card = PenaltyPolicy(late_fee_share="0.05", late_fee_min=10, late_fee_max=50)
        >>> card.late_fee_amount(12000), card.late_fee_amount(50000), card.late_fee_amount(2000000)
        (1000, 2500, 5000)
        """
        overdue = whole_number(overdue, "overdue", -(2**62), 2**62)
        digits = whole_number(digits, "digits", 0, 4)
        fee: int = self.late_fees(overdue, digits)
        return fee

    def late_fees(self, overdue: Any, digits: int) -> Any:
        """Return :meth:`late_fee_amount`'s rule for one amount or an int64 array of them.

        The one form of the rule, for the replay and the batch alike; the caller has
        checked its arguments (``digits`` from 0 to 4; arrays of non-negative amounts).

        Examples
        --------
        >>> card = PenaltyPolicy(late_fee_share="0.05", late_fee_min=10, late_fee_max=50)
        >>> card.late_fees(np.array([12000, 2000000]), 2).tolist()
        [1000, 5000]
        """
        if not self.late_fee and not self.late_fee_share:
            return overdue * 0
        fee = to_minor(self.late_fee, field="late_fee", digits=digits) + portion(
            overdue, self.late_fee_share, None, self.rounding
        )
        if self.late_fee_min is not None:
            fee = greatest(fee, to_minor(self.late_fee_min, field="late_fee_min", digits=digits))
        if self.late_fee_max is not None:
            fee = least(fee, to_minor(self.late_fee_max, field="late_fee_max", digits=digits))
        return fee


def accrue(
    base: npt.ArrayLike,
    annual_rate: npt.ArrayLike,
    days: npt.ArrayLike,
    *,
    day_count: DayCount | str = DayCount.ACT_365,
    rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    digits: int = 2,
    minor_units: bool = False,
) -> npt.NDArray[Any]:
    """Return simple penalty interest for many overdue amounts at once.

    Parameters
    ----------
    base : array_like
        The overdue amounts, in major units (``int64`` minor units with
        ``minor_units=True``), any shape.
    annual_rate : array_like of float
        Annual penalty rates (read by their shortest decimal form, as everywhere).
    days : array_like of int
        Days overdue.
    day_count : {"act/360", "act/365"}, default "act/365"
        The year's length in days.
    rounding : RoundingMode or str, default "half_even"
        How each result is rounded to the minor unit, once.
    digits : int, default 2
        The currency's minor-unit digits (0, 2, 3 or 4).
    minor_units : bool, default False
        Take ``base`` and return the penalty in ``int64`` minor units.

    Returns
    -------
    numpy.ndarray
        ``round(base x rate x days / basis)`` to the minor unit, exact: the amounts
        the account replay posts for one overdue instalment accruing alone
        (``float64`` major units, or ``int64`` minor units), broadcast to one shape.

    Raises
    ------
    InvalidValueError
        Naming the first bad element (``base[1]``, ``days[0, 1]``): an amount with
        more decimals than the currency has, a negative amount, rate or day count.

    Notes
    -----
    Penalty interest on an overdue amount is simple interest, ``base x rate x days /
    basis`` (the People's Bank of China's 罚息 practice, and the penalty of
    :class:`PenaltyPolicy` without compounding); the product is computed in exact
    integers and rounded once.

    Examples
    --------
    >>> accrue([3000, 1234.56], [0.1175, 0.27], [60, 30]).tolist()
    [57.95, 27.4]
    >>> accrue([300000, 123456], [0.1175, 0.27], [60, 30], minor_units=True).tolist()
    [5795, 2740]
    """
    count = parse_enum(day_count, DayCount, "day_count")
    if count not in (DayCount.ACT_360, DayCount.ACT_365):
        raise InvalidValueError(
            "day_count", day_count, "'act/360' or 'act/365' for a count of days"
        )
    mode = parse_enum(rounding, RoundingMode, "rounding")
    digits = currency_digits(digits)
    minor_units = a_flag(minor_units, "minor_units")
    base = array_input(base, "base")
    bases = _amounts(base, digits, minor_units)
    days = array_input(days, "days")
    day_counts = np.asarray(days)
    if day_counts.dtype.kind not in "iu":
        raise InvalidValueError("days", days, "whole numbers of days")
    rates = number_array(annual_rate, "annual_rate")  # any sequence: one NumPy conversion
    shape = common_shape(
        {"base": bases, "annual_rate": rates, "days": day_counts},
        "one value, or arrays whose shapes broadcast together (numpy's rules)",
        given={"base": base, "annual_rate": annual_rate, "days": days},
    )
    bases, rates, day_counts = np.broadcast_arrays(bases.astype(np.int64), rates, day_counts)

    def place(name: str, where: npt.NDArray[np.intp]) -> str:  # days[1, 0]; days alone
        return _element(name, where) if shape else name

    for name, values, bad, rule in (
        ("base", bases, bases < 0, "not negative"),
        (
            "days",
            day_counts,
            (day_counts < 0) | (day_counts > MAX_DAYS),
            f"whole numbers of days from 0 to {MAX_DAYS:,} (the calendar's span)",
        ),
        ("annual_rate", rates, ~np.isfinite(rates) | (rates < 0), "finite rates, not negative"),
    ):
        if np.any(bad):  # name the first bad element, as every batch function does
            where = np.argwhere(bad)[0]
            raise InvalidValueError(place(name, where), values[tuple(where)].item(), rule)
    day_counts = day_counts.astype(np.int64)
    basis = 360 if count is DayCount.ACT_360 else 365
    # Each rate read by its shortest decimal form, as a one-account replay reads it.
    numerators, denominators = float_fractions(rates)
    if denominators.dtype != object and denominators.max(initial=1) > _INT64_MAX // basis:
        denominators = denominators.astype(object)  # 10**18 x 365 passes int64
    denominators = denominators * basis
    with np.errstate(all="ignore"):  # what round_array refuses, named by its place
        size = bases * (day_counts * np.asarray(numerators / denominators, dtype=np.float64))
    beyond = size >= 2.0**62 * (1 - 1e-9)  # past int64 minor units
    if np.any(beyond):
        where = np.argwhere(beyond)[0]
        at = tuple(where)
        amount = int(bases[at])
        shown = f"{amount:,} minor units" if minor_units else f"{to_major(amount, digits):,}"
        raise InvalidTermsError(
            place("annual_rate", where),
            rates[at].item(),
            f"a rate whose penalty on {shown} over {int(day_counts[at]):,} days stays below"
            " 2**62 minor units",
        )
    if np.any(bases.astype(np.float64) * day_counts >= 2.0**62):
        bases = bases.astype(object)  # amounts x days past int64: Python integers
    penalty = round_array(bases * day_counts, numerators, denominators, mode, "annual_rate")
    return penalty if minor_units else penalty / 10**digits


_INT64_MAX = 2**63 - 1


def _element(name: str, where: Iterable[SupportsInt]) -> str:
    """Return the field naming one element of an array by its position: ``days[1, 0]``."""
    return f"{name}[{', '.join(str(int(k)) for k in where)}]"


def _amounts(base: object, digits: int, minor_units: bool) -> npt.NDArray[np.int64]:
    """Return amounts of any shape in minor units, naming a bad one by its position."""
    try:
        given = np.asarray(base)
    except (TypeError, ValueError):
        raise InvalidTypeError("base", base, "an array of amounts") from None
    try:
        flat = minor_array(given.reshape(-1), field="base", digits=digits, minor_units=minor_units)
    except InvalidValueError as error:
        if given.ndim < 2 or not error.field.startswith("base["):
            raise
        where = np.unravel_index(int(error.field[5:-1]), given.shape)
        raise InvalidValueError(_element("base", where), error.value, error.valid) from None
    return flat.reshape(given.shape)
