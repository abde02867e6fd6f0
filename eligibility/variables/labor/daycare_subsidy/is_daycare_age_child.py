from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY, months_before, school_year_start

E = "labor.daycare.eligibility."


class is_daycare_age_child(Variable):
    label = "ילד/ה בגיל מעון: לפחות 3 חודשים, ולא יותר מ-33 חודשים ב-1 בספטמבר של שנת הלימודים"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SUBSIDY,)

    def formula(self, f: Formula) -> pl.Expr:
        least, most = f.p(E + "min_age_months"), f.p(E + "max_months")
        if least is None or most is None:  # a date before the rules we hold: unknown
            return pl.lit(None, dtype=pl.Boolean)
        youngest = months_before(f.as_of, int(least))
        oldest = months_before(school_year_start(f.as_of), int(most))
        born = f.var("birth_date")
        return (f.var("role") == "child") & (born <= youngest) & (born >= oldest)
