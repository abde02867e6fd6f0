from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.enforcement.limited_means_debtor.refs import LIMITED_MEANS


class is_limited_means_debtor_eligible(Variable):
    label = "עמידה בתנאים להכרזה כחייב מוגבל באמצעים בהוצאה לפועל"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (LIMITED_MEANS,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("limited_means_debtor")
