"""The part of a pensioner's work and pension income the income supplement does not count.

Section 12 of the Income Support Law deducts a sum from the income before the supplement is worked out, and
regulation 12 sets the order: first from the occupational pension, up to its own sum; what is left of the whole sum
(12(b)) comes off the income from work. What is above is income the supplement is reduced by. The same rule serves
the old-age pension's supplement and the survivors' pension's; only the sums differ (single or couple; a widow(er)
without or with a child).
"""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula


def _least(amount: pl.Expr, cap: pl.Expr) -> pl.Expr:
    """The smaller of an income and a sum not counted: unknown where either is (``min_horizontal`` would answer with
    the known one), except that no income leaves nothing to leave out, whatever the sum (none before 2024)."""
    return pl.when(amount <= cap).then(amount).when(amount > cap).then(cap).when(amount <= 0).then(amount)


def not_counted(f: Formula, pension_cap: pl.Expr, total_cap: pl.Expr) -> pl.Expr:
    """How much of the couple's occupational pension and work income is not counted."""
    pension = f.var("couple_pension_occupational")
    work = f.var("couple_work_income") - pension
    from_pension = _least(pension, pension_cap)
    return from_pension + _least(work, total_cap - from_pension)


def work_counted(f: Formula, pension_cap: pl.Expr, total_cap: pl.Expr) -> pl.Expr:
    """The couple's work and pension income above the part not counted."""
    return f.var("couple_work_income") - not_counted(f, pension_cap, total_cap)


def income_counted(f: Formula, work: str) -> pl.Expr:
    """All the income a supplement is reduced by: the work and pension income counted (the variable ``work``) and
    the couple's other income, less the pensions the supplement tops up (see supplement_pensions_declared)."""
    other = f.var("couple_other_income") - f.var("supplement_pensions_declared")
    return (f.var(work) + other).clip(lower_bound=0)


def below_guarantee(f: Formula, work_counted: str, counted: str, room: str) -> pl.Expr:
    """Whether the income that counts leaves room for a supplement. Other income only adds to what counts: where work
    and pension alone exhaust the guarantee, no answer left open can bring the supplement back."""
    return pl.when(f.var(work_counted) >= f.var(room)).then(pl.lit(False)).otherwise(f.var(counted) < f.var(room))
