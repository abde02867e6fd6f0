from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import RETIREMENT


class retirement_age_months(Variable):
    label = "גיל הפרישה בחודשים לפי מין וחודש לידה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        women, men = f.var("retirement_age_months_women"), f.var("retirement_age_months_men")
        return pl.when(f.var("sex") == "female").then(women).when(f.var("sex") == "male").then(men)
