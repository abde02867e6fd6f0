from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_senior_income_test",
        "senior_income_test",
        lambda f: (
            f.var("applicant_reached_retirement_age")
            & (f.var("supplement_countable_income") <= f.var("arnona_senior_income_ceiling"))
        ),
        {
            "he": "גיל פרישה והכנסה עד {threshold}",
            "ar": "سن التقاعد ودخل حتى {threshold}",
            "ru": "пенсионный возраст и доход не выше {threshold}",
            "en": "retirement age and income at most {threshold}",
        },
        (ARNONA,),
        asks=("person.birth_date", "income.work", "income.pension_occupational", "income.other"),
        value="supplement_countable_income",
        threshold=lambda f: f.var("arnona_senior_income_ceiling"),
    ),
]
