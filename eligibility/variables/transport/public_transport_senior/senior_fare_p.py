from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES


class senior_fare_p(Variable):
    label = "המבקש/ת או בן/בת הזוג בגיל ההנחה לאזרח ותיק בתחבורה הציבורית (שורת אדם)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SENIOR_FARES,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("senior_fare_discount_p") > 0
