from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.justice.legal_aid.refs import LEGAL_AID


class is_legal_aid_eligible(Variable):
    label = "עמידה במבחן הזכאות הכלכלית לסיוע משפטי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (LEGAL_AID,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("legal_aid")
