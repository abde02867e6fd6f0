from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT, CLAIM_PERIOD

CONDITIONS = [
    Condition(
        "birth_grant",
        "newborn",
        lambda f: f.var("num_infants") > 0,
        {
            "he": "נולד/ה במשפחה ילד/ה לפני פחות מ{threshold} (אחר כך כבר אי אפשר לתבוע את המענק)",
            "ar": "وُلد في العائلة طفل قبل أقل من {threshold} (بعد ذلك لا يمكن المطالبة بالمنحة)",
            "ru": "в семье родился ребёнок меньше чем {threshold} назад (позже пособие уже не потребовать)",
            "en": "a child was born into the family less than {threshold} ago (after that the grant can no longer be claimed)",
        },
        (BIRTH_GRANT, CLAIM_PERIOD),
        asks=("person.birth_date",),
        threshold=lambda f: f.p("nii.general.retroactive_months"),
        fmt="months",
    ),
]
