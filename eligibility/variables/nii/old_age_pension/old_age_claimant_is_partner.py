from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import RETIREMENT


class old_age_claimant_is_partner(Variable):
    label = "בן/בת הזוג הגיע/ה לגיל הפרישה והמבקש/ת לא: קצבת הזקנה ותוספותיה הן של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (
            f.var("has_partner")
            & f.var("applicant_reached_retirement_age").not_()
            & f.var("partner_reached_retirement_age")
        )
