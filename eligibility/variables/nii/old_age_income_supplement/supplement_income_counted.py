from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT
from eligibility.variables.nii.old_age_income_supplement.disregard import income_counted


class supplement_income_counted(Variable):
    label = "ההכנסות של בני הזוג שהתוספת לקצבת הזקנה קטנה בהן: מעבר לחלק מהפנסיה ומהעבודה שאינו נספר"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return income_counted(f, "supplement_work_counted")
