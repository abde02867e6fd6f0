from __future__ import annotations

import datetime as dt

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import TUITION


class daycare_child_birth(Variable):
    label = "תאריך הלידה של ילד/ה בגיל מעון (ריק לאחרים)"
    entity = PERSON
    value_type = dt.date
    unit = ""
    reference = (TUITION,)

    def formula(self, f: Formula) -> pl.Expr:
        return pl.when(f.var("is_daycare_age_child")).then(f.var("birth_date"))
