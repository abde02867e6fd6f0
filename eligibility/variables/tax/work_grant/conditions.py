from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.parameters import get_parameter
from eligibility.variables.tax.work_grant.age import of_age
from eligibility.variables.tax.work_grant.references import WORK_GRANT, WORK_GRANT_TAX_AUTHORITY

P = "work_grant"
E = "tax.work_grant.eligibility."
SMALL_FAMILY_CEILINGS = (
    "tax.work_grant.income_band.general.ceiling_small_family",
    "tax.work_grant.income_band.single_parent.ceiling_small_family",
)


def _large_family(f: Formula) -> pl.Expr:
    """At least the number of children the published top ceiling is for (3)."""
    return f.var("num_children") >= f.lit(E + "full_ceiling_min_children")


def _small_family_ceiling_is_exact(f: Formula) -> bool:
    """Whether the ceilings for one or two children in force on ``as_of`` are that year's: an earlier year's figure
    (the bands are indexed upwards every year) only bounds this year's from below."""
    for name in SMALL_FAMILY_CEILINGS:
        param = get_parameter(name)
        if param.metadata.get("lower_bound_when_stale") and param.confidence_at(f.as_of) in (None, "stale"):
            return False
    return True


def _income_within_family_ceiling(f: Formula) -> pl.Expr:
    """Above the top ceiling (3 children or more) nobody qualifies; a family of 3 children or more up to it does; a
    smaller family (or a worker of 55+ without children) does up to its own ceiling. Between a stale figure for that
    ceiling and the top one the answer stays open: this year's ceiling is somewhere in between."""
    income = f.var("work_grant_claimant_income_work")
    top, small = f.var("work_grant_income_ceiling"), f.var("work_grant_income_ceiling_small_family")
    large = _large_family(f)
    test = (
        pl.when(income > top)
        .then(pl.lit(False))
        .when((income <= top) & large)
        .then(pl.lit(True))
        .when((income <= small) & large.not_())
        .then(pl.lit(True))
    )
    if _small_family_ceiling_is_exact(f):
        test = test.when((income > small) & large.not_()).then(pl.lit(False))
    return test


CONDITIONS = [
    Condition(
        P,
        "age_and_children",
        lambda f: of_age(f, f.var("work_grant_claimant_age_years")),
        {
            "he": "הורה לילד/ה מגיל {threshold}, או מגיל 55 גם בלי ילדים",
            "ar": "والد لطفل من سن {threshold}، أو من سن 55 حتى بدون أولاد",
            "ru": "родитель ребёнка с {threshold} лет или с 55 лет и без детей",
            "en": "a parent aged {threshold} or over, or aged 55 or over even without children",
        },
        (WORK_GRANT,),
        asks=("person.birth_date",),
        value="work_grant_claimant_age_years",
        threshold=lambda f: f.p(E + "min_age_with_children"),
        fmt="count",
    ),
    Condition(
        P,
        "income_above_floor",
        lambda f: f.var("work_grant_claimant_income_work") > f.var("work_grant_income_floor"),
        {
            "he": "הכנסה חודשית ממוצעת מעבודה (שכיר/ה או עצמאי/ת) מעל {threshold}: שלך, או של בן/בת הזוג כשרק הכנסתו/ה מעליה, ואז המענק שלו/ה",
            "ar": "دخل شهري متوسط من العمل (أجير أو مستقل) أعلى من {threshold}: دخلك، أو دخل الزوج/ة إذا كان وحده أعلى منه، وعندها تكون المنحة له/لها",
            "ru": "средний месячный доход от работы (по найму или самостоятельной) выше {threshold}: ваш или, если выше только его (её) доход, супруга (супруги), и тогда грант его (её)",
            "en": "average monthly income from work (employed or self-employed) above {threshold}: yours, or your partner's where only theirs is, and then the grant is theirs",
        },
        (WORK_GRANT,),
        asks=("income.work",),
        value="work_grant_claimant_income_work",
        threshold=lambda f: f.var("work_grant_income_floor"),
    ),
    Condition(
        P,
        "income_below_ceiling",
        _income_within_family_ceiling,
        {
            "he": "הכנסה חודשית ממוצעת מעבודה עד {threshold}, התקרה למספר הילדים שלכם (לילד אחד או שניים זו התקרה האחרונה שידועה לנו, ותקרת השנה שווה לה או גבוהה ממנה)",
            "ar": "دخل شهري متوسط من العمل حتى {threshold}، وهو السقف لعدد أولادكم (لولد أو ولدين هذا آخر سقف معروف لنا، وسقف هذه السنة مساوٍ له أو أعلى منه)",
            "ru": "средний месячный доход от работы не выше {threshold} – потолка для вашего числа детей (для одного или двух детей это последний известный нам потолок; потолок этого года такой же или выше)",
            "en": "average monthly income from work at most {threshold}, the ceiling for your number of children (for one or two children this is the latest ceiling we know; this year's is the same or higher)",
        },
        (WORK_GRANT,),
        asks=("income.work",),
        value="work_grant_claimant_income_work",
        threshold=lambda f: (
            pl.when(_large_family(f))
            .then(f.var("work_grant_income_ceiling"))
            .when(_large_family(f).not_())
            .then(f.var("work_grant_income_ceiling_small_family"))
        ),
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
