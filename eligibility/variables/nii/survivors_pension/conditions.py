from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition, Formula
from eligibility.variables.nii.survivors_pension.references import RATES, SURVIVORS, WIDOWER

P = "survivors_pension"
E = "nii.survivors.eligibility."


def _widower_income_test(f: Formula) -> pl.Expr:
    """Whether the widower's income is within the limit: known from the figure once the deduction is known; before
    that, true if even the whole income is within it and false if even the income without work and pension is not."""
    limit = f.lit(E + "widower_income_limit")
    if f.p(E + "widower_income_deduction") is not None:
        return f.var("survivors_widower_income") <= limit
    total = f.var("applicant_total_income")
    earned = f.var("applicant_income_work") + f.var("applicant_income_pension_occupational")
    return pl.when(total <= limit).then(True).when(total - earned > limit).then(False)


CONDITIONS = [
    Condition(
        P,
        "widowed",
        lambda f: f.var("applicant_marital_status") == "widowed",
        {
            "he": "אלמן/ה: בן/בת הזוג (נשוי/אה או ידוע/ה בציבור) נפטר/ה, ולא נישאת מחדש",
            "ar": "أرمل/ة: تُوفّي الزوج/ة (متزوّج/ة أو شريك/ة حياة) ولم تتزوّج/ي من جديد",
            "ru": "вдовец или вдова: супруг(а) (в браке или гражданском браке) умер(ла), и вы не вступили в новый брак",
            "en": "widowed: your spouse or common-law partner died and you have not remarried",
        },
        (SURVIVORS,),
        asks=("person.marital_status",),
    ),
    Condition(
        P,
        "child_or_age",
        lambda f: (f.var("num_children") > 0) | (f.var("applicant_age_years") >= f.lit(E + "min_age_without_children")),
        {
            "he": "יש ילד/ה שגר/ה איתך, או שמלאו לך {threshold} (אלמן/ה צעיר/ה יותר בלי ילדים מקבל/ת מענק חד-פעמי, לא קצבה)",
            "ar": "يعيش معك ولد، أو بلغت {threshold} (الأرمل/ة الأصغر سنًّا بلا أولاد يحصل/تحصل على منحة لمرة واحدة لا على مخصص شهري)",
            "ru": "с вами живёт ребёнок, или вам исполнилось {threshold} (вдовец или вдова моложе и без детей получает разовую выплату, а не пенсию)",
            "en": "a child lives with you, or you are {threshold} or over (a younger widow or widower without children gets a one-off grant, not a pension)",
        },
        (SURVIVORS, RATES),
        asks=("person.birth_date",),
        value="applicant_age_years",
        threshold=lambda f: f.p(E + "min_age_without_children"),
        fmt="count",
    ),
    Condition(
        P,
        "widower_income",
        # A widow has no income test; a widower has none when a child (an orphan) lives with him.
        lambda f: (f.var("applicant_sex") == "female") | (f.var("num_children") > 0) | _widower_income_test(f),
        {
            "he": "אלמנה, או אלמן שיש איתו ילד/ה, או אלמן שהכנסותיו מכל המקורות עד {threshold} בחודש (אחרי הפחתה מהכנסה מעבודה או מפנסיה)",
            "ar": "أرملة، أو أرمل يعيش معه ولد، أو أرمل دخله من كل المصادر حتى {threshold} شهريًا (بعد خصم جزء من دخل العمل أو التقاعد)",
            "ru": "вдова, или вдовец, с которым живёт ребёнок, или вдовец с доходом из всех источников до {threshold} в месяц (после вычета из заработка или пенсии)",
            "en": "a widow, or a widower with a child living with him, or a widower whose income from all sources is up to {threshold} a month (after a deduction from work or pension income)",
        },
        (WIDOWER,),
        asks=(
            "person.sex",
            *income_questions(),
        ),
        value="survivors_widower_income",
        threshold=lambda f: f.p(E + "widower_income_limit"),
    ),
]
