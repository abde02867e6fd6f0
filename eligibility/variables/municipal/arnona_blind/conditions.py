from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_blind",
        "blind",
        lambda f: f.var("any_blind"),
        {
            "he": "תעודת עיוור לבן/בת משפחה",
            "ar": "شهادة كفيف لأحد أفراد العائلة",
            "ru": "удостоверение слепого у члена семьи",
            "en": "a blind certificate in the family",
        },
        (ARNONA,),
        asks=("disability.blind",),
    ),
]
