from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import INCOME_PER_CAPITA


class daycare_income_per_capita(Variable):
    label = "ההכנסה לנפש לעניין מעונות יום: הכנסת ההורים ברוטו מעבודה חלקי מספר הנפשות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME_PER_CAPITA,)

    def formula(self, f: Formula) -> pl.Expr:
        children = f.var("num_children")
        # Two parents: both gross incomes over the parents and the children under 18. A single parent: half the
        # gross income over the parent, the children and one more.
        couple = (f.var("applicant_income_work") + f.var("partner_income_work")) / (children + 2)
        single = 0.5 * f.var("applicant_income_work") / (children + 2)
        return f.either(f.var("has_partner"), couple, single)
