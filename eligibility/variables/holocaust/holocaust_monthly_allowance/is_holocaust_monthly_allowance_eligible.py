from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.holocaust.refs import PERSECUTION_LAW


class is_holocaust_monthly_allowance_eligible(Variable):
    label = "זכאות לתגמול חודשי מהרשות לזכויות ניצולי השואה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (PERSECUTION_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("holocaust_monthly_allowance")
