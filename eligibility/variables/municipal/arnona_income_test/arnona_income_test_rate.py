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
        band = f.var("arnona_income_band")
        large = f.var("household_size") >= f.p("municipal.arnona.income_test_rates.large_household_from")
        rates = "municipal.arnona.income_test_rates."
        # Band 0 (above the table) has no discount.
        small = f.choose(band, [0.0, *(f.p(f"{rates}up_to_6_persons.band_{k}") for k in (1, 2, 3, 4))])
        large_rates = f.choose(band, [0.0, *(f.p(f"{rates}from_7_persons.band_{k}") for k in (1, 2, 3, 4))])
        return pl.when(large).then(large_rates).otherwise(small)
