from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class family_type(Variable):
    label = "הרכב המשפחה לטבלאות הביטוח הלאומי"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        kids = f.var("num_children")
        suffix = (
            pl.when(kids == 0)
            .then(pl.lit(""))
            .when(kids == 1)
            .then(pl.lit("_1_child"))
            .otherwise(pl.lit("_2_children"))
        )
        head = (
            pl.when(f.var("has_partner"))
            .then(pl.lit("couple"))
            .when(kids > 0)
            .then(pl.lit("single_parent"))
            .otherwise(pl.lit("single"))
        )
        return pl.when(kids.is_not_null()).then(head + suffix)
