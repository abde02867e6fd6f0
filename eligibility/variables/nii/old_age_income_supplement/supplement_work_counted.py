from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT
from eligibility.variables.nii.old_age_income_supplement.disregard import work_counted


class supplement_work_counted(Variable):
    label = "ההכנסה מעבודה ומפנסיה של בני הזוג שנספרת לתוספת לקצבת הזקנה (מעבר לחלק שאינו נספר)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return work_counted(f, f.var("supplement_occupational_max"), f.var("supplement_work_max"))
