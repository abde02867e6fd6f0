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
        names = [
            ("nii.general_disability.eligibility.min_incapacity_percent", amounts + "degree_60"),
            (steps + "degree_65", amounts + "degree_65"),
            (steps + "degree_74", amounts + "degree_74"),
            (steps + "full", amounts + "full"),
        ]
        thresholds, values = [f.p(t) for t, _ in names], [f.p(a) for _, a in names]
        if all(isinstance(v, (int, float)) for v in thresholds + values) and thresholds == sorted(thresholds):
            # A bracket gather from a typed literal Series is far cheaper to plan than a when-chain.
            table = pl.Series([None, *values], dtype=pl.Float64)
            return pl.lit(table).gather(degree.bin_intervals([float(t) for t in thresholds], labels=False))
        return (  # a threshold or amount missing for the year (or overridden): compare one by one
            pl.when(degree >= f.lit(steps + "full"))
            .then(f.lit(amounts + "full"))
            .when(degree >= f.lit(steps + "degree_74"))
            .then(f.lit(amounts + "degree_74"))
            .when(degree >= f.lit(steps + "degree_65"))
            .then(f.lit(amounts + "degree_65"))
            .when(degree >= f.lit("nii.general_disability.eligibility.min_incapacity_percent"))
            .then(f.lit(amounts + "degree_60"))
        )
