from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.transport.public_transport_disability.references import DISABILITY_FARES


class is_public_transport_disability_eligible(Variable):
    label = "זכאות להנחה בתחבורה הציבורית לבעלי תעודת נכה של הביטוח הלאומי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABILITY_FARES,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("public_transport_disability")
