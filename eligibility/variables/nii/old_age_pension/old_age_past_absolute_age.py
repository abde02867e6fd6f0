from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class old_age_past_absolute_age(Variable):
    label = "המבקש/ת בגיל 70 ומעלה (ללא מבחן הכנסות)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("claimant_age_years") >= f.lit("nii.old_age.ages.absolute_age")
