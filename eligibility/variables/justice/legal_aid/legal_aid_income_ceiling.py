from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.justice.legal_aid.refs import LEGAL_AID


class legal_aid_income_ceiling(Variable):
    label = "תקרת ההכנסה ברוטו לסיוע משפטי לפי מספר הנפשות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (LEGAL_AID,)

    def formula(self, f: Formula) -> pl.Expr:
        test = "justice.legal_aid.income_test."
        extra = (f.var("household_size") - f.lit(test + "base_household_size")).clip(lower_bound=0)
        share = f.lit(test + "base_share") + f.lit(test + "extra_person_share") * extra
        return f.lit("nii.general.average_wage") * share
