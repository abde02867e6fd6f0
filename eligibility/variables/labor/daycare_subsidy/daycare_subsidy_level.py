from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import TUITION


class daycare_subsidy_level(Variable):
    label = "דרגת ההשתתפות במימון המעון לפי ההכנסה לנפש (3 עד 12; 11 ו-12 ללא השתתפות)"
    entity = HOUSEHOLD
    value_type = int
    unit = ""
    reference = (TUITION,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.scale("labor.daycare.level", f.var("daycare_income_per_capita")).cast(pl.Int32)
