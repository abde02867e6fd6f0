from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.tax.work_grant.references import WORK_GRANT, WORK_GRANT_TAX_AUTHORITY

P = "work_grant"
E = "tax.work_grant.eligibility."
CONDITIONS = [
    Condition(
        P,
        "age_and_children",
        lambda f: (
            ((f.var("applicant_age_years") >= f.lit(E + "min_age_with_children")) & (f.var("num_children") > 0))
            | (f.var("applicant_age_years") >= f.lit(E + "min_age_without_children"))
        ),
        {
            "he": "הורה לילד/ה מגיל {threshold}, או מגיל 55 גם בלי ילדים",
            "ar": "والد لطفل من سن {threshold}، أو من سن 55 حتى بدون أولاد",
            "ru": "родитель ребёнка с {threshold} лет или с 55 лет и без детей",
            "en": "a parent aged {threshold} or over, or aged 55 or over even without children",
        },
        (WORK_GRANT,),
        asks=("person.birth_date",),
        value="applicant_age_years",
        threshold=lambda f: f.p(E + "min_age_with_children"),
        fmt="count",
    ),
    Condition(
        P,
        "income_above_floor",
        lambda f: f.var("applicant_income_work") > f.var("work_grant_income_floor"),
        {
            "he": "הכנסה חודשית ממוצעת מעבודה (שכיר/ה או עצמאי/ת) מעל {threshold}",
            "ar": "دخل شهري متوسط من العمل (أجير أو مستقل) أعلى من {threshold}",
            "ru": "средний месячный доход от работы (по найму или самостоятельной) выше {threshold}",
            "en": "average monthly income from work (employed or self-employed) above {threshold}",
        },
        (WORK_GRANT,),
        asks=("income.work",),
        value="applicant_income_work",
        threshold=lambda f: f.var("work_grant_income_floor"),
    ),
    Condition(
        P,
        "income_below_ceiling",
        # The published ceiling is the one for 3 children or more; smaller families have lower ceilings that
        # we do not hold, so below it their answer stays unknown.
        lambda f: (
            pl.when(f.var("applicant_income_work") > f.var("work_grant_income_ceiling"))
            .then(pl.lit(False))
            .when(
                (f.var("applicant_income_work") <= f.var("work_grant_income_ceiling"))
                & (f.var("num_children") >= f.lit(E + "full_ceiling_min_children"))
            )
            .then(pl.lit(True))
        ),
        {
            "he": "הכנסה חודשית ממוצעת מעבודה עד {threshold} (התקרה למי שיש לו 3 ילדים ומעלה; למשפחות קטנות יותר – נמוכה יותר)",
            "ar": "دخل شهري متوسط من العمل حتى {threshold} (السقف لمن لديه 3 أولاد فأكثر؛ للعائلات الأصغر – أقل)",
            "ru": "средний месячный доход от работы не выше {threshold} (потолок для семей с 3 и более детьми; для меньших семей – ниже)",
            "en": "average monthly income from work at most {threshold} (the ceiling for 3 or more children; lower for smaller families)",
        },
        (WORK_GRANT,),
        asks=("income.work",),
        value="applicant_income_work",
        threshold=lambda f: f.var("work_grant_income_ceiling"),
    ),
    Condition(
        P,
        "no_other_real_estate",
        lambda f: f.var("owns_other_property").not_(),
        {
            "he": "אין בבעלותכם זכות של יותר מ-50% במקרקעין מלבד דירת המגורים היחידה",
            "ar": "لا تملكون حقًا يزيد عن 50% في عقار غير شقة السكن الوحيدة",
            "ru": "у вас нет доли более 50% в недвижимости, кроме единственной квартиры для проживания",
            "en": "you own no more than a 50% share of any real estate other than your only home",
        },
        (WORK_GRANT_TAX_AUTHORITY,),
        asks=("housing.owns_other_property",),
    ),
]
