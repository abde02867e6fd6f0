from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class months_since_immigration(Variable):
    label = "חודשים מיום העלייה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        since = f.var("immigration_date")
        # No casts: dt.year() is Int32 and a month difference fits dt.month()'s Int8 (the sum is Int32).
        return (f.as_of.year - since.dt.year()) * 12 + (f.as_of.month - since.dt.month())
