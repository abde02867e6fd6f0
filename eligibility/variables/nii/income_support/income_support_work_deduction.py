from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_work_deduction(Variable):
    label = "הסכום שמנוכה מהגמלה בשל הכנסה מעבודה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        work, credit, taper = (
            f.var("couple_work_income"),
            f.var("income_support_work_credit"),
            f.var("income_support_taper"),
        )
        limit = f.lit("nii.income_support.work_disregard.single_parent_tier_limit")
        upper = f.lit("nii.income_support.work_disregard.single_parent_upper_taper")
        # A single parent pays the low rate on income up to the tier limit and the upper rate above it.
        tiered = taper * (pl.min_horizontal(work, limit) - credit).clip(lower_bound=0) + upper * (work - limit).clip(
            lower_bound=0
        )
        plain = taper * (work - credit).clip(lower_bound=0)
        # No work income means no deduction, even for a year whose disregard figures we do not hold.
        return (
            pl.when(work == 0)
            .then(pl.lit(0.0, dtype=pl.Float64))
            .otherwise(f.either(f.var("is_single_parent"), tiered, plain))
        )
