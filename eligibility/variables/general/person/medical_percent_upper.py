from __future__ import annotations

import polars as pl

from eligibility.inputs import by_column
from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class medical_percent_upper(Variable):
    label = "אחוזי הנכות הרפואית של האדם, ואם לא נמסרה – 100 (הגבוהה האפשרית)"
    entity = PERSON
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        # An unknown percent may be anything up to the top of its declared domain (eligibility/inputs.yaml).
        return f.var("medical_percent").fill_null(by_column()["medical_percent"].maximum)
