from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class old_age_work_income_max(Variable):
    label = "הכנסה מעבודה שמעליה אין קצבת זקנה לפני גיל 70"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        single, couple = f.p("nii.old_age.income_test.work_single_max"), f.p("nii.old_age.income_test.work_couple_max")
        return (
            pl.when(f.var("has_partner"))
            .then(pl.lit(couple, dtype=pl.Float64))
            .otherwise(pl.lit(single, dtype=pl.Float64))
        )
