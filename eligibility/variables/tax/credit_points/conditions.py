from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.tax.credit_points.references import (
    CREDIT_POINTS,
    DISCHARGED_SOLDIER,
    NEW_IMMIGRANT,
    TAX_RATES,
)

P = "tax_credit_refund"
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
]
