from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class is_old_age_pension_eligible(Variable):
    label = "זכאות לקצבת אזרח ותיק (זקנה)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("old_age_pension")
