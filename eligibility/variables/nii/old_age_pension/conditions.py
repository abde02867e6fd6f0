from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.refs import OLD_AGE, RETIREMENT

P = "old_age_pension"


def _adult_residence(f: Formula) -> pl.Expr:
    adult_months = f.var("claimant_age_months") - f.p("general.age_of_majority") * 12
    residence = f.var("claimant_residence_months")
    # Not min_horizontal, which skips an unknown value: the lesser of the two, unknown if either is.
    return pl.when(residence <= adult_months).then(residence).when(residence > adult_months).then(adult_months)


def reached_retirement_age(program: str) -> Condition:
    """The claimant has reached retirement age (by sex and birth date): the old-age pension's and the special
    old-age benefit's first condition. The claimant is the applicant, or the partner where only the partner has."""
    return Condition(
        program,
        "reached_retirement_age",
        lambda f: f.var("claimant_reached_retirement_age"),
        {
            "he": "הגעה לגיל הפרישה ({threshold}): שלך, או של בן/בת הזוג כשרק הוא/היא הגיע/ה אליו, ואז הזכות שלו/ה",
            "ar": "بلوغ سن التقاعد ({threshold}): أنت، أو الزوج/ة إذا بلغه وحده، وعندها يكون الحق له/لها",
            "ru": "достигнут пенсионный возраст ({threshold}): вами или, если только им (ею), супругом (супругой), и тогда право его (её)",
            "en": "reached retirement age ({threshold}): you, or your partner where only they have, and then the right is theirs",
        },
        (RETIREMENT,),
        asks=("person.birth_date", "person.sex"),
        value="claimant_age_months",
        threshold=lambda f: f.var("claimant_retirement_age_months"),
        fmt="months",
    )


CONDITIONS = [
    reached_retirement_age(P),
    Condition(
        P,
        "insured_for_old_age",
        # Someone who first came to live in Israel after that age is not insured for old age at all; National
        # Insurance pays them the special old-age benefit instead (special_old_age_benefit).
        lambda f: f.var("claimant_uninsured_for_old_age").not_(),
        {
            "he": "לא עלית לישראל לראשונה אחרי גיל 60–62 (גבר) או אחרי גיל הפרישה (אישה): מי שעלה אחרי הגיל הזה אינו מבוטח בביטוח זקנה",
            "ar": "لم تهاجر إلى إسرائيل لأول مرة بعد سن 60–62 (رجل) أو بعد سن التقاعد (امرأة): من هاجر بعد هذا السن غير مؤمَّن في تأمين الشيخوخة",
            "ru": "вы не репатриировались в Израиль впервые после 60–62 лет (мужчина) или после пенсионного возраста (женщина): кто приехал позже, не застрахован по старости",
            "en": "you did not first come to Israel (aliyah) after age 60–62 (a man) or after retirement age (a woman): whoever came later is not insured for old age",
        },
        (OLD_AGE,),
        asks=("person.immigration_date", "person.resident_since"),
    ),
    Condition(
        P,
        "qualifying_period",
        # Residents are insured from 18; a shorter stay may still qualify (60 months in the last 10 years),
        # which only National Insurance can tell, so it stays unknown rather than false.
        lambda f: pl.when(_adult_residence(f) >= f.p("nii.old_age.pension.qualifying_months_total")).then(True),
        {
            "he": "תקופת ביטוח (אכשרה) של {threshold} לפחות",
            "ar": "فترة تأمين (فترة تأهيل) {threshold} على الأقل",
            "ru": "страховой стаж (период ахшара) не менее {threshold}",
            "en": "an insurance (qualifying) period of at least {threshold}",
        },
        (OLD_AGE,),
        asks=("person.resident_since", "insurance.qualifying_period"),
        threshold=lambda f: f.p("nii.old_age.pension.qualifying_months_total"),
        fmt="months",
    ),
    Condition(
        P,
        "income_test_work",
        lambda f: (
            f.var("old_age_past_absolute_age") | (f.var("claimant_income_work") <= f.var("old_age_work_income_max"))
        ),
        {
            "he": "עד גיל 70: הכנסה מעבודה עד {threshold}",
            "ar": "حتى سن 70: دخل من العمل حتى {threshold}",
            "ru": "до 70 лет: доход от работы не выше {threshold}",
            "en": "until age 70: work income at most {threshold}",
        },
        (OLD_AGE,),
        asks=("income.work",),
        value="claimant_income_work",
        threshold=lambda f: f.var("old_age_work_income_max"),
    ),
    Condition(
        P,
        "income_test_other",
        lambda f: (
            f.var("old_age_past_absolute_age") | (f.var("old_age_other_income") <= f.var("old_age_other_income_max"))
        ),
        {
            "he": "עד גיל 70: הכנסה שלא מעבודה (ללא פנסיה תעסוקתית) עד {threshold}",
            "ar": "حتى سن 70: دخل ليس من العمل (دون التقاعد من العمل) حتى {threshold}",
            "ru": "до 70 лет: доход не от работы (без трудовой пенсии) не выше {threshold}",
            "en": "until age 70: non-work income (occupational pension not counted) at most {threshold}",
        },
        (OLD_AGE,),
        asks=("income.nii_benefits", "income.alimony", "income.capital", "income.other"),
        value="old_age_other_income",
        threshold=lambda f: f.var("old_age_other_income_max"),
    ),
]
