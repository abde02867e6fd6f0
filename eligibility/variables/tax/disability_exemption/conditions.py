from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.tax.disability_exemption.references import EXEMPTION

E = "tax.disability_exemption.eligibility."
CONDITIONS = [
    Condition(
        "tax_disability_exemption",
        "blind_or_disabled_with_income",
        lambda f: f.var("any_tax_exemption_disabled"),
        {
            "he": (
                "את/ה או בן/בת הזוג בעלי תעודת עיוור, או שנקבעה נכות רפואית של {threshold} לפחות לתקופה של 185 ימים "
                'לפחות (ולמי שאינו נכה צה"ל או נפגע פעולות איבה – 40% לפחות בשל ליקוי אחד), ויש לו/ה הכנסה חייבת במס'
            ),
            "ar": (
                "أنت أو الزوج/ة تحملان شهادة كفيف، أو حُدّد عجز طبي بنسبة {threshold} على الأقل لمدة 185 يومًا على "
                "الأقل (ولمن ليس من معاقي الجيش أو متضرري الأعمال العدائية – 40% على الأقل بسبب إعاقة واحدة)، ولديه دخل "
                "خاضع للضريبة"
            ),
            "ru": (
                "у вас или у супруга(и) есть удостоверение слепого или установлена медицинская инвалидность не менее "
                "{threshold} на срок не менее 185 дней (а не инвалидам ЦАХАЛа и не пострадавшим от терактов – не менее "
                "40% по одному нарушению), и у этого человека есть облагаемый доход"
            ),
            "en": (
                "you or your partner hold a blind certificate, or have a medical disability of at least {threshold} "
                "set for 185 days or more (and, unless an IDF disabled or a victim of hostile action, at least 40% for "
                "one impairment), and that person has taxable income"
            ),
        },
        (EXEMPTION,),
        asks=(
            "disability.blind",
            "disability.medical_percent",
            "income.work",
            "income.pension_occupational",
            "income.capital",
            "agency.tax_disability_determination",
        ),
        threshold=lambda f: f.p(E + "combined_percent"),
        fmt="percent",
    ),
]
