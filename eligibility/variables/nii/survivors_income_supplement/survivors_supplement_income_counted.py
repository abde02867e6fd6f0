from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE


class survivors_supplement_income_counted(Variable):
    label = "ההכנסות שהתוספת לקצבת השאירים קטנה בהן: מעבר לחלק מהפנסיה ומהעבודה שאינו נספר"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONDITIONS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        # A survivors' pension declared among the benefits given is not income to its own supplement.
        other = f.var("couple_other_income") - f.var("supplement_pensions_declared")
        return (f.var("survivors_supplement_work_counted") + other).clip(lower_bound=0)
