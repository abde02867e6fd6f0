from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_band(Variable):
    label = "מדרגת ההנחה לפי מבחן הכנסה (1 = הגבוהה; 0 = מעל הטבלה)"
    entity = HOUSEHOLD
    value_type = int
    unit = ""
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        income, ceilings = f.var("household_arnona_income"), f.var("arnona_income_band_ceilings")
        band = pl.lit(0, dtype=pl.Int32)
        for k in (4, 3, 2, 1):
            band = pl.when(income <= ceilings.list.get(k - 1)).then(pl.lit(k, dtype=pl.Int32)).otherwise(band)
        return pl.when(income.is_not_null() & ceilings.list.get(3).is_not_null()).then(band)
