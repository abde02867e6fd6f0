from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_new_immigrant",
        "new_immigrant",
        lambda f: (
            f.var("applicant_is_immigrant")
            & (
                f.var("applicant_months_since_immigration")
                < f.p("municipal.arnona.categorical_new_immigrant.months_window")
            )
        ),
        {
            "he": "עלייה בתוך 24 החודשים האחרונים",
            "ar": "الهجرة إلى البلاد خلال آخر 24 شهرًا",
            "ru": "репатриация за последние 24 месяца",
            "en": "immigrated within the last 24 months",
        },
        (ARNONA,),
        asks=("person.immigration_date",),
    ),
]
