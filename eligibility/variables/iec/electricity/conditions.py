from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.general.benefit_groups.logic import (
    any_of,
    receives_or_entitled,
    unknown_if,
)
from eligibility.variables.iec.electricity.refs import ELECTRICITY

P = "electricity"
GROUPS = "iec.electricity.groups."


def _special_services(f: Formula) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """(groups that qualify, groups that may qualify) for special-services recipients on ``f.as_of``."""
    minimum, lowest = f.p(GROUPS + "special_services_min_rate"), f.p(GROUPS + "special_services_lowest_rate")
    if minimum is None:
        return [], []
    receives = f.var("hh_receives__special_services")
    # Where only the higher rates qualify, the household's rate is on the NII's certificate, not in our data.
    return ([receives], []) if lowest is not None and minimum <= lowest else ([], [receives])


def _families(f: Formula) -> list[pl.Expr]:
    # The gateways of income support and of NII alimony: someone receives it, or our rules find them entitled.
    support = receives_or_entitled(f, "income_support") | receives_or_entitled(f, "nii_alimony")
    children = f.var("num_children")
    single = f.var("is_single_parent") & (children >= f.p(GROUPS + "single_parent_min_children"))
    large = children >= f.p(GROUPS + "large_family_min_children")
    # (single & support) | (large & support), with support written once (Kleene logic distributes).
    return [(single | large) & support]


def in_eligible_group(f: Formula) -> pl.Expr:
    """One of the regulations' groups; IDF and hostile-action disabled are not in the household contract."""
    if f.p("iec.electricity.rate") is None:
        return pl.lit(False)
    qualify, may = _special_services(f)
    groups = [
        f.var("pension_age_income_supplement"),
        f.var("hh_receives__old_age_pension_disabled"),
        *_families(f),
        *qualify,
    ]
    # Groups that only the paying body's records settle (an income-based award, a benefit level, lone-soldier
    # status): belonging to one leaves the answer open.
    open_groups = [
        f.var("couple_holocaust_survivor"),
        f.var("hh_receives__disabled_child_benefit"),
        f.var("hh_receives__long_term_care"),
        f.var("applicant_soldier"),
        *may,
    ]
    return any_of([*groups, unknown_if(any_of(open_groups))])


CONDITIONS = [
    Condition(
        P,
        "eligible_group",
        in_eligible_group,
        {
            "he": (
                "שייכות לאחת מקבוצות הזכאים: קצבת זקנה או שאירים עם השלמת הכנסה בגיל פרישה; ניצול/ת שואה "
                "המקבל/ת תגמול לפי הכנסה; קצבת זקנה לנכה; קצבת שירותים מיוחדים; הורה לילד נכה שנמצא תלוי "
                "בזולת; גמלת סיעוד ברמת תלות מלאה; חייל/ת בודד/ה; הורה עצמאי/ת עם 3 ילדים או משפחה עם "
                "4 ילדים המקבלים הבטחת הכנסה או מזונות מהביטוח הלאומי"
            ),
            "ar": (
                "الانتماء إلى إحدى فئات المستحقين: مخصصات شيخوخة أو ورثة مع مكمّل الدخل في سن التقاعد؛ ناجٍ/ناجية "
                "من المحرقة يتلقى مخصصًا حسب الدخل؛ مخصصات شيخوخة لذوي الإعاقة؛ مخصصات خدمات خاصة؛ والد لطفل "
                "ذي إعاقة معتمد على الغير؛ مخصصات تمريض بدرجة اعتماد كاملة؛ جندي/ة وحيد/ة؛ والد وحيد مع 3 أولاد "
                "أو عائلة مع 4 أولاد يتلقون ضمان الدخل أو النفقة من التأمين الوطني"
            ),
            "ru": (
                "принадлежность к одной из льготных групп: пенсия по старости или по потере кормильца с доплатой "
                "в пенсионном возрасте; переживший(ая) Холокост с выплатой по доходу; пенсия по старости для "
                "инвалида; пособие на особые услуги; родитель ребёнка-инвалида, зависимого от помощи; пособие по "
                "уходу при полной зависимости; солдат-одиночка; родитель-одиночка с 3 детьми или семья с 4 детьми, "
                "получающие пособие по обеспечению дохода или алименты от Битуах леуми"
            ),
            "en": (
                "belonging to one of the eligible groups: an old-age or survivors pension with the income supplement "
                "at retirement age; a Holocaust survivor with an income-based award; old-age pension for the "
                "disabled; special services allowance; a parent of a disabled child found dependent on others; "
                "long-term care at full dependence; a lone soldier; a single parent with 3 children or a family "
                "with 4 children receiving income support or alimony from National Insurance"
            ),
        },
        (ELECTRICITY,),
        asks=(
            "person.receives",
            "person.birth_date",
            "person.holocaust_survivor",
            "person.soldier",
            "agency.benefit_certificate",
        ),
    ),
]
