from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_senior_supplement",
        "senior_supplement",
        lambda f: (
            f.var("applicant_reached_retirement_age")
            & (f.var("hh_receives__old_age_income_supplement") | f.var("is_old_age_income_supplement_eligible"))
        ),
        {
            "he": "קצבת זקנה עם תוספת השלמת הכנסה",
            "ar": "مخصصات الشيخوخة مع مكمّل الدخل",
            "ru": "пенсия по старости с доплатой (гарантия дохода)",
            "en": "an old-age pension with the income supplement",
        },
        (ARNONA,),
        asks=("person.birth_date", "person.receives", "insurance.qualifying_period"),
    ),
]
