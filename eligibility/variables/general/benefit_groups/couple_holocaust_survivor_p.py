from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class couple_holocaust_survivor_p(Variable):
    label = "ניצול/ת שואה – המבקש/ת או בן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Children are not asked; counting them would leave every family with children unknown.
        return f.var("is_couple_member") & f.var("is_holocaust_survivor")
