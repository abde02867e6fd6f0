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
        key = f.var("supplement_table_key")
        prefix = "nii.income_supplement.guaranteed_total"
        bands = ("under_70", "age_70_79", "age_80_plus")
        out = pl.lit(None, dtype=pl.Float64)
        for band in bands:
            out = (
                pl.when(key.str.starts_with(band + "."))
                .then(f.table(f"{prefix}.{band}", key.str.split(".").list.last()))
                .otherwise(out)
            )
        return out
