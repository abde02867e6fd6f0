from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT, CLAIM_PERIOD

CONDITIONS = [
    Condition(
        "birth_grant",
        "newborn",
        lambda f: f.var("num_infants") > 0,
        {
            "he": "נולד/ה במשפחה ילד/ה ב-{threshold} החודשים האחרונים (אחר כך כבר אי אפשר לתבוע את המענק)",
            "ar": "وُلد في العائلة طفل خلال آخر {threshold} (بعدها لا يمكن المطالبة بالمنحة)",
            "ru": "в семье родился ребёнок за последние {threshold} (позже пособие уже не потребовать)",
            "en": "a child was born into the family in the last {threshold} (after that the grant can no longer be claimed)",
        },
        (BIRTH_GRANT, CLAIM_PERIOD),
        asks=("person.birth_date",),
        value="num_infants",
        threshold=lambda f: f.p("nii.general.retroactive_months"),
        fmt="months",
    ),
]
