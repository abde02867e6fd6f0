from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import pension_with_supplement, unknown_if
from eligibility.variables.housing.rent_assistance.references import (
    RENT_EARNING_CAPACITY,
    RENT_GROUPS,
    RENT_HOMELESS,
    RENT_WORKING_FAMILY,
)

P = "rent_assistance"
E = "housing.rent_assistance.eligibility."


def _benefit_group(f: Formula) -> pl.Expr:
    """Lives on a benefit that opens rent assistance (the Ministry's groups of benefit recipients)."""
    # The eligibility column, not all_conditions(X) inlined: a long AND chain costs more to plan than a stage
    # would, and the longest chain of stages is elsewhere (no stage is added).
    supplement = pension_with_supplement(f)
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
        # A single parent's income test is encoded. A couple outside the benefit groups is in the working-families
        # track (זוג עם ילדים, Kol Zchut 2024) only if it proves earning capacity (מיצוי כושר השתכרות): a couple that
        # cannot is ruled out here. One that may is then judged by the ministry's income table for couples by number
        # of children ("נכון ל-2024"), which is not in our sources (the last figures found are from 2016: up to
        # 6,192 ILS a month with one child and 7,574 with two or more, a blog quoting the ministry's site; the
        # ceilings have risen since, the single parents' from 7,855 to 11,541), so that couple stays unknown and the
        # question names the check the rent-assistance company makes for the ministry. The amount stays unknown too:
        # the couples' amount table was not found either.
        lambda f: (
            _benefit_group(f)
            | f.var("rent_assistance_single_parent")
            | unknown_if(f.var("rent_assistance_working_family"))
        ),
        {
            "he": (
                "מתקיימים מהשלמת הכנסה לקצבת זקנה או שאירים, מקצבת נכות בדרגת אי-כושר 75% ומעלה, מהבטחת הכנסה "
                "(זוג, הורה, או יחיד/ה מגיל 55) או ממזונות מהביטוח הלאומי; הורה עצמאי/ת שעובד/ת או מקבל/ת מזונות – "
                "בהכנסה של עד {threshold}; זוג שממצה את כושר ההשתכרות (אחד מבני הזוג במשרה מלאה, עצמאי/ת בשכר "
                "המינימום, עבודה לצד קצבה או דמי אבטלה) – לפי מבחן ההכנסה של המשרד, שחברת שכר הדירה עושה"
            ),
            "ar": (
                "تعيشون من مكمّل الدخل لمخصصات الشيخوخة أو الورثة، أو من مخصصات عجز بدرجة 75% فأكثر، أو من ضمان الدخل "
                "(زوجان، والد، أو فرد من سن 55) أو من النفقة من التأمين الوطني؛ والد وحيد يعمل أو يتلقى نفقة – "
                "بدخل حتى {threshold}؛ زوجان يستنفدان القدرة على الكسب (أحدهما بوظيفة كاملة، أو مستقل بأجر الحد "
                "الأدنى، أو عمل إلى جانب مخصص، أو بدل بطالة) – حسب فحص دخل الوزارة الذي تجريه شركة أجرة السكن"
            ),
            "ru": (
                "вы живёте на доплату к пенсии по старости или по потере кормильца, на пенсию по инвалидности со степенью 75% и выше, "
                "на пособие по обеспечению дохода (пара, родитель или одинокий от 55 лет) или на алименты от "
                "Битуах леуми; родитель-одиночка, который работает или получает алименты, – с доходом до {threshold}; "
                "пара с полной трудовой занятостью (один из супругов на полной ставке, самозанятый с доходом не ниже "
                "минимальной зарплаты, работа при пенсии или пособие по безработице) – по проверке доходов министерства, "
                "которую проводит компания по помощи в оплате жилья"
            ),
            "en": (
                "you live on the old-age or survivors' income supplement, a disability pension at 75%+ incapacity, income "
                "support (a couple, a parent, or a single person from 55) or NII alimony; a single parent who works "
                "or receives alimony, with an income up to {threshold}; a couple that exhausts its earning capacity (one "
                "partner full time, self-employed at the minimum wage, work beside a pension, or unemployment benefit) "
                "by the ministry's income test, which the rent-assistance company makes"
            ),
        },
        (RENT_GROUPS, RENT_WORKING_FAMILY, RENT_EARNING_CAPACITY),
        asks=(
            "person.receives",
            "disability.incapacity_percent",
            "person.employment",
            "person.birth_date",
            "income.work",
            "income.alimony",
            "income.nii_benefits",
            "income.pension_occupational",
            "agency.rent_assistance_income_test",
        ),
        threshold=lambda f: f.p("housing.rent_assistance.single_parent_income.ceiling"),
    ),
]
