from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_countable_income(Variable):
    label = "הכנסה הנחשבת במבחן ההכנסה לארנונה (מחצית מהכנסת ילד)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        share = pl.when(f.var("role") == "child").then(f.p("municipal.arnona.income_test_child_share")).otherwise(1.0)
        return f.var("total_income") * share
