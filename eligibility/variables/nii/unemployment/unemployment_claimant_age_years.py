from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_age_years(Variable):
    label = "גילו/ה של מי שדמי האבטלה שלו/ה נבדקים"
    entity = HOUSEHOLD
    value_type = int
    unit = "year"
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "unemployment_claimant_is_partner", "age_years")
