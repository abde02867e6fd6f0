from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_employment_service_registered(Variable):
    label = "מי שדמי האבטלה שלו/ה נבדקים רשום/ה בשירות התעסוקה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "unemployment_claimant_is_partner", "employment_service_registered")
