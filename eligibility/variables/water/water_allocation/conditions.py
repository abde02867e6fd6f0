from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import any_of, unknown_if
from eligibility.variables.water.water_allocation.refs import WATER

P = "water_allocation"
EXTRA = "water.water_allocation.extra_m3."
GROUP_SETS = ("groups_2012", "groups_2014")


def group_sets(f: Formula) -> list[tuple[list[pl.Expr], list[pl.Expr]]]:
    """The closed list by the date each set of groups was added (left out before its date), each set as (groups
    that qualify, groups that may: only the paying body's records show the benefit level or the award)."""
    sets = {
        "groups_2012": (
            [
                f.var("hh_receives__old_age_pension_disabled"),
                f.var("hh_receives__mobility_allowance"),
                f.var("hh_receives__disabled_child_benefit"),
                f.var("water_allocation_disability"),
            ],
            # long-term care only at 150% and above; special services only under regulation 3(b) or (c)
            [f.var("hh_receives__long_term_care"), f.var("hh_receives__special_services")],
        ),
        "groups_2014": ([f.var("pension_age_income_supplement")], [f.var("couple_holocaust_survivor")]),
    }
    assert tuple(sets) == GROUP_SETS
    return [groups for name, groups in sets.items() if f.p(EXTRA + name) is not None]


def in_eligible_group(f: Formula) -> pl.Expr:
    """One of the listed groups; IDF and hostile-action disabled and Ministry of Health cases are not screened."""
    sets = group_sets(f)
    qualify = [g for q, _ in sets for g in q]
    may = [g for _, m in sets for g in m]
    if not qualify:
        return pl.lit(False)
    return any_of([*qualify, unknown_if(any_of(may))])


CONDITIONS = [
    Condition(
        P,
        "eligible_group",
        in_eligible_group,
        {
            "he": (
                "שייכות לאחת מקבוצות הזכאים: קצבת זקנה לנכה; גמלת סיעוד בשיעור 150% לפחות; קצבת שירותים "
                "מיוחדים; גמלת ניידות; גמלת ילד נכה; קצבת נכות כללית עם נכות רפואית 70% לפחות; השלמת הכנסה "
                "בגיל פרישה; ניצול/ת שואה המקבל/ת תגמול לפי הכנסה"
            ),
            "ar": (
                "الانتماء إلى إحدى فئات المستحقين: مخصصات شيخوخة لذوي الإعاقة؛ مخصصات تمريض بنسبة 150% على الأقل؛ "
                "مخصصات خدمات خاصة؛ مخصصات تنقّل؛ مخصصات طفل ذي إعاقة؛ مخصصات عجز عام مع عجز طبي 70% على الأقل؛ "
                "مكمّل الدخل في سن التقاعد؛ ناجٍ/ناجية من المحرقة يتلقى مخصصًا حسب الدخل"
            ),
            "ru": (
                "принадлежность к одной из льготных групп: пенсия по старости для инвалида; пособие по уходу не "
                "ниже 150%; пособие на особые услуги; пособие на мобильность; пособие на ребёнка-инвалида; пособие "
                "по общей инвалидности при медицинской инвалидности не ниже 70%; доплата к пенсии в пенсионном "
                "возрасте; переживший(ая) Холокост с выплатой по доходу"
            ),
            "en": (
                "belonging to one of the eligible groups: old-age pension for the disabled; long-term care at 150% "
                "or more; special services allowance; mobility allowance; disabled-child benefit; general disability "
                "with at least 70% medical disability; the income supplement at retirement age; a Holocaust "
                "survivor with an income-based award"
            ),
        },
        (WATER,),
        asks=(
            "person.receives",
            "person.birth_date",
            "person.holocaust_survivor",
            "disability.receives_general_disability",
            "disability.medical_percent",
            "agency.benefit_certificate",
        ),
    ),
]
