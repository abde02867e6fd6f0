from __future__ import annotations

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.refs import SUPPLEMENT
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.nii.old_age_income_supplement.disregard import below_guarantee

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
        # Section 12 of the Income Support Law: part of an occupational pension, and of work and pension income
        # together, is not counted (supplement_income_counted); what is above it lowers the supplement.
        lambda f: below_guarantee(f, "supplement_work_counted", "supplement_income_counted", "supplement_income_room"),
        {
            "he": "ההכנסות שנספרות מלבד קצבת הזקנה נמוכות מ־{threshold} (פנסיה מעבודה עד סכום קבוע, ועבודה ופנסיה יחד עד סכום גדול יותר, אינן נספרות)",
            "ar": "المداخيل المحسوبة إلى جانب مخصصات الشيخوخة أقل من {threshold} (التقاعد من العمل حتى مبلغ محدد، والعمل والتقاعد معًا حتى مبلغ أكبر، لا يُحسبان)",
            "ru": "учитываемые доходы помимо пенсии по старости ниже {threshold} (трудовая пенсия до установленной суммы, а работа и пенсия вместе до большей суммы не учитываются)",
            "en": "income that counts besides the old-age pension below {threshold} (an occupational pension up to a set sum, and work and pension together up to a larger one, do not count)",
        },
        (SUPPLEMENT,),
        asks=income_questions(),
        value="supplement_income_counted",
        threshold=lambda f: f.var("supplement_income_room"),
    ),
]
