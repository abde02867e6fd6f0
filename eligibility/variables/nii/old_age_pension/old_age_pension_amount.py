from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class old_age_pension_amount(Variable):
    label = "סכום קצבת הזקנה לחודש"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (OLD_AGE,)
    defined_for = "is_old_age_pension_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("old_age_pension_full")
