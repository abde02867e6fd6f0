from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_countable_income(Variable):
    label = "ההכנסות של בני הזוג שמקטינות את התוספת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # The pensions the supplement tops up are not income to it (see supplement_pensions_declared).
        return f.var("couple_work_income") + f.var("couple_other_income") - f.var("supplement_pensions_declared")
