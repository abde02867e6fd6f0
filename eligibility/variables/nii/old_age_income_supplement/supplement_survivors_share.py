from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled


class supplement_survivors_share(Variable):
    label = "מחצית קצבת השאירים שמשולמת עם קצבת הזקנה – חלק מהסכום המובטח, לא תוספת עליו"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # A widow(er) paid an old-age pension and half the survivors' pension (s. 320) gets one supplement, up to
        # the same guaranteed total: the half pension fills part of it. 0 where the survivors' pension is not due.
        return f.either(receives_or_entitled(f, "survivors_pension"), f.var("survivors_pension_amount"), 0.0)
