from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.references import DISABILITY


class disability_claimant_is_partner(Variable):
    label = (
        "למבקש/ת אין נכות (או שהגיע/ה לגיל הפרישה ובן/בת הזוג לא), ולבן/בת הזוג יש: קצבת הנכות הכללית הנבדקת היא של"
        " בן/בת הזוג"
    )
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        none_mine = (f.var("applicant_medical_percent") == 0) & f.var("applicant_receives_general_disability").not_()
        # Past the retirement age nobody is paid a new general disability pension: a partner who has not reached it is.
        too_old = f.var("applicant_reached_retirement_age") & f.var("partner_reached_retirement_age").not_()
        theirs = (f.var("partner_medical_percent") > 0) | f.var("partner_receives_general_disability")
        return f.var("has_partner") & (none_mine | too_old) & theirs
