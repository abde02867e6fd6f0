from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class is_applicant(Variable):
    label = "המבקש/ת (מגיש/ת הבקשה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("role") == "applicant"
