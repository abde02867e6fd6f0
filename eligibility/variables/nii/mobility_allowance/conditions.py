from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.nii.mobility_allowance.references import AGE, MOBILITY

P = "mobility_allowance"
E = "nii.mobility.eligibility."

CONDITIONS = [
    Condition(
        P,
        "age_3_to_67",
        lambda f: (
            (f.var("mobility_claimant_age_years") >= f.lit(E + "min_age"))
            & (f.var("mobility_claimant_age_years") < f.lit(E + "retirement_age"))
        ),
        {
            "he": "גיל 3 ומעלה ולפני גיל {threshold} – גיל הפרישה לעניין ניידות, לגברים ולנשים (מי שקיבל/ה גמלה לפניו עשוי/ה להמשיך)",
            "ar": "سن 3 فما فوق وقبل سن {threshold} – سن التقاعد لغرض التنقّل، للرجال والنساء (من حصل على المخصص قبله قد يستمر)",
            "ru": "от 3 лет и до {threshold} – пенсионного возраста для пособия на мобильность, одинакового для мужчин и женщин (получавшие его раньше могут продолжить)",
            "en": "aged 3 or over and under {threshold} – the retirement age for mobility, the same for men and women (whoever received it before may keep it)",
        },
        (AGE, MOBILITY),
        asks=("person.birth_date",),
        value="mobility_claimant_age_years",
        threshold=lambda f: f.p(E + "retirement_age"),
        fmt="count",
    ),
    Condition(
        P,
        "walking_difficulty",
        lambda f: f.var("mobility_claimant_walking_difficulty"),
        {
            "he": "מתקשה ללכת בגלל ליקוי ברגליים: את/ה, או בן/בת הזוג כשרק הוא/היא, ואז הגמלה שלו/ה",
            "ar": "صعوبة في المشي بسبب إعاقة في الرجلين: أنت، أو الزوج/ة إذا كان وحده، وعندها يكون المخصص له/لها",
            "ru": "трудно ходить из-за нарушения в ногах: вам или, если только ему (ей), супругу (супруге), и тогда пособие его (её)",
            "en": "has difficulty walking because of an impairment in the legs: you, or your partner where only they do, and then the allowance is theirs",
        },
        (MOBILITY,),
        asks=("person.walking_difficulty",),
    ),
    Condition(
        P,
        "mobility_committee",
        # The Ministry of Health's medical committee sets the mobility limitation (40% with a driving licence, 60%
        # without, from the list of leg impairments): "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__mobility_allowance")).then(pl.lit(True)),
        {
            "he": "ועדה רפואית של משרד הבריאות קובעת אחוזי מוגבלות בניידות: 40% לפחות למי שיש לו/ה רישיון נהיגה, 60% לפחות למי שאין",
            "ar": "لجنة طبية تابعة لوزارة الصحة تحدّد نسبة محدودية التنقّل: 40% على الأقل لمن لديه رخصة سياقة، و60% على الأقل لمن ليس لديه",
            "ru": "медкомиссия Минздрава определяет процент ограничения мобильности: не менее 40% при наличии водительских прав, не менее 60% без них",
            "en": "a Ministry of Health medical committee sets the mobility limitation: at least 40% with a driving licence, at least 60% without",
        },
        (MOBILITY,),
        asks=("agency.mobility_committee",),
    ),
]
