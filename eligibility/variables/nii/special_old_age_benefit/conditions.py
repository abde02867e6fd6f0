from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.nii.old_age_pension.conditions import reached_retirement_age
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE

P = "special_old_age_benefit"


def _no_nii_pension(f: Formula) -> pl.Expr:
    # Neither the applicant nor the partner receives a National Insurance pension; a man's partner may receive an
    # old-age or work-injury pension of her own (she has reached its age: she receives it). A survivors' pension the
    # rules find owed counts as received: a widow(er) is paid it (at least the same basic rate) and its own income
    # supplement, not this benefit beside it.
    others = (
        receives_or_entitled(f, "survivors_pension")
        | f.var("hh_receives__general_disability")
        | f.var("hh_receives__old_age_pension_disabled")
    )
    old_age = f.var("hh_receives__old_age_pension") | f.var("hh_receives__work_injury_pension")
    return others.not_() & (old_age.not_() | (f.var("claimant_sex") == "male"))


CONDITIONS = [
    Condition(
        P,
        "immigrated_uninsured",
        lambda f: f.var("claimant_uninsured_for_old_age"),
        {
            "he": "עלית לישראל לראשונה אחרי גיל 60–62 (גבר) או אחרי גיל הפרישה (אישה), לפי תאריך הלידה, ולכן אינך מבוטח/ת בביטוח זקנה",
            "ar": "هاجرت إلى إسرائيل لأول مرة بعد سن 60–62 (رجل) أو بعد سن التقاعد (امرأة)، حسب تاريخ الميلاد، ولذلك لست مؤمَّنًا/ة في تأمين الشيخوخة",
            "ru": "вы впервые репатриировались в Израиль после 60–62 лет (мужчина) или после пенсионного возраста (женщина), в зависимости от даты рождения, и поэтому не застрахованы по старости",
            "en": "you came to Israel for the first time (aliyah) after age 60–62 (a man) or after retirement age (a woman), by birth date, so you are not insured for an old-age pension",
        },
        (SPECIAL_OLD_AGE,),
        asks=("person.immigration_date", "person.resident_since", "person.birth_date", "person.sex"),
    ),
    reached_retirement_age(P),
    Condition(
        P,
        "no_nii_pension",
        _no_nii_pension,
        {
            "he": "את/ה ובן/בת הזוג לא מקבלים קצבה מהביטוח הלאומי (לגבר: בת זוג שמקבלת קצבת אזרח ותיק או קצבת נכות מעבודה אינה מונעת)",
            "ar": "أنت والزوج/ة لا تتلقون مخصصًا من التأمين الوطني (للرجل: زوجة تتلقى مخصص الشيخوخة أو مخصص إصابة العمل لا تمنع)",
            "ru": "ни вы, ни супруг(а) не получаете пенсию Битуах леуми (мужчине не мешает пенсия по старости или по трудовому увечью жены)",
            "en": "neither you nor your partner receives a National Insurance pension (for a man, a wife's old-age or work-injury pension does not count)",
        },
        (SPECIAL_OLD_AGE,),
        asks=("person.receives",),
    ),
    Condition(
        P,
        "income_test_work",
        lambda f: f.var("claimant_income_work") <= f.var("special_old_age_work_income_max"),
        {
            "he": "הכנסה מעבודה עד {threshold} (מגיל 70: פי 3 מההכנסה המותרת)",
            "ar": "دخل من العمل حتى {threshold} (من سن 70: 3 أضعاف الدخل المسموح)",
            "ru": "доход от работы не выше {threshold} (с 70 лет: втрое выше допустимого)",
            "en": "work income at most {threshold} (from age 70: three times the allowed income)",
        },
        (SPECIAL_OLD_AGE,),
        asks=("income.work",),
        value="claimant_income_work",
        threshold=lambda f: f.var("special_old_age_work_income_max"),
    ),
    Condition(
        P,
        "income_test_other",
        lambda f: f.var("special_old_age_other_income") < f.var("supplement_guaranteed_total"),
        {
            "he": "ההכנסות שלא מעבודה שלך ושל בן/בת הזוג (פנסיה, קצבאות, הון) מתחת לקצבת הזקנה עם השלמת ההכנסה – {threshold}",
            "ar": "الدخل من غير العمل لك وللزوج/ة (تقاعد، مخصصات، رأس مال) أقل من مخصص الشيخوخة مع مكمّل الدخل – {threshold}",
            "ru": "ваши с супругом(ой) доходы не от работы (пенсия, пособия, капитал) ниже пенсии по старости с доплатой – {threshold}",
            "en": "your and your partner's income other than from work (pensions, benefits, capital) below the old-age pension with the income supplement – {threshold}",
        },
        (SPECIAL_OLD_AGE,),
        asks=income_questions(),
        value="special_old_age_other_income",
        threshold=lambda f: f.var("supplement_guaranteed_total"),
    ),
]
