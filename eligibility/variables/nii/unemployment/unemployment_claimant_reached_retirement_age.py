from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_reached_retirement_age(Variable):
    label = "מי שדמי האבטלה שלו/ה נבדקים הגיע/ה לגיל פרישה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.either(
            f.var("unemployment_claimant_is_partner"),
            f.var("partner_reached_retirement_age"),
            f.var("applicant_reached_retirement_age"),
        )
