from __future__ import annotations

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.refs import SUPPLEMENT
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled

P = "old_age_income_supplement"
CONDITIONS = [
    Condition(
        P,
        "receives_or_entitled_to_old_age_pension",
        # The special old-age benefit of an immigrant not insured for old age takes the pension's place, and the
        # supplement tops it up alike. Both are paid from the retirement age, so a household where nobody has reached
        # it neither receives nor is owed one, whatever it left unanswered.
        lambda f: (
            (
                f.var("applicant_reached_retirement_age")
                | (f.var("has_partner") & f.var("partner_reached_retirement_age"))
            )
            & (receives_or_entitled(f, "old_age_pension") | receives_or_entitled(f, "special_old_age_benefit"))
        ),
        {
            "he": "מקבלים קצבת זקנה (או גמלת אזרח ותיק מיוחדת לעולה), או זכאים לה",
            "ar": "تتلقون مخصصات الشيخوخة (أو مخصص الشيخوخة الخاص للمهاجر) أو تستحقونها",
            "ru": "вы получаете пенсию по старости (или особое пособие по старости для репатриантов) или имеете на неё право",
            "en": "you receive an old-age pension (or the special old-age benefit for new immigrants), or are entitled to one",
        },
        (SUPPLEMENT,),
        asks=("person.receives", "person.birth_date", "insurance.qualifying_period", "person.immigration_date"),
    ),
    Condition(
        P,
        "occupational_pension",
        lambda f: f.var("claimant_income_pension_occupational") <= f.var("supplement_occupational_max"),
        {
            "he": "פנסיה מעבודה עד {threshold}",
            "ar": "التقاعد من العمل حتى {threshold}",
            "ru": "трудовая пенсия не выше {threshold}",
            "en": "occupational pension at most {threshold}",
        },
        (SUPPLEMENT,),
        asks=("income.pension_occupational",),
        value="claimant_income_pension_occupational",
        threshold=lambda f: f.var("supplement_occupational_max"),
    ),
    Condition(
        P,
        "car_value",
        lambda f: f.var("car_value") <= f.lit("nii.income_supplement.limits.max_car_value"),
        {
            "he": "שווי הרכב עד {threshold}",
            "ar": "قيمة السيارة حتى {threshold}",
            "ru": "стоимость автомобиля не выше {threshold}",
            "en": "car value at most {threshold}",
        },
        (SUPPLEMENT,),
        asks=("assets.car_value",),
        value="car_value",
        threshold=lambda f: f.p("nii.income_supplement.limits.max_car_value"),
    ),
    Condition(
        P,
        "income_below_guarantee",
        lambda f: f.var("supplement_countable_income") < f.var("supplement_income_room"),
        {
            "he": "הכנסות נוספות לקצבת הזקנה נמוכות מ־{threshold}",
            "ar": "المداخيل الإضافية إلى جانب مخصصات الشيخوخة أقل من {threshold}",
            "ru": "доходы помимо пенсии по старости ниже {threshold}",
            "en": "income besides the old-age pension below {threshold}",
        },
        (SUPPLEMENT,),
        asks=income_questions(),
        value="supplement_countable_income",
        threshold=lambda f: f.var("supplement_income_room"),
    ),
]
