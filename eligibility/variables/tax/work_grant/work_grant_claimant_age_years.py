from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_claimant_age_years(Variable):
    label = "גילו/ה של מי שמענק העבודה שלו/ה נבדק"
    entity = HOUSEHOLD
    value_type = int
    unit = "year"
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "work_grant_claimant_is_partner", "age_years")
