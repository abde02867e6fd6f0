from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS

P = "tax.credit_points.points."


class applicant_unapplied_credit_points(Variable):
    label = (
        "נקודות הזיכוי לשנה שמגיעות למבקש/ת ושמערכת שכר אינה מחילה בלי טופס 101: הורה יחיד, עולה חדש/ה, חייל/ת "
        "משוחרר/ת, הורה לילד שמשולמת בעדו גמלת ילד נכה"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "/1"
    reference = (CREDIT_POINTS,)

    def formula(self, f: Formula) -> pl.Expr:
        single = f.either(f.var("is_single_parent"), f.lit(P + "single_parent"), 0.0)
        # One child with the NII's disabled child benefit is the least the benefit says; more children, more points.
        disabled_child = f.either(f.var("hh_receives__disabled_child_benefit"), f.lit(P + "disabled_child"), 0.0)
        return (
            single
            + disabled_child
            + f.var("applicant_immigrant_credit_points")
            + f.var("applicant_discharged_soldier_credit_points")
        )
