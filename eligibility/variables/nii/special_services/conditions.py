from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.nii.special_services.references import CONDITIONS_PAGE, SPECIAL_SERVICES

P = "special_services"
E = "nii.special_services.eligibility."


def _medical(f: Formula) -> pl.Expr:
    """60% with a general disability pension, 75% without: true, false, or unknown where the pension is not said."""
    medical, receives = (
        f.var("disability_claimant_medical_percent"),
        f.var("disability_claimant_receives_general_disability"),
    )
    low, high = (
        f.lit(E + "medical_percent_with_disability_pension"),
        f.lit(E + "medical_percent_without_disability_pension"),
    )
    # Between the two, the pension decides; an unknown percent may be on either side of both (unknown).
    return (
        pl.when(medical >= high).then(True).when(medical < low).then(False).when(medical.is_not_null()).then(receives)
    )


CONDITIONS = [
    Condition(
        P,
        "age_18_to_retirement",
        lambda f: (
            (f.var("disability_claimant_age_years") >= f.lit(E + "min_age"))
            & f.var("disability_claimant_reached_retirement_age").not_()
        ),
        {
            "he": "גיל {threshold} ומעלה ועדיין לא בגיל הפרישה (מי שנמצא/ה זכאי/ת לפני גיל הפרישה ממשיך/ה לקבל)",
            "ar": "سن {threshold} فما فوق ولم تبلغوا سن التقاعد بعد (من ثبت استحقاقه قبل سن التقاعد يستمر في الحصول عليه)",
            "ru": "возраст от {threshold} и ещё не пенсионный (кому пособие назначено до пенсионного возраста, продолжает его получать)",
            "en": "aged {threshold} or over and below retirement age (whoever was found entitled before retirement age keeps it)",
        },
        (CONDITIONS_PAGE,),
        asks=("person.birth_date", "person.sex"),
        value="disability_claimant_age_years",
        threshold=lambda f: f.p(E + "min_age"),
        fmt="count",
    ),
    Condition(
        P,
        "needs_help",
        lambda f: f.var("disability_claimant_needs_daily_help"),
        {
            "he": "זקוק/ה לעזרה רבה של אדם אחר בפעולות היומיום (לבוש, אכילה, רחצה, תנועה בבית, היגיינה) או להשגחה מתמדת: את/ה, או בן/בת הזוג כשרק לו/לה יש נכות, ואז הקצבה שלו/ה",
            "ar": "بحاجة إلى مساعدة كبيرة من شخص آخر في أعمال الحياة اليومية (اللبس، الأكل، الاستحمام، التنقّل في البيت، النظافة) أو إلى مراقبة دائمة: أنت، أو الزوج/ة إذا كان العجز له/لها وحده، وعندها يكون المخصص له/لها",
            "ru": "нужна большая помощь другого человека в повседневных делах (одеться, поесть, помыться, передвигаться по дому, гигиена) или постоянный присмотр: вам или, если инвалидность только у супруга (супруги), ему (ей), и тогда пособие его (её)",
            "en": "needs a lot of help from another person with daily activities (dressing, eating, washing, moving at home, hygiene) or constant supervision: you, or your partner where only they have a disability, and then the allowance is theirs",
        },
        (SPECIAL_SERVICES,),
        asks=("person.needs_daily_help",),
    ),
    Condition(
        P,
        "medical_percent",
        _medical,
        {
            "he": "נכות רפואית של 60% לפחות למי שמקבל/ת קצבת נכות כללית, או {threshold} לפחות בלעדיה",
            "ar": "عجز طبي بنسبة 60% على الأقل لمن يحصل على مخصصات العجز العام، أو {threshold} على الأقل بدونها",
            "ru": "медицинская инвалидность не менее 60% при пособии по общей инвалидности или не менее {threshold} без него",
            "en": "a medical disability of at least 60% with a general disability pension, or at least {threshold} without one",
        },
        (CONDITIONS_PAGE,),
        asks=("disability.medical_percent", "disability.receives_general_disability"),
        value="disability_claimant_medical_percent",
        threshold=lambda f: f.p(E + "medical_percent_without_disability_pension"),
        fmt="percent",
    ),
    Condition(
        P,
        "nii_assessment",
        # National Insurance's doctor finds how dependent the person is and sets the rate (50% to 235%): "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__special_services")).then(pl.lit(True)),
        {
            "he": "רופא/ת הביטוח הלאומי קובע/ת את מידת התלות בעזרת הזולת ואת שיעור הקצבה",
            "ar": "طبيب التأمين الوطني يحدّد مدى التبعية لمساعدة الآخرين ونسبة المخصص",
            "ru": "врач Битуах леуми определяет степень зависимости от помощи других и размер пособия",
            "en": "National Insurance's doctor decides how dependent on others the person is and the rate of the allowance",
        },
        (SPECIAL_SERVICES,),
        asks=("agency.special_services_assessment",),
    ),
]
