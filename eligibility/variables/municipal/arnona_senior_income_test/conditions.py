from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_senior_income_test",
        "senior_income_test",
        lambda f: (
            f.var("claimant_reached_retirement_age")
            & (f.var("supplement_countable_income") <= f.var("arnona_senior_income_ceiling"))
        ),
        {
            "he": "גיל פרישה (שלך, או של בן/בת הזוג) והכנסה עד {threshold}",
            "ar": "سن التقاعد (أنت أو الزوج/ة) ودخل حتى {threshold}",
            "ru": "пенсионный возраст (ваш или супруга/супруги) и доход не выше {threshold}",
            "en": "retirement age (yours or your partner's) and income at most {threshold}",
        },
        (ARNONA,),
        asks=("person.birth_date", "income.work", "income.pension_occupational", "income.other"),
        value="supplement_countable_income",
        threshold=lambda f: f.var("arnona_senior_income_ceiling"),
    ),
]
