"""Loans and rates (internal).

The loan's terms, schedules, the amortization engines, cash flows, APR, the
spreadsheet calculators, plans of dated payments.
"""
