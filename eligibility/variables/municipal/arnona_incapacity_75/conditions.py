from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_incapacity_75",
        "incapacity_75",
        lambda f: f.someone_at_least(
            "incapacity_percent", f.p("municipal.arnona.categorical_incapacity_75.min_percent")
        ),
        {
            "he": "דרגת אי-כושר השתכרות של {threshold}% לפחות",
            "ar": "درجة عدم القدرة على الكسب {threshold}% على الأقل",
            "ru": "степень потери трудоспособности не менее {threshold}%",
            "en": "earning incapacity of at least {threshold}%",
        },
        (ARNONA,),
        asks=("disability.incapacity_percent",),
        value="max_incapacity_percent",
        threshold=lambda f: f.p("municipal.arnona.categorical_incapacity_75.min_percent"),
        fmt="count",
    ),
]
