"""Currencies: how many minor-unit digits each has (ISO 4217), the one table of them.

:func:`minor_digits` reads a currency's code (``"CNY"`` 2, ``"JPY"`` 0, ``"KWD"`` 3),
:func:`currency_digits` checks a number of digits given directly. The parsers of
:mod:`loanrelief._foundations.money` turn amounts into minor units with them.
"""

from __future__ import annotations

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.validate import whole_number

__all__ = ["DIGITS", "currency_digits", "minor_digits"]

# ISO 4217 currencies whose minor unit is not two digits (ISO 4217 list one, "Minor
# unit" column). Every other three-letter code uses two digits.
_MINOR_DIGITS: dict[str, int] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
}

# ISO 4217 list one: the codes of currencies with a minor unit (those whose minor unit is
# "N.A." -- gold, silver, the SDR, test and "no currency" codes -- are left out, as no
# loan is repaid in them), with five withdrawn since 2023 that old accounts still carry
# (ANG, CUC, HRK, SLL, ZWL). A code outside it is refused: "XYZ" is a typing slip.
_ISO_4217 = frozenset(
    {
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BOV",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHE",
        "CHF",
        "CHW",
        "CLF",
        "CLP",
        "CNY",
        "COP",
        "COU",
        "CRC",
        "CUC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HRK",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MXV",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SLL",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "USN",
        "UYI",
        "UYU",
        "UYW",
        "UZS",
        "VED",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
        "ZWL",
    }
)


def minor_digits(currency: str | None) -> int:
    """Return the number of minor-unit digits of a currency.

    Parameters
    ----------
    currency : str or None
        An ISO 4217 alphabetic code (``"CNY"``, ``"JPY"``, ``"KWD"``), or ``None`` for
        an unnamed currency with two digits.

    Returns
    -------
    int
        Digits after the decimal point: 0, 2, 3 or 4.

    Raises
    ------
    InvalidValueError
        If ``currency`` is not an ISO 4217 code of a currency with a minor unit
        (``"XYZ"`` and ``"XAU"`` are refused).

    Notes
    -----
    The table is ISO 4217 list one, "Minor unit" column: codes not listed as 0, 3 or 4
    digits have 2. Codes without a minor unit ("N.A.": XAU, XDR, XXX …) are refused.

    Examples
    --------
    >>> minor_digits("CNY"), minor_digits("JPY"), minor_digits("KWD"), minor_digits(None)
    (2, 0, 3, 2)
    """
    if currency is None:
        return 2
    if not isinstance(currency, str):
        raise InvalidTypeError("currency", currency, "an ISO 4217 code such as 'USD', or None")
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise InvalidValueError("currency", currency, "an ISO 4217 code of three letters")
    if not currency.isupper():
        raise InvalidValueError("currency", currency, f"upper case: {currency.upper()!r}")
    if currency not in _ISO_4217:
        raise InvalidValueError(
            "currency", currency, "an ISO 4217 currency code with a minor unit, such as 'CNY'"
        )
    return _MINOR_DIGITS.get(currency, 2)


DIGITS = (0, 2, 3, 4)
"""The minor-unit digits an ISO 4217 currency may have."""


def currency_digits(value: object) -> int:
    """Return ``value`` if it is a currency's number of minor-unit digits, else raise.

    ISO 4217 currencies have 0 (JPY), 2 (most), 3 (KWD) or 4 (CLF) decimals.

    Examples
    --------
    >>> currency_digits(3)
    3
    >>> currency_digits(1)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: digits=1 is not valid: 0, 2, 3 or 4
    """
    digits = whole_number(value, "digits", 0, 4)
    if digits not in DIGITS:
        raise InvalidValueError("digits", value, "0, 2, 3 or 4")
    return digits
