from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_months_worked_last_18(Variable):
    label = "חודשי העבודה ב-18 החודשים האחרונים של מי שדמי האבטלה שלו/ה נבדקים"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "unemployment_claimant_is_partner", "months_worked_last_18")
