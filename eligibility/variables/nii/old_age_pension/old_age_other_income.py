from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class old_age_other_income(Variable):
    label = "הכנסת המבקש/ת שלא מעבודה ושלא מפנסיה תעסוקתית (למבחן ההכנסות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return (
            f.var("claimant_total_income")
            - f.var("claimant_income_work")
            - f.var("claimant_income_pension_occupational")
        )
