from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.aliyah.absorption_basket.references import BASKET


class full_months_since_aliyah(Variable):
    label = "חודשים שלמים מיום העלייה עד יום הבדיקה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (BASKET,)

    def formula(self, f: Formula) -> pl.Expr:
        aliyah = f.var("immigration_date")
        months = (f.as_of.year - aliyah.dt.year()) * 12 + (f.as_of.month - aliyah.dt.month())
        return months - (aliyah.dt.day() > f.as_of.day).cast(pl.Int32)
