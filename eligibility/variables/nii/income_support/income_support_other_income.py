from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_INCOME


class income_support_other_income(Variable):
    label = "הכנסה שלא מעבודה לעניין הבטחת הכנסה: של בני הזוג, וקצבת שאירים שמגיעה להם ועוד אינה משולמת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        # Income support is the last of the NII's benefits: a survivors' pension is income it deducts in full, and the
        # widow(er) the rules find owed one is paid it first. Counting it only once it is paid would tell them of an
        # income support that claiming the pension takes away. Received already, it is in the declared incomes.
        pending = f.var("is_survivors_pension_eligible") & f.var("hh_receives__survivors_pension").not_()
        return f.var("couple_other_income") + f.either(pending, f.var("survivors_pension_amount"), 0.0)
