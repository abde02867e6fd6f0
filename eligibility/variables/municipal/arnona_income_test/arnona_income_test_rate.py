from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_test_rate(Variable):
    label = "שיעור ההנחה לפי המדרגה וגודל משק הבית (כפי שאימצה הרשות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        band, large = (
            f.var("arnona_income_band"),
            f.var("household_size") >= f.p("municipal.arnona.income_test_rates.large_household_from"),
        )
        rate = pl.lit(0.0)
        for k in (1, 2, 3, 4):
            small_rate = f.lit(f"municipal.arnona.income_test_rates.up_to_6_persons.band_{k}")
            large_rate = f.lit(f"municipal.arnona.income_test_rates.from_7_persons.band_{k}")
            rate = pl.when(band == k).then(pl.when(large).then(large_rate).otherwise(small_rate)).otherwise(rate)
        return pl.when(band.is_not_null()).then(rate)
