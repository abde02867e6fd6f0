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
        # Children counted up to two, plus three for a couple (an unknown partner counts as none): a position in
        # this table. One gather is far cheaper to plan than the when/then chains it replaces.
        position = f.var("num_children").clip(upper_bound=2) + f.var("has_partner").fill_null(False).cast(pl.Int32) * 3
        return pl.lit(FAMILY_TYPES).gather(position)


FAMILY_TYPES = pl.Series(
    ["single", "single_parent_1_child", "single_parent_2_children", "couple", "couple_1_child", "couple_2_children"]
)
