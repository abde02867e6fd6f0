"""Income tax on a monthly salary by the brackets of s. 121, and the salary up to which credit points leave no tax."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from typing import Any, cast

import polars as pl

from eligibility.model import Formula
from eligibility.parameters import get_parameter

B = "tax.income_tax."
BANDS = 6


def last_tax_year_end(f: Formula) -> dt.date:
    """31 December of the last tax year that has ended (the year before ``as_of``'s): the refund's year."""
    return dt.date(f.as_of.year - 1, 12, 31)


def p_on(f: Formula, name: str, day: dt.date | None) -> Any:
    """A parameter's value on ``day`` (``as_of`` when None), recorded as used like ``f.p``."""
    if day is None:
        return f.p(name)
    f.used_params.add(name)
    return get_parameter(name)(day)


def _bands(f: Formula, day: dt.date | None = None) -> list[tuple[float, float | None, float]]:
    """(lower, upper, rate) per bracket on ``day`` (``as_of`` when None), the last one open; none before the first
    encoded year."""
    uppers = [p_on(f, B + f"brackets.upper_{i}", day) for i in range(1, BANDS)]
    rates = [p_on(f, B + f"rates.rate_{i}", day) for i in range(1, BANDS + 1)]
    if None in uppers or None in rates:
        return []
    lowers = [0.0, *uppers]
    return [(lowers[i], uppers[i] if i < BANDS - 1 else None, rates[i]) for i in range(BANDS)]


def tax_before_credits(f: Formula, salary: pl.Expr, day: dt.date | None = None) -> pl.Expr:
    """The tax on ``salary`` (a month) before credit points, by the monthly brackets in force on ``day`` (``as_of``
    when None): each bracket's rate on the part of it inside."""
    parts = []
    for lower, upper, rate in _bands(f, day):
        above = (salary - lower).clip(lower_bound=0)
        parts.append(rate * (above if upper is None else above.clip(upper_bound=upper - lower)))
    # Added with +, which is unknown where the salary is (sum_horizontal would read an unknown part as 0).
    return functools.reduce(operator.add, parts) if parts else pl.lit(None, dtype=pl.Float64)


def tax_free_salary(f: Formula, credit: pl.Expr, day: dt.date | None = None) -> pl.Expr:
    """The monthly salary whose tax before credits equals ``credit`` (below it, no tax is withheld), by the brackets
    in force on ``day`` (``as_of`` when None)."""
    bands = _bands(f, day)
    if not bands:
        return pl.lit(None, dtype=pl.Float64)
    chain: Any = pl  # pl.when(...).then(...), then .when(...).then(...) for each bracket but the last
    done = 0.0  # tax on the brackets below
    for lower, upper, rate in bands:
        inside = lower + (credit - done) / rate
        if upper is None:
            return cast(pl.Expr, chain.otherwise(inside))
        chain = chain.when(credit <= done + rate * (upper - lower)).then(inside)
        done += rate * (upper - lower)
    return pl.lit(None, dtype=pl.Float64)
