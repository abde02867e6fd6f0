from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.mobility_allowance.references import MOBILITY


class mobility_claimant_walking_difficulty(Variable):
    label = "מי שגמלת הניידות שלו/ה נבדקת מתקשה ללכת בגלל בעיה ברגליים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (MOBILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "mobility_claimant_is_partner", "walking_difficulty")
