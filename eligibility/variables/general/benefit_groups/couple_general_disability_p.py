from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.general.benefit_groups.refs import GENERAL_DISABILITY


class couple_general_disability_p(Variable):
    label = "מקבל/ת קצבת נכות כללית – המבקש/ת או בן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (GENERAL_DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("is_couple_member") & f.var("receives_general_disability")
