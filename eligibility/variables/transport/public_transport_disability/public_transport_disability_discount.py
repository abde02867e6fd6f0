from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.transport.public_transport_disability.references import DISABILITY_FARES


class public_transport_disability_discount(Variable):
    label = "שיעור ההנחה בתחבורה הציבורית לבעל/ת תעודת נכה של הביטוח הלאומי"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (DISABILITY_FARES,)
    defined_for = "is_public_transport_disability_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.lit("transport.public_transport.disability.discount_percent")
