from __future__ import annotations

import polars as pl

from eligibility.model import Condition, Formula
from eligibility.variables.tax.credit_points.references import (
    CREDIT_POINTS,
    DISCHARGED_SOLDIER,
    NEW_IMMIGRANT,
    PARTIAL_YEAR,
    TAX_RATES,
)

P = "tax_credit_refund"


def _partial_year(f: Formula) -> pl.Expr:
    """Paid a salary with income tax withheld in only some months (1 to 11) of the last tax year."""
    employment = f.var("applicant_employment")
    # An employee now, or someone who stopped: a pensioner's work pension is taxed in the other months, and the
    # self-employed settle their tax in the annual return (neither is checked here).
    payroll = (employment == "employed") | (employment == "unemployed") | (employment == "not_working")
    # An employee now who worked in every one of the last 18 months had no gap in the last tax year when those months
    # cover it (a screening from January to June); from July a gap early in the last year is not checked (said in the
    # condition's text and the value note): asking every employee would cost each a question. Only below retirement
    # age, where the work step asks those 18 months anyway (unemployment's question): so the condition need not ask
    # it, and a pensioner is not asked it for this right alone.
    worked_18 = f.var("applicant_months_worked_last_18") >= 18
    continuous = (employment == "employed") & worked_18 & f.var("applicant_reached_retirement_age").not_()
    # Aliyah this year: not resident in the last tax year (the points of s. 34 are a resident's).
    arrived_since = f.var("applicant_is_immigrant") & (f.var("applicant_months_since_immigration") < f.as_of.month)
    months = f.var("applicant_last_year_months_worked")
    taxed = f.var("applicant_last_year_monthly_salary") > f.var("applicant_last_year_tax_free_salary")
    return payroll & continuous.not_() & arrived_since.not_() & (months >= 1) & (months <= 11) & taxed


CONDITIONS = [
    Condition(
        P,
        "employee_paying_tax",
        lambda f: f.var("applicant_income_tax_withheld") > 0,
        {
            "he": "את/ה עובד/ת כשכיר/ה ומשכרך מנוכה מס הכנסה: שכר חודשי (ברוטו) מעל {threshold}",
            "ar": "تعمل/ين بأجر ويُخصم من راتبك ضريبة دخل: راتب شهري (إجمالي) أعلى من {threshold}",
            "ru": "вы работаете по найму, и с вашей зарплаты удерживается подоходный налог: месячная зарплата (брутто) выше {threshold}",
            "en": "you work as an employee and income tax is withheld from your salary: a monthly salary (gross) above {threshold}",
        },
        (TAX_RATES, CREDIT_POINTS),
        asks=("person.employment", "income.work", "person.sex"),
        value="applicant_income_work",
        threshold=lambda f: f.var("applicant_tax_free_salary"),
    ),
    Condition(
        P,
        "unapplied_credit_points",
        # Any one reason is enough (Kleene OR: true as soon as one is known to hold).
        lambda f: (
            f.var("is_single_parent")
            | f.var("hh_receives__disabled_child_benefit")
            | (f.var("applicant_immigrant_credit_points") > 0)
            | (f.var("applicant_discharged_soldier_credit_points") > 0)
        ),
        {
            "he": (
                "מגיעות לך נקודות זיכוי שמערכת השכר אינה מחילה בלי שתצהיר/י עליהן בטופס 101: הורה יחיד/ה, עולה "
                "חדש/ה בשנים הראשונות, סיום שירות צבאי או לאומי-אזרחי ב-36 החודשים האחרונים, או הורה לילד/ה "
                "שמשולמת בעדו/ה גמלת ילד נכה"
            ),
            "ar": (
                "تستحق/ين نقاط استحقاق لا يطبّقها نظام الرواتب إلا إذا صرّحت بها في نموذج 101: والد/ة وحيد/ة، "
                "قادم/ة جديد/ة في السنوات الأولى، إنهاء خدمة عسكرية أو وطنية-مدنية خلال الـ36 شهرًا الأخيرة، أو "
                "والد/ة لولد تُدفع عنه مخصصات الولد ذي الإعاقة"
            ),
            "ru": (
                "вам положены налоговые баллы (некудот зикуй), которые бухгалтерия не учитывает, пока вы не укажете "
                "их в форме 101: родитель-одиночка, новый репатриант в первые годы, окончание военной или "
                "национальной (гражданской) службы за последние 36 месяцев или родитель ребёнка, на которого "
                "выплачивается пособие на ребёнка-инвалида"
            ),
            "en": (
                "you are entitled to credit points a payroll does not apply unless you declare them on form 101: a "
                "single parent, a new immigrant in the first years, military or national-civic service ended in the "
                "last 36 months, or a parent of a child paid National Insurance's disabled child benefit"
            ),
        },
        (CREDIT_POINTS, NEW_IMMIGRANT, DISCHARGED_SOLDIER),
        asks=(
            "person.marital_status",
            "person.birth_date",
            "person.immigration_date",
            "person.recently_discharged",
            "person.service_end_date",
            "person.service_months",
            "person.receives",
        ),
    ),
    Condition(
        P,
        "partial_year",
        _partial_year,
        {
            "he": (
                "בשנת המס שעברה קיבלת משכורת כשכיר/ה רק בחלק מהחודשים (1 עד 11), ומהשכר נוכה מס הכנסה: שכר חודשי "
                "ממוצע (ברוטו) מעל {threshold} (לא נבדק למי שעובד/ת עכשיו כשכיר/ה, לפני גיל הפרישה, ועבד/ה בכל 18 "
                "החודשים האחרונים)"
            ),
            "ar": (
                "في سنة الضريبة الماضية تلقيت راتبًا كأجير/ة في جزء من الأشهر فقط (1 إلى 11)، وخُصمت من الراتب ضريبة "
                "دخل: متوسط راتب شهري (إجمالي) أعلى من {threshold} (لا يُفحص لمن يعمل الآن كأجير، قبل سن التقاعد، "
                "وعمل في كل الأشهر الـ18 الأخيرة)"
            ),
            "ru": (
                "в прошлом налоговом году вы получали зарплату как наёмный работник лишь часть месяцев (от 1 до 11), "
                "и с неё удерживался подоходный налог: средняя месячная зарплата (брутто) выше {threshold} (не "
                "проверяется у тех, кто сейчас работает по найму, не достиг пенсионного возраста и работал все "
                "последние 18 месяцев)"
            ),
            "en": (
                "last tax year you were paid a salary as an employee in only some months (1 to 11), with income tax "
                "withheld from it: an average monthly salary (gross) above {threshold} (not checked for someone "
                "working as an employee now, below retirement age, who worked in all of the last 18 months)"
            ),
        },
        (PARTIAL_YEAR, TAX_RATES, CREDIT_POINTS),
        asks=(
            "person.employment",
            "person.last_year_months_worked",
            "person.last_year_monthly_salary",
            "person.sex",
            "person.immigration_date",
        ),
        value="applicant_last_year_monthly_salary",
        threshold=lambda f: f.var("applicant_last_year_tax_free_salary"),
    ),
]
