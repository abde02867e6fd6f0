from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_work_max(Variable):
    label = "הכנסה מעבודה ומפנסיה יחד שאינה נספרת לתוספת (יחיד או זוג)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        single = f.p("nii.income_supplement.limits.work_single")
        couple = f.p("nii.income_supplement.limits.work_couple")
        return (
            pl.when(f.var("has_partner"))
            .then(pl.lit(couple, dtype=pl.Float64))
            .otherwise(pl.lit(single, dtype=pl.Float64))
        )
