from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_work_credit(Variable):
    label = "הסכום הפטור מהכנסה מעבודה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        family = f.var("family_type")
        prefix = "nii.income_support.work_disregard.credit."
        older = f.var("income_support_age_band") == "age_55_plus"
        return f.either(older, f.table(prefix + "age_55_plus", family), f.table(prefix + "under_55", family))
