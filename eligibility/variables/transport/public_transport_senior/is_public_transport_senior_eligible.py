from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES


class is_public_transport_senior_eligible(Variable):
    label = "זכאות להנחה בתחבורה הציבורית לאזרח/ית ותיק/ה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SENIOR_FARES,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("public_transport_senior")
