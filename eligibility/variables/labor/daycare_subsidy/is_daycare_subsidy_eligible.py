from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY


class is_daycare_subsidy_eligible(Variable):
    label = "זכאות להשתתפות המדינה במימון מעון יום או משפחתון מוכר"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SUBSIDY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("daycare_subsidy")
