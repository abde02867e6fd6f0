from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_pensions_declared(Variable):
    label = "קצבת הזקנה (ומחצית קצבת השאירים) שבתוך קצבאות הביטוח הלאומי שדווחו – לא נספרות פעמיים"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Someone who says they receive the old-age (or survivors') pension and gives their National Insurance
        # benefits has given that pension among them. The supplement already takes the pension from the guaranteed
        # total, so that much of the benefits given is not income again; what is above it (another benefit) is.
        pension = f.var("hh_receives__old_age_pension") | f.var("hh_receives__special_old_age_benefit")
        old_age = f.either(pension, f.var("old_age_pension_full"), 0.0)
        survivors = f.either(f.var("hh_receives__survivors_pension"), f.var("supplement_survivors_share"), 0.0)
        pensions, given = old_age + survivors, f.var("couple_nii_benefits")
        # No benefits given: none of them is income, whichever pensions are received.
        return pl.when(given <= 0).then(given).otherwise(f.either(pensions <= given, pensions, given))
