from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_guaranteed_total(Variable):
    label = "הסכום הכולל המובטח (קצבת זקנה + תוספת השלמת הכנסה)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # The key is "<age band>.<family type>": one lookup over all the bands' leaves.
        return f.table("nii.income_supplement.guaranteed_total", f.var("supplement_table_key"), depth=2)
