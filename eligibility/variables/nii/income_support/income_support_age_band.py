from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_age_band(Variable):
    label = "קבוצת הגיל בטבלת הבטחת הכנסה"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        age = f.var("applicant_age_years")
        young = (age < f.p("nii.income_support.eligibility.young_band_until")) & (f.var("num_children") == 0)
        old = age >= f.p("nii.income_support.eligibility.older_band_from")
        return (
            pl.when(old)
            .then(pl.lit("age_55_plus"))
            .when(young)
            .then(pl.lit("age_20_24"))
            .when(age.is_not_null())
            .then(pl.lit("age_25_54"))
        )
