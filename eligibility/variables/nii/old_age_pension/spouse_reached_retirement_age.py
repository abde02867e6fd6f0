from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE
from eligibility.variables.nii.old_age_pension.claimant import of_spouse


class spouse_reached_retirement_age(Variable):
    label = "בן/בת הזוג של מי שקצבת הזקנה שלו/ה נבדקת הגיע/ה לגיל הפרישה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_spouse(f, "reached_retirement_age")
