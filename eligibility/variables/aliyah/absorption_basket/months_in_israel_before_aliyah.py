from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.aliyah.absorption_basket.references import BASKET


class months_in_israel_before_aliyah(Variable):
    label = "חודשי מגורים בישראל לפני יום העלייה (0 למי שהגיע/ה עם העלייה)"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (BASKET,)

    def formula(self, f: Formula) -> pl.Expr:
        since, aliyah = f.var("resident_since"), f.var("immigration_date")
        months = (aliyah.dt.year() - since.dt.year()) * 12 + (aliyah.dt.month() - since.dt.month())
        return (months - (since.dt.day() > aliyah.dt.day()).cast(pl.Int32)).clip(lower_bound=0)
