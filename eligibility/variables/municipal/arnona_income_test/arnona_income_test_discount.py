from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_test_discount(Variable):
    label = "הנחה בארנונה לפי מבחן הכנסה – אחוז מהחשבון כולו (אחרי תקרת השטח)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ARNONA_INCOME,)
    defined_for = "is_arnona_income_test_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("arnona_income_test_rate") * f.var("arnona_income_test_area_share")
