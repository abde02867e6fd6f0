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
        band = f.var("income_support_age_band")  # unknown with the age: then so is the amount
        # One lookup by "band.family" (e.g. age_20_24.couple): cheaper to plan than a table per band in a when/then.
        key = pl.concat_str([band, pl.lit("."), f.var("family_type")])
        return f.table("nii.income_support.max_benefit", key, depth=2)
