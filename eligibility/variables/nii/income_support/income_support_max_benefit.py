from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_max_benefit(Variable):
    label = "גמלת הבטחת הכנסה המרבית לפי גיל והרכב משפחה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        band, family = f.var("income_support_age_band"), f.var("family_type")
        prefix = "nii.income_support.max_benefit."
        return (
            pl.when(band == "age_20_24")
            .then(f.table(prefix + "age_20_24", family))
            .when(band == "age_55_plus")
            .then(f.table(prefix + "age_55_plus", family))
            .otherwise(f.table(prefix + "age_25_54", family))
        )
