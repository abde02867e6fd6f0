from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.mobility_allowance.references import MOBILITY


class mobility_claimant_age_years(Variable):
    label = "גילו/ה של מי שגמלת הניידות שלו/ה נבדקת"
    entity = HOUSEHOLD
    value_type = int
    unit = "year"
    reference = (MOBILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "mobility_claimant_is_partner", "age_years")
