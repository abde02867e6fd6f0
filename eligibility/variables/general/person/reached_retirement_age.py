from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import RETIREMENT


class reached_retirement_age(Variable):
    label = "הגיע/ה לגיל הפרישה"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Past the absolute age (70) everyone is past retirement age, even where the birth cohort is not tabled.
        return (f.var("age_months") >= f.var("retirement_age_months")) | (
            f.var("age_years") >= f.lit("nii.old_age.ages.absolute_age")
        )
