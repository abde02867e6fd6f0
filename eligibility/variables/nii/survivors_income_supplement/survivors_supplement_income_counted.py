from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.old_age_income_supplement.disregard import income_counted
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE


class survivors_supplement_income_counted(Variable):
    label = "ההכנסות שהתוספת לקצבת השאירים קטנה בהן: מעבר לחלק מהפנסיה ומהעבודה שאינו נספר"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONDITIONS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return income_counted(f, "survivors_supplement_work_counted")
