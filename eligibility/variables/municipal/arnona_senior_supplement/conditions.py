from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA
from eligibility.variables.general.benefit_groups.logic import pension_with_supplement

CONDITIONS = [
    Condition(
        "arnona_senior_supplement",
        "senior_supplement",
        lambda f: f.var("claimant_reached_retirement_age") & pension_with_supplement(f),
        {
            "he": "קצבת זקנה או קצבת שאירים עם תוספת השלמת הכנסה",
            "ar": "مخصصات الشيخوخة أو مخصصات الورثة مع مكمّل الدخل",
            "ru": "пенсия по старости или по потере кормильца с доплатой (гарантия дохода)",
            "en": "an old-age or survivors' pension with the income supplement",
        },
        (ARNONA,),
        asks=("person.birth_date", "person.receives", "insurance.qualifying_period"),
    ),
]
