from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class adult_incapacity_percent(Variable):
    label = "דרגת אי-כושר ההשתכרות של האדם (לילד/ה 0: הדרגה נקבעת למבוגרים)"
    entity = PERSON
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Earning incapacity (אי-כושר השתכרות) is a degree National Insurance sets for adults; a child has none.
        return pl.when(f.var("role") == "child").then(0.0).otherwise(f.var("incapacity_percent"))
