from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE


class is_special_old_age_benefit_eligible(Variable):
    label = "זכאות לגמלת אזרח ותיק מיוחדת לעולה חדש"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SPECIAL_OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("special_old_age_benefit")
