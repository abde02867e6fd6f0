from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class is_work_grant_eligible(Variable):
    label = "זכאות למענק עבודה (מס הכנסה שלילי) לפי ההכנסה החודשית הממוצעת בשנת המס"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("work_grant")
