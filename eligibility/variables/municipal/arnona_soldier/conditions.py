from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_soldier",
        "soldier",
        lambda f: f.var("applicant_soldier"),
        {
            "he": "המחזיק/ה בנכס בשירות סדיר",
            "ar": "صاحب/ة حساب الأرنونا في الخدمة النظامية",
            "ru": "плательщик арноны за жильё – на срочной службе",
            "en": "the home's holder is in compulsory service",
        },
        (ARNONA,),
        asks=("person.soldier",),
    ),
]
