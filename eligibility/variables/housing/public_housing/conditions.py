from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.variables.housing.public_housing.references import PUBLIC_HOUSING, PUBLIC_HOUSING_FAMILIES

P = "public_housing"
CONDITIONS = [
    Condition(
        P,
        "no_home_ownership",
        lambda f: f.var("ever_owned_home").not_(),
        {
            "he": "אין ולא היו לכם זכויות בדירה מאז 1 ביוני 1971, ולא קיבלתם סיוע ממשלתי לרכישת דירה",
            "ar": "لا تملكون ولم تكن لكم حقوق في شقة منذ 1 حزيران 1971، ولم تحصلوا على مساعدة حكومية لشراء شقة",
            "ru": "у вас нет и не было прав на квартиру с 1 июня 1971 года, и вы не получали господдержку на покупку жилья",
            "en": "you have had no rights in any flat since 1 June 1971 and no state aid to buy one",
        },
        (PUBLIC_HOUSING,),
        asks=("housing.ever_owned_home",),
    ),
    Condition(
        P,
        "eligible_group",
        lambda f: f.var("public_housing_by_benefit") | f.var("public_housing_large_family"),
        {
            "he": (
                "קשיש/ה המקבל/ת השלמת הכנסה, זוג שלאחד מבני הזוג דרגת אי-כושר יציבה של 75% ומעלה, "
                "או זוג או הורה עצמאי עם {threshold} ילדים ומעלה"
            ),
            "ar": (
                "مسنّ يحصل على مكمّل الدخل، أو زوجان لأحدهما درجة عدم قدرة ثابتة 75% فأكثر، "
                "أو زوجان أو والد وحيد مع {threshold} أولاد فأكثر"
            ),
            "ru": (
                "пенсионер с доплатой к пенсии, пара, где у одного из супругов стабильная нетрудоспособность 75% "
                "и выше, или пара либо родитель-одиночка с {threshold} и более детьми"
            ),
            "en": (
                "a senior with the income supplement, a couple where one partner has a stable 75%+ incapacity, "
                "or a couple or single parent with {threshold} or more children"
            ),
        },
        (PUBLIC_HOUSING,),
        asks=("person.birth_date", "person.marital_status", "person.receives", "disability.incapacity_percent"),
        threshold=lambda f: f.p("housing.public_housing.eligibility.min_children"),
        fmt="count",
    ),
    Condition(
        P,
        "income_ceiling",
        lambda f: (
            f.var("public_housing_by_benefit")
            | (
                f.var("public_housing_family_income")
                <= f.lit("housing.public_housing.eligibility.family_income_ceiling")
            )
        ),
        {
            "he": "משפחה עם ילדים: הכנסה חודשית של עד {threshold} (הכנסה מזכה)",
            "ar": "عائلة مع أولاد: دخل شهري حتى {threshold} (الدخل المؤهِّل)",
            "ru": "семья с детьми: месячный доход не выше {threshold} (дающий право доход)",
            "en": "a family with children: monthly income at most {threshold} (the qualifying income)",
        },
        (PUBLIC_HOUSING_FAMILIES,),
        asks=income_questions(),
        value="public_housing_family_income",
        threshold=lambda f: f.p("housing.public_housing.eligibility.family_income_ceiling"),
    ),
    Condition(
        P,
        "benefit_history",
        # Families need two years of income support (or a year of work income with a supplement, or proof of
        # earning capacity): only the ministry and National Insurance records show it.
        lambda f: pl.when(f.var("public_housing_by_benefit")).then(pl.lit(True)),
        {
            "he": (
                "משפחה עם ילדים: הבטחת הכנסה שנתיים ברציפות, או הכנסה מעבודה עם השלמת הכנסה 12 חודשים "
                "ברציפות, או הוכחת מיצוי כושר השתכרות"
            ),
            "ar": (
                "عائلة مع أولاد: ضمان الدخل سنتين متواصلتين، أو دخل من العمل مع مكمّل دخل 12 شهرًا متواصلة، "
                "أو إثبات استنفاد القدرة على الكسب"
            ),
            "ru": (
                "семья с детьми: пособие по обеспечению дохода два года подряд, или заработок с доплатой 12 "
                "месяцев подряд, или подтверждение полной трудовой занятости"
            ),
            "en": (
                "a family with children: income support for two years in a row, or work income with a "
                "supplement for 12 months in a row, or proof of exhausting earning capacity"
            ),
        },
        (PUBLIC_HOUSING_FAMILIES,),
        asks=("agency.benefit_history",),
    ),
]
