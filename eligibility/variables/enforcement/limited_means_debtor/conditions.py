from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition, Formula
from eligibility.variables.enforcement.limited_means_debtor.refs import LIMITED_MEANS
from eligibility.variables.general.benefit_groups.logic import UNKNOWN

P = "limited_means_debtor"


def cannot_repay(f: Formula) -> pl.Expr:
    """Whether the debt cannot be repaid in the period; mostly for the registrar's means inquiry to say.

    Our data decides only the plain cases: savings that cover the debt mean it can be repaid, and a
    household with no income at all cannot repay what its savings do not cover.
    """
    debt, savings, income = f.var("debt_total"), f.var("financial_assets"), f.var("members_total_income")
    can_repay = (debt <= 0) | (savings >= debt)
    cannot = (income == 0) & (savings < debt)
    # Kleene logic: false where it can repay; true only where it surely cannot; else unknown. Outside the
    # encoded period (no repayment period in force) only "can repay" is decided.
    in_period = f.var("limited_means_debtor_repayment_months").is_not_null() | UNKNOWN
    return can_repay.not_() & (cannot | UNKNOWN) & in_period


CONDITIONS = [
    Condition(
        P,
        "enforcement_file",
        lambda f: f.var("debt_enforcement_file"),
        {
            "he": "יש נגדכם תיק בהוצאה לפועל",
            "ar": "يوجد ضدكم ملف في دائرة التنفيذ",
            "ru": "против вас открыто дело в исполнительном бюро",
            "en": "there is an enforcement (Execution Office) file against you",
        },
        (LIMITED_MEANS,),
        asks=("debts.enforcement_file",),
    ),
    Condition(
        P,
        "not_alimony_debt",
        lambda f: f.var("debt_includes_alimony").not_(),
        {
            "he": "החוב אינו חוב מזונות (לחוב מזונות אין הכרזה על מוגבל באמצעים)",
            "ar": "الدين ليس دين نفقة (لا يُعلن عن محدود الإمكانيات في دين نفقة)",
            "ru": "долг не алиментный (по алиментам статус ограниченного в средствах не присваивается)",
            "en": "the debt is not for alimony (an alimony debt cannot be declared limited-means)",
        },
        (LIMITED_MEANS,),
        asks=("debts.includes_alimony",),
    ),
    Condition(
        P,
        "cannot_repay_in_period",
        cannot_repay,
        {
            "he": "אין ביכולתכם לפרוע את מלוא החוב בתוך {threshold} (התקופה לפי גובה החוב; הרשם קובע בחקירת יכולת)",
            "ar": "لا تستطيعون سداد كامل الدين خلال {threshold} (المدة حسب قيمة الدين؛ يقرر المسجل بعد فحص القدرة)",
            "ru": (
                "вы не можете погасить весь долг за {threshold} (срок зависит от суммы долга; решает регистратор "
                "после проверки платёжеспособности)"
            ),
            "en": (
                "you cannot repay the whole debt within {threshold} (the period depends on the debt; the registrar "
                "decides after a means inquiry)"
            ),
        },
        (LIMITED_MEANS,),
        asks=(
            "debts.total",
            "assets.financial_assets",
            *income_questions(),
            "agency.means_inquiry",
        ),
        threshold=lambda f: f.var("limited_means_debtor_repayment_months"),
        fmt="months",
    ),
]
