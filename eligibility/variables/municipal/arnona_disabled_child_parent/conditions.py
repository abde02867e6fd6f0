from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import ARNONA

CONDITIONS = [
    Condition(
        "arnona_disabled_child_parent",
        "disabled_child_parent",
        lambda f: f.var("hh_receives__disabled_child_benefit"),
        {
            "he": "מקבלים גמלת ילד נכה",
            "ar": "تتلقون مخصصات الولد ذي الإعاقة",
            "ru": "вы получаете пособие на ребёнка-инвалида",
            "en": "you receive the disabled-child benefit",
        },
        (ARNONA,),
        asks=("person.receives",),
    ),
]
