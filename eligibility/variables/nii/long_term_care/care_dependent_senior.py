from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.long_term_care.references import LONG_TERM_CARE


class care_dependent_senior(Variable):
    label = "המבקש/ת או בן/בת הזוג, בגיל הפרישה, וזקוק/ה לעזרה רבה של אדם אחר בפעולות היומיום או להשגחה"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (LONG_TERM_CARE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("is_couple_member") & f.var("reached_retirement_age") & f.var("needs_daily_help")
