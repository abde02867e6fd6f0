from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import TUITION, months_before, school_year_start

T = "labor.daycare.tuition."
E = "labor.daycare.eligibility."
LEVELS = range(3, 11)  # the levels with a state share; 11 and 12 pay the full fee


class daycare_subsidy_amount(Variable):
    label = "השתתפות המדינה בשכר הלימוד במעון לחודש, לילד/ה הצעיר/ה בגיל מעון (השכר המלא פחות תשלום ההורים)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TUITION,)
    defined_for = "is_daycare_subsidy_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        september = school_year_start(f.as_of)
        born = f.var("youngest_daycare_child_birth")
        infant_months, toddler_months = f.p(E + "infant_max_months"), f.p(E + "toddler_max_months")
        if infant_months is None or toddler_months is None:  # a date before the tables we hold: no figure
            return pl.lit(None, dtype=pl.Float64)
        # The tables' age groups are by the age on 1 September: up to 15 months, 15 to 24, over 24.
        infant = born >= months_before(september, int(infant_months))
        toddler = born >= months_before(september, int(toddler_months))
        group = f.either(infant, 0, f.either(toddler, 1, 2))
        full = f.choose(group, [f.p(T + "full.infant"), f.p(T + "full.toddler"), f.p(T + "full.older")])
        level = f.var("daycare_subsidy_level")
        position = (level - 3).clip(0, len(LEVELS) - 1)
        parent = f.either(
            infant,
            f.choose(position, [f.p(f"{T}parent_infant.level_{n}") for n in LEVELS]),
            f.choose(position, [f.p(f"{T}parent_toddler.level_{n}") for n in LEVELS]),
        )
        # Levels 11 and 12 have no state share; a level above 10 by the newest table found may have one under a
        # newer table with a higher ceiling, so it is unknown rather than 0.
        return pl.when(level <= 10).then(full - parent)
