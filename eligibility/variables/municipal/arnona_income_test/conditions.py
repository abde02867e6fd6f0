from __future__ import annotations

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.refs import ARNONA_INCOME

CONDITIONS = [
    Condition(
        "arnona_income_test",
        "income_within_table",
        lambda f: f.var("arnona_income_band") > 0,
        {
            "he": "ההכנסה החודשית של כל בני הבית עד {threshold} (לפי מספר הנפשות)",
            "ar": "الدخل الشهري لجميع أفراد البيت حتى {threshold} (حسب عدد الأفراد)",
            "ru": "месячный доход всех жильцов не выше {threshold} (по числу членов семьи)",
            "en": "the monthly income of everyone in the home at most {threshold} (by household size)",
        },
        (ARNONA_INCOME,),
        asks=income_questions(),
        value="household_arnona_income",
        threshold=lambda f: f.var("arnona_income_test_max_income"),
    ),
]
