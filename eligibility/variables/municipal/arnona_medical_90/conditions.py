from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_medical_90",
        "medical_90",
        lambda f: f.someone_at_least("medical_percent", f.p("municipal.arnona.categorical_medical_90.min_percent")),
        {
            "he": "נכות רפואית של {threshold}% לפחות",
            "ar": "عجز طبي بنسبة {threshold}% على الأقل",
            "ru": "медицинская инвалидность не менее {threshold}%",
            "en": "medical disability of at least {threshold}%",
        },
        (ARNONA,),
        asks=("disability.medical_percent",),
        value="max_medical_percent",
        threshold=lambda f: f.p("municipal.arnona.categorical_medical_90.min_percent"),
        fmt="count",
    ),
]
