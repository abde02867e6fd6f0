from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import SURVIVORS_SUPPLEMENT


class is_survivors_income_supplement_eligible(Variable):
    label = "זכאות לתוספת השלמת הכנסה לקצבת שאירים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SURVIVORS_SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("survivors_income_supplement")
