from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES

S = "transport.public_transport.senior."
CONDITIONS = [
    Condition(
        "public_transport_senior",
        "senior_age",
        lambda f: f.var("any_senior_fare"),
        {
            "he": "את/ה או בן/בת הזוג בני 67 ומעלה, או אישה מגיל 62 (נסיעה חינם מגיל {threshold})",
            "ar": "أنت أو الزوج/ة في سن 67 فما فوق، أو امرأة من سن 62 (السفر مجانًا من سن {threshold})",
            "ru": "вам или супругу(е) 67 лет или больше, или женщине от 62 лет (бесплатный проезд с {threshold} лет)",
            "en": "you or your partner are 67 or over, or a woman of 62 or over (free travel from {threshold})",
        },
        (SENIOR_FARES,),
        asks=("person.birth_date", "person.sex"),
        threshold=lambda f: f.p(S + "free_age"),
        fmt="count",
    ),
]
