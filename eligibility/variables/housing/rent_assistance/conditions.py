from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import unknown_if
from eligibility.variables.housing.rent_assistance.references import RENT_GROUPS, RENT_HOMELESS

P = "rent_assistance"
E = "housing.rent_assistance.eligibility."


def _benefit_group(f: Formula) -> pl.Expr:
    """Lives on a benefit that opens rent assistance (the Ministry's groups of benefit recipients)."""
    # The eligibility column, not all_conditions(X) inlined: a long AND chain costs more to plan than a stage
    # would, and the longest chain of stages is elsewhere (no stage is added).
    supplement = f.var("hh_receives__old_age_income_supplement") | f.var("is_old_age_income_supplement_eligible")
    incapacity = f.someone_at_least("incapacity_percent", f.lit(E + "min_incapacity_percent"))
    # Income support counts for couples and parents at any age, for a single person from 55.
    family = (
        f.var("has_partner")
        | (f.var("num_children") > 0)
        | (f.var("applicant_age_years") >= f.lit(E + "income_support_single_min_age"))
    )
    support = (f.var("hh_receives__income_support") | f.var("is_income_support_eligible")) & family
    return supplement | incapacity | support | f.var("hh_receives__nii_alimony")


CONDITIONS = [
    Condition(
        P,
        "no_home_ownership",
        lambda f: f.var("ever_owned_home").not_(),
        {
            "he": "אין ולא הייתה לכם דירה או חלק מדירה מאז יוני 1971 (חסרי דירה)",
            "ar": "لا تملكون ولم تملكوا شقة أو جزءًا من شقة منذ حزيران 1971 (فاقدو السكن)",
            "ru": "у вас нет и не было квартиры или доли в квартире с июня 1971 года («не имеющие жилья»)",
            "en": "you have not owned a flat or part of one since June 1971 (homeless in the ministry's sense)",
        },
        (RENT_HOMELESS,),
        asks=("housing.ever_owned_home",),
    ),
    Condition(
        P,
        "renting",
        lambda f: f.var("tenure") == "renter",
        {
            "he": "גרים דרך קבע בדירה שכורה בשוק החופשי (לא בשכירות מוגנת ולא מקרוב משפחה מדרגה ראשונה)",
            "ar": "تسكنون بشكل دائم في شقة مستأجرة في السوق الحرة (ليست إيجارًا محميًا ولا من قريب من الدرجة الأولى)",
            "ru": "вы постоянно живёте в съёмной квартире на свободном рынке (не защищённая аренда и не у близких родственников)",
            "en": "you live permanently in a flat rented on the free market (not a protected tenancy, not from a close relative)",
        },
        (RENT_HOMELESS,),
        asks=("housing.tenure",),
    ),
    Condition(
        P,
        "eligible_group",
        # A single parent's income test is encoded; a working couple's uses tables we do not hold, so for a
        # couple the group stays unknown.
        lambda f: (
            _benefit_group(f)
            | f.var("rent_assistance_single_parent")
            | unknown_if(f.var("rent_assistance_working_family"))
        ),
        {
            "he": (
                "מתקיימים מהשלמת הכנסה לקצבת זקנה, מקצבת נכות בדרגת אי-כושר 75% ומעלה, מהבטחת הכנסה "
                "(זוג, הורה, או יחיד/ה מגיל 55) או ממזונות מהביטוח הלאומי; הורה עצמאי/ת שעובד/ת או מקבל/ת מזונות – "
                "בהכנסה של עד {threshold}; זוג עובד – לפי מבחן הכנסה של המשרד"
            ),
            "ar": (
                "تعيشون من مكمّل الدخل لمخصصات الشيخوخة، أو من مخصصات عجز بدرجة 75% فأكثر، أو من ضمان الدخل "
                "(زوجان، والد، أو فرد من سن 55) أو من النفقة من التأمين الوطني؛ والد وحيد يعمل أو يتلقى نفقة – "
                "بدخل حتى {threshold}؛ زوجان يعملان – حسب فحص دخل الوزارة"
            ),
            "ru": (
                "вы живёте на доплату к пенсии по старости, на пенсию по инвалидности со степенью 75% и выше, "
                "на пособие по обеспечению дохода (пара, родитель или одинокий от 55 лет) или на алименты от "
                "Битуах леуми; родитель-одиночка, который работает или получает алименты, – с доходом до {threshold}; "
                "работающая пара – по проверке доходов министерства"
            ),
            "en": (
                "you live on the old-age income supplement, a disability pension at 75%+ incapacity, income "
                "support (a couple, a parent, or a single person from 55) or NII alimony; a single parent who works "
                "or receives alimony, with an income up to {threshold}; a working couple by the ministry's income test"
            ),
        },
        (RENT_GROUPS,),
        asks=(
            "person.receives",
            "disability.incapacity_percent",
            "person.employment",
            "person.birth_date",
            "income.work",
            "income.alimony",
        ),
        threshold=lambda f: f.p("housing.rent_assistance.single_parent_income.ceiling"),
    ),
]
