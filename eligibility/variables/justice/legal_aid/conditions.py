from __future__ import annotations

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.variables.general.benefit_groups.logic import UNKNOWN
from eligibility.variables.justice.legal_aid.refs import LEGAL_AID

P = "legal_aid"
CONDITIONS = [
    Condition(
        P,
        "income_within_ceiling",
        lambda f: f.var("members_total_income") <= f.var("legal_aid_income_ceiling"),
        {
            "he": (
                "הכנסה חודשית ברוטו של המשפחה עד {threshold} (התקרה למספר הנפשות שלכם; ערעור על החלטת "
                "הביטוח הלאומי בבית הדין לעבודה – בלי מבחן הכנסה)"
            ),
            "ar": (
                "دخل العائلة الشهري الإجمالي حتى {threshold} (السقف لعدد أنفار عائلتكم؛ الاستئناف على قرار "
                "التأمين الوطني في محكمة العمل – دون فحص دخل)"
            ),
            "ru": (
                "месячный доход семьи брутто не выше {threshold} (потолок для вашего числа членов семьи; "
                "обжалование решения Битуах леуми в суде по трудовым делам – без проверки дохода)"
            ),
            "en": (
                "gross monthly family income at most {threshold} (the ceiling for your family size; appeals "
                "against National Insurance decisions at the Labour Court need no income test)"
            ),
        },
        (LEGAL_AID,),
        asks=income_questions(),
        value="members_total_income",
        threshold=lambda f: f.var("legal_aid_income_ceiling"),
    ),
    Condition(
        P,
        "realizable_assets",
        # The regulations cap realizable property too, but the cap is not in our sources: no such property
        # passes any cap, and any is left for the legal aid office to weigh.
        lambda f: (f.var("legal_aid_realizable_assets") == 0) | UNKNOWN,
        {
            "he": "רכוש הניתן למימוש (חסכונות, רכב) אינו עולה על התקרה שבתקנות",
            "ar": "الممتلكات القابلة للتسييل (مدخرات، سيارة) لا تتجاوز السقف المحدد في الأنظمة",
            "ru": "имущество, которое можно реализовать (сбережения, автомобиль), не превышает потолка по правилам",
            "en": "property that could be realized (savings, a car) does not exceed the regulations' cap",
        },
        (LEGAL_AID,),
        asks=("assets.financial_assets", "assets.car_value", "agency.legal_aid_property_check"),
        value="legal_aid_realizable_assets",
    ),
]
