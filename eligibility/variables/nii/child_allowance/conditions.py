from __future__ import annotations

from eligibility.model import Condition
from eligibility.refs import CHILDREN, SAVINGS

CONDITIONS = [
    Condition(
        "child_allowance",
        "has_child_under_18",
        lambda f: f.var("num_children") > 0,
        {
            "he": "ילד/ה אחד/ת לפחות מתחת לגיל 18",
            "ar": "طفل واحد على الأقل دون سن 18",
            "ru": "хотя бы один ребёнок до 18 лет",
            "en": "at least one child under 18",
        },
        (CHILDREN,),
        asks=("person.birth_date",),
        value="num_children",
        fmt="count",
    ),
    Condition(
        "child_savings",
        "has_child_under_18",
        lambda f: f.var("num_children") > 0,
        {
            "he": "ילד/ה אחד/ת לפחות שבעדו/ה משולמת קצבת ילדים",
            "ar": "ولد واحد على الأقل تُدفع عنه مخصصات الأولاد",
            "ru": "хотя бы один ребёнок, на которого платят пособие на детей",
            "en": "at least one child for whom child allowance is paid",
        },
        (SAVINGS,),
        asks=("person.birth_date",),
        value="num_children",
        fmt="count",
    ),
]
