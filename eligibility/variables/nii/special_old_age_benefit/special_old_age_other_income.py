from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE


class special_old_age_other_income(Variable):
    label = "ההכנסות שלא מעבודה של המבקש/ת ובן/בת הזוג (פנסיה, קצבאות, מזונות, הון ואחרות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SPECIAL_OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        # The couple's incomes (an occupational pension among "work" there) less what the two earn by working.
        partner_work = pl.when(f.var("has_partner")).then(f.var("partner_income_work")).otherwise(0.0)
        everything = f.var("couple_work_income") + f.var("couple_other_income")
        return everything - f.var("applicant_income_work") - partner_work
