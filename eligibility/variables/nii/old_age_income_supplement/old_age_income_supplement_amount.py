from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class old_age_income_supplement_amount(Variable):
    label = "סכום תוספת השלמת ההכנסה לחודש: הסכום המובטח פחות הקצבאות והכנסות שנספרות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)
    defined_for = "is_old_age_income_supplement_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("supplement_income_room") - f.var("supplement_income_counted")).clip(lower_bound=0)
