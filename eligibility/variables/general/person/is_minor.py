from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import MAJORITY


class is_minor(Variable):
    label = "קטין/ה (מתחת לגיל הבגרות)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (MAJORITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("age_years") < f.lit("general.age_of_majority")
