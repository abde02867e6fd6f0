from __future__ import annotations

import datetime as dt

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class infant_birth_date(Variable):
    label = "תאריך הלידה של יילוד/ה (ריק למי שאינו יילוד)"
    entity = PERSON
    value_type = dt.date
    unit = ""
    reference = (BIRTH_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return pl.when(f.var("is_infant")).then(f.var("birth_date"))
