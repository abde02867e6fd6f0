from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.housing.rent_assistance_immigrants.references import IMMIGRANT_RENT

P = "rent_assistance_immigrants"
E = "housing.rent_assistance_immigrants.eligibility."
MONTHS = "applicant_full_months_since_aliyah"

CONDITIONS = [
    Condition(
        P,
        "immigrant_from_month_8",
        lambda f: f.var("applicant_is_immigrant") & (f.var(MONTHS) >= f.lit(E + "first_month") - 1),
        {
            "he": "עולה חדש/ה, מהחודש ה-{threshold} לעלייה (לפני כן – דמי שכירות בסל הקליטה)",
            "ar": "مهاجر/ة جديد/ة، من الشهر {threshold} للهجرة (قبل ذلك – أجرة السكن في سلة الاستيعاب)",
            "ru": "новый репатриант, с {threshold}-го месяца после репатриации (до этого – квартплата в корзине абсорбции)",
            "en": "a new immigrant, from the {threshold}th month after aliyah (before that, rent comes in the absorption basket)",
        },
        (IMMIGRANT_RENT,),
        asks=("person.immigration_date",),
        value=MONTHS,
        threshold=lambda f: f.p(E + "first_month"),
        fmt="count",
    ),
    Condition(
        P,
        "within_years",
        lambda f: f.var(MONTHS) < f.var("immigrant_rent_months"),
        {
            "he": "עד {threshold} מיום העלייה (חמש שנים; הורה עצמאי – שש)",
            "ar": "حتى {threshold} من يوم الهجرة (خمس سنوات؛ الوالد الوحيد – ست)",
            "ru": "в течение {threshold} со дня репатриации (пять лет; одинокому родителю – шесть)",
            "en": "within {threshold} of aliyah (five years; a single parent six)",
        },
        (IMMIGRANT_RENT,),
        asks=("person.immigration_date", "person.marital_status"),
        value=MONTHS,
        threshold=lambda f: f.var("immigrant_rent_months"),
        fmt="months",
    ),
    Condition(
        P,
        "no_home_ownership",
        lambda f: f.var("ever_owned_home").not_(),
        {
            "he": "אין ולא הייתה לכם דירה או חלק מדירה (חסרי דירה)",
            "ar": "لا تملكون ولم تملكوا شقة أو جزءًا من شقة (فاقدو السكن)",
            "ru": "у вас нет и не было квартиры или доли в квартире («не имеющие жилья»)",
            "en": "you do not and did not own a flat or part of one (homeless in the ministry's sense)",
        },
        (IMMIGRANT_RENT,),
        asks=("housing.ever_owned_home",),
    ),
    Condition(
        P,
        "renting",
        lambda f: f.var("tenure") == "renter",
        {
            "he": "גרים בדירה שכורה",
            "ar": "تسكنون في شقة مستأجرة",
            "ru": "вы живёте в съёмной квартире",
            "en": "you live in a rented flat",
        },
        (IMMIGRANT_RENT,),
        asks=("housing.tenure",),
    ),
]
