from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_band_ceilings(Variable):
    label = "תקרות ההכנסה של ארבע מדרגות ההנחה לגודל משק הבית (רשימה)"
    entity = HOUSEHOLD
    value_type = list
    unit = "currency-ILS"
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        n = f.var("household_size")
        prefix = "municipal.arnona.income_test_ceilings"
        bands = (1, 2, 3, 4)
        small = f.table_by_count([[f"{prefix}.persons_{size}.band_{b}" for b in bands] for size in range(1, 10)], n)
        large = pl.concat_list([n * f.lit(f"{prefix}.per_person_10_plus.band_{b}") for b in bands])
        return pl.when(n >= 10).then(large).otherwise(small)
