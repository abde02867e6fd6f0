from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_soldier",
        "soldier",
        lambda f: f.var("applicant_soldier"),
        {"he": "המחזיק/ה בנכס בשירות סדיר", "en": "the home's holder is in compulsory service"},
        (ARNONA,),
        asks=("person.soldier",),
    ),
]
