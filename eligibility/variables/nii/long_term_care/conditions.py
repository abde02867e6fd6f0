from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.variables.nii.long_term_care.references import INCOME_TEST, LONG_TERM_CARE

P = "long_term_care"
CONDITIONS = [
    Condition(
        P,
        "dependent_at_retirement_age",
        # Whoever already receives the benefit was found so by National Insurance.
        lambda f: f.var("any_care_dependent_senior") | f.var("hh_receives__long_term_care"),
        {
            "he": "את/ה או בן/בת הזוג הגעתם לגיל הפרישה, גרים בבית (לא במוסד) וזקוקים לעזרה רבה של אדם אחר בפעולות היומיום או להשגחה",
            "ar": "أنت أو الزوج/ة بلغتم سن التقاعد، تسكنون في البيت (لا في مؤسسة) وتحتاجون إلى مساعدة كبيرة من شخص آخر في أعمال الحياة اليومية أو إلى مراقبة",
            "ru": "вы или супруг(а) достигли пенсионного возраста, живёте дома (не в учреждении) и нуждаетесь в большой помощи другого человека в повседневных делах или в присмотре",
            "en": "you or your partner have reached retirement age, live at home (not in an institution) and need a lot of help from another person with daily activities, or supervision",
        },
        (LONG_TERM_CARE,),
        asks=("person.needs_daily_help", "person.birth_date", "person.sex"),
    ),
    Condition(
        P,
        "income_test",
        lambda f: f.var("long_term_care_income") <= f.var("long_term_care_income_ceiling"),
        {
            "he": "הכנסה חודשית (שלך ושל בן/בת הזוג) עד {threshold}; עד תקרה נמוכה יותר – גמלה מלאה, ומעליה – מחצית",
            "ar": "دخل شهري (لك وللزوج/ة) حتى {threshold}؛ حتى سقف أدنى – مخصص كامل، وفوقه – النصف",
            "ru": "ежемесячный доход (ваш и супруга/супруги) до {threshold}; до более низкого порога – полное пособие, выше – половина",
            "en": "monthly income (yours and your partner's) up to {threshold}; up to a lower ceiling the full benefit, above it half",
        },
        (INCOME_TEST,),
        asks=income_questions(),
        value="long_term_care_income",
        threshold=lambda f: f.var("long_term_care_income_ceiling"),
    ),
    Condition(
        P,
        "dependency_assessment",
        # National Insurance's dependency test at home sets the level (1 to 6) or refuses: "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__long_term_care")).then(pl.lit(True)),
        {
            "he": "בדיקת התלות של הביטוח הלאומי בבית קובעת אם מגיעה גמלה ובאיזו רמה (1 עד 6)",
            "ar": "فحص التبعية الذي يجريه التأمين الوطني في البيت يقرّر إذا كان المخصص مستحقًا وبأي مستوى (1 حتى 6)",
            "ru": "проверка зависимости, которую Битуах леуми проводит дома, решает, положено ли пособие и какого уровня (от 1 до 6)",
            "en": "National Insurance's dependency assessment at home decides whether the benefit is owed and at which level (1 to 6)",
        },
        (LONG_TERM_CARE,),
        asks=("agency.ltc_dependency_assessment",),
    ),
]
