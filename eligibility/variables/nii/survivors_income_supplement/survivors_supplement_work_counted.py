from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.old_age_income_supplement.disregard import work_counted
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE


class survivors_supplement_work_counted(Variable):
    label = "ההכנסה מעבודה ומפנסיה שנספרת לתוספת לקצבת השאירים (מעבר לחלק שאינו נספר)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONDITIONS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return work_counted(f, f.var("survivors_supplement_pension_limit"), f.var("survivors_supplement_limit"))
