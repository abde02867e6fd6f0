from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.public_housing.references import PUBLIC_HOUSING_FAMILIES


class public_housing_large_family(Variable):
    label = "זוג או הורה עצמאי/ת עם 3 ילדים ומעלה (קבוצת המשפחות בדיור ציבורי)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (PUBLIC_HOUSING_FAMILIES,)

    def formula(self, f: Formula) -> pl.Expr:
        parents = f.var("has_partner") | f.var("is_single_parent")
        return parents & (f.var("num_children") >= f.lit("housing.public_housing.eligibility.min_children"))
