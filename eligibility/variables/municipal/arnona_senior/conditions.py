from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_senior",
        "senior",
        lambda f: (
            f.var("claimant_reached_retirement_age")
            & (
                f.var("hh_receives__old_age_pension")
                | f.var("hh_receives__survivors_pension")
                | f.var("is_old_age_pension_eligible")
                | f.var("is_survivors_pension_eligible")
            )
        ),
        {
            "he": "הגעה לגיל פרישה (שלך, או של בן/בת הזוג) וקבלת קצבת זקנה או שאירים",
            "ar": "بلوغ سن التقاعد (أنت أو الزوج/ة) وتلقي مخصصات الشيخوخة أو مخصصات الباقين على قيد الحياة",
            "ru": "пенсионный возраст (ваш или супруга/супруги) и пенсия по старости или по потере кормильца",
            "en": "retirement age (yours or your partner's) and an old-age or survivors pension",
        },
        (ARNONA,),
        asks=("person.birth_date", "person.receives", "insurance.qualifying_period"),
    ),
]
