from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.references import DISABILITY_AMOUNT


class general_disability_amount(Variable):
    label = 'קצבת נכות כללית חודשית ליחיד לפי דרגת אי-הכושר (ללא תוספות תלויים וקח"ן)'
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (DISABILITY_AMOUNT,)
    defined_for = "is_general_disability_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        degree = f.var("applicant_incapacity_percent")
        amounts, steps = "nii.general_disability.amounts.", "nii.general_disability.amounts.degree_thresholds."
        # Degrees are set at 60%, 65%, 74% or 100% (75% and over is full); no degree yet means no figure.
        return (
            pl.when(degree >= f.lit(steps + "full"))
            .then(f.lit(amounts + "full"))
            .when(degree >= f.lit(steps + "degree_74"))
            .then(f.lit(amounts + "degree_74"))
            .when(degree >= f.lit(steps + "degree_65"))
            .then(f.lit(amounts + "degree_65"))
            .when(degree >= f.lit("nii.general_disability.eligibility.min_incapacity_percent"))
            .then(f.lit(amounts + "degree_60"))
        )
