from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_test_area_share(Variable):
    label = "החלק משטח הדירה שעליו חלה ההנחה (תקרת שטח של הרשות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "/1"
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        share = f.area_share("municipal.arnona.income_test_rates.area_cap_sqm")
        return share if isinstance(share, pl.Expr) else pl.lit(share)
