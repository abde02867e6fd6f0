from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES


class public_transport_senior_discount(Variable):
    label = "שיעור ההנחה בתחבורה הציבורית לאזרח/ית ותיק/ה (100% = נסיעה חינם)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (SENIOR_FARES,)
    defined_for = "is_public_transport_senior_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("senior_fare_discount")
