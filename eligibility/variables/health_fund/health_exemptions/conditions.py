from __future__ import annotations

from typing import Any

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import (
    any_of,
    receives_or_entitled,
)
from eligibility.variables.health_fund.health_exemptions.refs import HEALTH

P = "health_exemptions"
CEILING = "health_fund.health_exemptions.chronic_ceiling."


def supplement_group(f: Formula) -> pl.Expr:
    """Retirement age with the income supplement, or old-age pension for the disabled (s. 251)."""
    return f.var("pension_age_income_supplement") | f.var("hh_receives__old_age_pension_disabled")


def in_eligible_group(f: Formula) -> pl.Expr:
    # Children of an income-support recipient are exempt from co-payments for para-medical treatments.
    income_support_parent = receives_or_entitled(f, "income_support") & (f.var("num_children") > 0)
    return any_of(
        [supplement_group(f), f.var("couple_general_disability"), f.var("any_chronic_illness"), income_support_parent]
    )


def maccabi_ceiling(f: Formula) -> pl.Expr:
    """The quarterly medication ceiling at Maccabi, halved for the supplement group (other funds set their own)."""
    ceiling, share = f.p(CEILING + "maccabi_quarterly"), f.p(CEILING + "supplement_share")

    def value(halved: float) -> Any:
        return None if ceiling is None or share is None else ceiling * (1 - (1 - share) * halved)

    # Worked out here for each case (not planned as arithmetic on each household) and picked by the flag.
    return f.choose(supplement_group(f).fill_null(False).cast(pl.UInt8), [value(0.0), value(1.0)])


CONDITIONS = [
    Condition(
        P,
        "eligible_group",
        in_eligible_group,
        {
            "he": (
                "אחד מאלה: גיל פרישה עם השלמת הכנסה או קצבת זקנה לנכה (פטור מהשתתפות עצמית אצל רופאים, "
                "במרפאות חוץ ובמכונים והנחה בתרופות); קצבת נכות כללית (פטור לכל המשפחה); חולה כרוני/ת – "
                "תקרת תשלום לתרופות, במכבי {threshold} לרבעון; הורה המקבל/ת הבטחת הכנסה (פטור לטיפולים "
                "פרה-רפואיים לילדים)"
            ),
            "ar": (
                "أحد ما يلي: سن التقاعد مع مكمّل الدخل أو مخصصات شيخوخة لذوي الإعاقة (إعفاء من المشاركة الذاتية "
                "لدى الأطباء والعيادات الخارجية والمعاهد وخصم على الأدوية)؛ مخصصات عجز عام (إعفاء لكل العائلة)؛ "
                "مريض مزمن – سقف دفع للأدوية، في مكابي {threshold} للربع؛ والد يتلقى ضمان الدخل (إعفاء للعلاجات "
                "شبه الطبية للأولاد)"
            ),
            "ru": (
                "одно из: пенсионный возраст с доплатой или пенсия по старости для инвалида (освобождение от "
                "доплат у врачей, в поликлиниках и институтах и скидка на лекарства); пособие по общей "
                "инвалидности (освобождение для всей семьи); хронический больной – потолок оплаты лекарств, в "
                "Маккаби {threshold} за квартал; родитель, получающий пособие по обеспечению дохода "
                "(освобождение от доплат за парамедицинское лечение детей)"
            ),
            "en": (
                "one of: retirement age with the income supplement or old-age pension for the disabled (no "
                "co-payments for doctors, outpatient clinics and institutes, and a medication discount); general "
                "disability (exemption for the whole family); a chronic patient – a ceiling on medication "
                "co-payments, {threshold} a quarter at Maccabi; a parent receiving income support (no "
                "co-payments for the children's para-medical treatment)"
            ),
        },
        (HEALTH,),
        asks=(
            "person.receives",
            "person.birth_date",
            "person.chronic_illness",
            "disability.receives_general_disability",
            "insurance.qualifying_period",
        ),
        threshold=maccabi_ceiling,
    ),
]
