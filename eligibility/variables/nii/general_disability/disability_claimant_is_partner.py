from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.references import DISABILITY


class disability_claimant_is_partner(Variable):
    label = "למבקש/ת אין נכות ולבן/בת הזוג יש: קצבת הנכות הכללית הנבדקת היא של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        none_mine = (f.var("applicant_medical_percent") == 0) & f.var("applicant_receives_general_disability").not_()
        theirs = (f.var("partner_medical_percent") > 0) | f.var("partner_receives_general_disability")
        return f.var("has_partner") & none_mine & theirs
