from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class is_old_age_income_supplement_eligible(Variable):
    label = "זכאות לתוספת השלמת הכנסה לקצבת זקנה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("old_age_income_supplement")
