from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.justice.legal_aid.refs import LEGAL_AID


class legal_aid_realizable_assets(Variable):
    label = "רכוש הניתן למימוש לעניין סיוע משפטי (חסכונות ונכסים פיננסיים ושווי הרכב)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (LEGAL_AID,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("financial_assets") + f.var("car_value")
