from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE


class uninsured_for_old_age(Variable):
    label = "עלה/עלתה לישראל לראשונה אחרי הגיל שממנו אין ביטוח זקנה (גבר: 60–62; אישה: גיל הפרישה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SPECIAL_OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        retirement = f.var("retirement_age_months")
        men_before = f.p("nii.special_old_age.eligibility.men_years_before_retirement_age")
        if men_before is None:  # a date before the rule we hold
            return pl.lit(None, dtype=pl.Boolean)
        limit = pl.when(f.var("sex") == "male").then(retirement - int(men_before) * 12).otherwise(retirement)
        # First came to live here after that age: an immigrant whose aliyah and whose residence both began after it
        # (a residence that began earlier, as a temporary resident, was insured from then). Either date before the
        # age settles it the other way; an unknown one leaves it open (Kleene "and").
        born = f.var("birth_date")

        def age_at(date: pl.Expr) -> pl.Expr:
            months = (date.dt.year() - born.dt.year()) * 12 + (date.dt.month().cast(pl.Int32) - born.dt.month())
            return months - (born.dt.day() > date.dt.day()).cast(pl.Int32)

        came_late = age_at(f.var("immigration_date")) >= limit
        resident_late = age_at(f.var("resident_since")) >= limit
        return f.var("is_immigrant") & came_late & resident_late
