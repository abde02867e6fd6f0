from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.enforcement.file_consolidation.refs import CONSOLIDATION

P = "file_consolidation"
CONDITIONS = [
    Condition(
        P,
        "enforcement_file",
        lambda f: f.var("debt_enforcement_file"),
        {
            "he": "יש נגדכם תיק בהוצאה לפועל",
            "ar": "يوجد ضدكم ملف في دائرة التنفيذ",
            "ru": "против вас открыто дело в исполнительном бюро",
            "en": "there is an enforcement (Execution Office) file against you",
        },
        (CONSOLIDATION,),
        asks=("debts.enforcement_file",),
    ),
    Condition(
        P,
        "several_files",
        lambda f: f.var("debt_several_files"),
        {
            "he": "נפתח נגדכם יותר מתיק אחד בהוצאה לפועל (תיק מזונות אינו מצטרף לאיחוד)",
            "ar": "فُتح ضدكم أكثر من ملف واحد في دائرة التنفيذ (ملف النفقة لا يُضمّ إلى التوحيد)",
            "ru": "против вас открыто больше одного дела в исполнительном бюро (дело об алиментах не объединяется)",
            "en": "more than one Execution Office file is open against you (an alimony file is not consolidated)",
        },
        (CONSOLIDATION,),
        asks=("debts.several_files",),
    ),
]
