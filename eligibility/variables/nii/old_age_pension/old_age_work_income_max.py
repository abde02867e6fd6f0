from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE
from eligibility.variables.general.household.single_or_couple import single_or_couple


class old_age_work_income_max(Variable):
    label = "הכנסה מעבודה שמעליה אין קצבת זקנה לפני גיל 70"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return single_or_couple(f, "nii.old_age.income_test.work_single_max", "nii.old_age.income_test.work_couple_max")
