from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.parameters import Reference

SURVIVORS_LAW = Reference(
    'חוק הטבות לניצולי שואה, התשס"ז-2007, סעיף 1',
    "https://www.kolzchut.org.il/he/%D7%A0%D7%99%D7%A6%D7%95%D7%9C%D7%99_%D7%A9%D7%95%D7%90%D7%94",
)


class is_holocaust_survivor(Variable):
    label = "ניצול/ת שואה (מי שנולד/ה אחרי 1946 אינו/ה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SURVIVORS_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        # Born after the last year a survivor can have been born in: not a survivor, whatever was answered. With
        # the birth date unknown a "yes" is unknown too.
        survivor = f.var("holocaust_survivor")
        later = f.var("birth_date").dt.year() > f.lit("general.holocaust.latest_birth_year")
        return (
            pl.when(later)
            .then(pl.lit(False))
            .when(later.is_null() & survivor)
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(survivor)
        )
