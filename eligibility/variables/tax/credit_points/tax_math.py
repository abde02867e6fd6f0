"""Income tax on a monthly salary by the brackets of s. 121, and the salary up to which credit points leave no tax."""

from __future__ import annotations

import functools
import operator
from typing import Any, cast

import polars as pl

from eligibility.model import Formula

B = "tax.income_tax."
BANDS = 6


def _bands(f: Formula) -> list[tuple[float, float | None, float]]:
    """(lower, upper, rate) per bracket, the last one open; none before the first encoded year."""
    uppers = [f.p(B + f"brackets.upper_{i}") for i in range(1, BANDS)]
    rates = [f.p(B + f"rates.rate_{i}") for i in range(1, BANDS + 1)]
    if None in uppers or None in rates:
        return []
    lowers = [0.0, *uppers]
    return [(lowers[i], uppers[i] if i < BANDS - 1 else None, rates[i]) for i in range(BANDS)]


def tax_before_credits(f: Formula, salary: pl.Expr) -> pl.Expr:
    """The tax on ``salary`` (a month) before credit points: each bracket's rate on the part of it inside."""
    parts = []
    for lower, upper, rate in _bands(f):
        above = (salary - lower).clip(lower_bound=0)
        parts.append(rate * (above if upper is None else above.clip(upper_bound=upper - lower)))
    # Added with +, which is unknown where the salary is (sum_horizontal would read an unknown part as 0).
    return functools.reduce(operator.add, parts) if parts else pl.lit(None, dtype=pl.Float64)


def tax_free_salary(f: Formula, credit: pl.Expr) -> pl.Expr:
    """The monthly salary whose tax before credits equals ``credit`` (below it, no tax is withheld)."""
    if not _bands(f):
        return pl.lit(None, dtype=pl.Float64)
    chain: Any = pl  # pl.when(...).then(...), then .when(...).then(...) for each bracket but the last
    done = 0.0  # tax on the brackets below
    for lower, upper, rate in _bands(f):
        inside = lower + (credit - done) / rate
        if upper is None:
            return cast(pl.Expr, chain.otherwise(inside))
        chain = chain.when(credit <= done + rate * (upper - lower)).then(inside)
        done += rate * (upper - lower)
    return pl.lit(None, dtype=pl.Float64)
