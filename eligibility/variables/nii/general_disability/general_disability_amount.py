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
        # The law's table: the amount of the last degree reached, of 60%, 65%, 74% and full (75% and over); below
        # 60%, or with no degree yet, no figure.
        degree = f.var("disability_claimant_incapacity_percent")
        amounts, steps = "nii.general_disability.amounts.", "nii.general_disability.amounts.degree_thresholds."
        table = [
            ("nii.general_disability.eligibility.min_incapacity_percent", amounts + "degree_60"),
            (steps + "degree_65", amounts + "degree_65"),
            (steps + "degree_74", amounts + "degree_74"),
            (steps + "full", amounts + "full"),
        ]
        thresholds, values = [f.p(t) for t, _ in table], [f.p(a) for _, a in table]
        if not all(isinstance(v, int | float) for v in thresholds + values):
            return pl.lit(None, dtype=pl.Float64)  # a figure missing for the year (a national table): unknown
        brackets = pl.lit(pl.Series([None, *values], dtype=pl.Float64))
        return brackets.gather(degree.bin_intervals([float(t) for t in thresholds], labels=False))
