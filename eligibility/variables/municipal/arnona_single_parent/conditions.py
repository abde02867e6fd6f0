from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_single_parent",
        "single_parent",
        lambda f: f.var("is_single_parent"),
        {
            "he": "הורה עצמאי/ת לילד/ה מתחת לגיל 18",
            "ar": "والد/ة وحيد/ة لولد دون سن 18",
            "ru": "родитель-одиночка ребёнка до 18 лет",
            "en": "a single parent of a child under 18",
        },
        (ARNONA,),
        asks=("person.marital_status", "person.birth_date"),
    ),
]
