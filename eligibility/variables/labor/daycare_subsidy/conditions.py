from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.labor.daycare_subsidy.refs import INCOME_PER_CAPITA, SUBSIDY, WORKING_PARENTS

P = "daycare_subsidy"
E = "labor.daycare.eligibility."
UNKNOWN = pl.lit(None, dtype=pl.Boolean)


def _works_enough(f: Formula, work: pl.Expr, other_route: pl.Expr) -> pl.Expr:
    """A parent's gross work income reaches the minimum; below it, a parent who studies, receives income support or
    a disability benefit may qualify by another route we do not check (unknown), anyone else does not."""
    minimum = f.either(f.var("has_partner"), f.lit(E + "min_work_income"), f.lit(E + "min_work_income_single_parent"))
    return (work >= minimum) | f.either(other_route, UNKNOWN, pl.lit(False))


def _parents_work(f: Formula) -> pl.Expr:
    support = f.var("hh_receives__income_support")
    applicant = _works_enough(
        f,
        f.var("applicant_income_work"),
        f.var("applicant_student") | f.var("applicant_receives_general_disability") | support,
    )
    partner = _works_enough(f, f.var("partner_income_work"), f.var("partner_student") | support)
    return applicant & f.either(f.var("has_partner"), partner, pl.lit(True))


def _income_test(f: Formula) -> pl.Expr:
    # Up to the top of level 10 of the newest table found there is surely a state share; above the highest ceiling
    # reported for later years surely none; in between only the ministry's current table decides.
    income = f.var("daycare_income_per_capita")
    return (
        pl.when(income <= f.lit(E + "income_ceiling_known"))
        .then(True)
        .when(income > f.lit(E + "income_ceiling_highest"))
        .then(False)
        .when(income.is_not_null())
        .then(UNKNOWN)
    )


CONDITIONS = [
    Condition(
        P,
        "child_of_age",
        lambda f: f.var("num_daycare_age_children") > 0,
        {
            "he": "יש במשפחה ילד/ה מגיל 3 חודשים ועד גיל 33 חודשים ב-1 בספטמבר של שנת הלימודים",
            "ar": "في العائلة ولد من عمر 3 أشهر حتى 33 شهرًا في 1 أيلول من السنة الدراسية",
            "ru": "в семье есть ребёнок от 3 месяцев и не старше 33 месяцев на 1 сентября учебного года",
            "en": "there is a child in the family aged from 3 months up to 33 months on 1 September of the school year",
        },
        (SUBSIDY,),
        asks=("person.birth_date",),
    ),
    Condition(
        P,
        "recognized_daycare",
        # The applicant's answer for the family, or a child's own row in a municipal file (a day-care list).
        lambda f: f.var("applicant_daycare_recognized") | f.var("child_marked_in_daycare"),
        {
            "he": "הילד/ה במעון יום או במשפחתון מוכר (בעל סמל) 5 ימים בשבוע, או רשום/ה אליו",
            "ar": "الولد في حضانة نهارية أو حضانة عائلية معترف بها (لها رمز) 5 أيام في الأسبوع، أو مسجّل فيها",
            "ru": "ребёнок ходит (или записан) в признанные ясли или семейный детсад (с кодом) 5 дней в неделю",
            "en": "the child attends, or is registered at, a recognized day-care centre or family day-care (with a code) 5 days a week",
        },
        (SUBSIDY,),
        asks=("person.daycare_recognized",),
    ),
    Condition(
        P,
        "parents_work",
        _parents_work,
        {
            "he": "כל הורה עובד ומשתכר ברוטו לפחות {threshold} בחודש (הורה עצמאי: סכום נמוך יותר), או עובד ולומד 24 שעות בשבוע",
            "ar": "كل والد يعمل ويكسب إجمالي {threshold} على الأقل شهريًا (الوالد الوحيد: مبلغ أقل)، أو يعمل ويدرس 24 ساعة في الأسبوع",
            "ru": "каждый родитель работает и зарабатывает брутто не меньше {threshold} в месяц (одинокий родитель – меньше), или работает и учится 24 часа в неделю",
            "en": "each parent works and earns at least {threshold} gross a month (a single parent: less), or works and studies 24 hours a week",
        },
        (WORKING_PARENTS,),
        asks=("income.work", "person.student", "agency.daycare_activity_hours"),
        value="applicant_income_work",
        threshold=lambda f: f.p(E + "min_work_income"),
    ),
    Condition(
        P,
        "income_per_capita",
        _income_test,
        {
            "he": "ההכנסה לנפש במשפחה אינה עולה על {threshold} בחודש (מעליה – בלי השתתפות המדינה)",
            "ar": "الدخل للفرد في العائلة لا يتجاوز {threshold} شهريًا (فوقه – بدون مشاركة الدولة)",
            "ru": "доход на человека в семье не выше {threshold} в месяц (выше – без участия государства)",
            "en": "the family's income per person is at most {threshold} a month (above it the state pays no share)",
        },
        (INCOME_PER_CAPITA,),
        asks=("income.work", "agency.daycare_level"),
        value="daycare_income_per_capita",
        threshold=lambda f: f.p(E + "income_ceiling_known"),
    ),
]
