from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_claimant_income_work(Variable):
    label = "ההכנסה החודשית מעבודה של מי שמענק העבודה שלו/ה נבדק"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.either(
            f.var("work_grant_claimant_is_partner"), f.var("partner_income_work"), f.var("applicant_income_work")
        )
