from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.holocaust.refs import ANNUAL_GRANT


class is_holocaust_annual_grant_eligible(Variable):
    label = "זכאות למענק שנתי לניצולי שואה מהרשות לזכויות ניצולי השואה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ANNUAL_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("holocaust_annual_grant")
