from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE

E = "nii.special_old_age.eligibility."


class special_old_age_work_income_max(Variable):
    label = "ההכנסה מעבודה המותרת לגמלה המיוחדת (מגיל 70 – פי 3)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SPECIAL_OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        allowed = f.either(f.var("has_partner"), f.lit(E + "work_income_couple"), f.lit(E + "work_income_single"))
        from_70 = f.var("claimant_age_years") >= f.lit("nii.old_age.ages.absolute_age")
        return f.either(from_70, allowed * f.lit(E + "work_income_multiplier_from_70"), allowed)
