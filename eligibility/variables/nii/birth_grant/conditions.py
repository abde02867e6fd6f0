from __future__ import annotations

import polars as pl

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
    # The grant is the mother's, paid to her automatically after the birth; a father receives it only when she has
    # died, or for a child he adopted or received through surrogacy, which National Insurance establishes.
    Condition(
        "birth_grant",
        "mother_in_household",
        lambda f: pl.when((f.var("applicant_sex") == "female") | (f.var("partner_sex") == "female")).then(True),
        {
            "he": "המענק משולם ליולדת: אם במשפחה (אב מקבל אותו רק אם האם נפטרה, או בעד ילד שאימץ או שנולד בפונדקאות)",
            "ar": "تُدفع المنحة للوالدة: أمّ في العائلة (يحصل عليها الأب فقط إذا توفيت الأم، أو عن طفل تبنّاه أو وُلد بالحمل البديل)",
            "ru": "пособие выплачивается родившей матери: мать в семье (отец получает его, только если мать умерла, или на ребёнка, которого он усыновил или получил через суррогатное материнство)",
            "en": "the grant is paid to the mother who gave birth: a mother in the family (a father gets it only if the mother has died, or for a child he adopted or received through surrogacy)",
        },
        (BIRTH_GRANT,),
        asks=("person.sex", "agency.birth_grant_father"),
    ),
]
