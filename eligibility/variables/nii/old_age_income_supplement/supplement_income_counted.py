from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_income_counted(Variable):
    label = "ההכנסות של בני הזוג שהתוספת לקצבת הזקנה קטנה בהן: מעבר לחלק מהפנסיה ומהעבודה שאינו נספר"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # The pensions the supplement tops up are not income to it (see supplement_pensions_declared).
        other = f.var("couple_other_income") - f.var("supplement_pensions_declared")
        return (f.var("supplement_work_counted") + other).clip(lower_bound=0)
