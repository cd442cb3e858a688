"""Foundations (internal).

Errors, input checks, money in minor units, dates, day counts, the root finder,
optional imports, progress, the files the library writes.
"""
