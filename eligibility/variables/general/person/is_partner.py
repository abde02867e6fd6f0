from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class is_partner(Variable):
    label = "בן/בת הזוג של המבקש/ת"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("role") == "partner"
