from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES

S = "transport.public_transport.senior."


class senior_fare_discount_p(Variable):
    label = "שיעור ההנחה בתחבורה הציבורית של המבקש/ת או בן/בת הזוג כאזרח/ית ותיק/ה (שורת אדם; 0 למי שאינו מהם)"
    entity = PERSON
    value_type = float
    unit = "percent"
    reference = (SENIOR_FARES,)

    def formula(self, f: Formula) -> pl.Expr:
        age, sex = f.var("age_years"), f.var("sex")
        free = age >= f.lit(S + "free_age")
        senior = ((sex == "female") & (age >= f.lit(S + "women_age"))) | (
            (sex == "male") & (age >= f.lit(S + "men_age"))
        )
        # Free from the free-travel age whatever the sex; below it, the senior rate from each sex's age; an unknown
        # sex between the two ages leaves the rate unknown.
        rate = (
            pl.when(free)
            .then(100.0)
            .when(free.not_() & senior)
            .then(f.lit(S + "discount_percent"))
            .when(free.not_() & senior.not_())
            .then(0.0)
        )
        return pl.when(f.var("is_couple_member")).then(rate).otherwise(0.0)
