from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.parameters import Reference

SERVICE_LAW = Reference(
    'חוק שירות ביטחון [נוסח משולב], התשמ"ו-1986, סעיפים 1 ו־15',
    "https://www.nevo.co.il/law_html/law01/p214m2_001.htm",
)


class in_regular_service(Variable):
    label = "בשירות סדיר (חובה או שירות לאומי): לא מעבר לגיל השירות הסדיר"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SERVICE_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        # Past the ages of regular service nobody is in it, whatever was answered or left blank: a "yes" at 50 is
        # a career or reserve soldier. With the age unknown a "yes" is unknown too (it may be such a "yes").
        soldier = f.var("soldier")
        beyond = f.var("age_years") > f.lit("general.regular_service.max_age")
        return (
            pl.when(beyond)
            .then(pl.lit(False))
            .when(beyond.is_null() & soldier)
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(soldier)
        )
