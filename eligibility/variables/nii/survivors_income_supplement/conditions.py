from __future__ import annotations

from eligibility.inputs import income_questions
from eligibility.model import Condition
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.nii.old_age_income_supplement.disregard import below_guarantee
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE, SURVIVORS_SUPPLEMENT

P = "survivors_income_supplement"
CONDITIONS = [
    Condition(
        P,
        "receives_or_entitled_to_survivors_pension",
        # As a widow or widower: someone married, divorced or never married receives no survivors' pension of their
        # own, whatever the benefits they left unanswered.
        lambda f: (f.var("applicant_marital_status") == "widowed") & receives_or_entitled(f, "survivors_pension"),
        {
            "he": "מקבלים קצבת שאירים (אלמן/ה), או זכאים לה",
            "ar": "تتلقون مخصصات الباقين على قيد الحياة (أرمل/ة) أو تستحقونها",
            "ru": "вы получаете пенсию по потере кормильца (вдова или вдовец) или имеете на неё право",
            "en": "you receive a survivors' pension (as a widow or widower), or are entitled to one",
        },
        (SURVIVORS_SUPPLEMENT,),
        asks=("person.marital_status", "person.receives"),
    ),
    Condition(
        P,
        "not_old_age_supplement",
        # One supplement is paid: at retirement age with an old-age pension (and half the survivors' pension, s. 320)
        # the guaranteed total is the old-age pension's supplement, shown under that right.
        lambda f: (f.var("applicant_reached_retirement_age") & receives_or_entitled(f, "old_age_pension")).not_(),
        {
            "he": "לא מקבלים קצבת אזרח ותיק ולא זכאים לה (מי שמקבל/ת אותה מקבל/ת תוספת אחת – לקצבת אזרח ותיק – ולא שתיים)",
            "ar": "لا تتلقون مخصصات الشيخوخة ولا تستحقونها (من يتلقاها يحصل على مكمّل واحد – لمخصصات الشيخوخة – لا على اثنين)",
            "ru": "вы не получаете пенсию по старости и не имеете на неё права (кто её получает, получает одну доплату – к пенсии по старости, а не две)",
            "en": "you neither receive nor are entitled to an old-age pension (whoever does gets one supplement, to the old-age pension, not two)",
        },
        (CONDITIONS_PAGE,),
        asks=("person.receives", "person.birth_date", "person.sex", "insurance.qualifying_period"),
    ),
    Condition(
        P,
        "income_below_guarantee",
        # Section 12 of the Income Support Law, as for the old-age pension's supplement: part of an occupational
        # pension, and of work and pension income together, is not counted; what is above it lowers the supplement.
        lambda f: below_guarantee(
            f, "survivors_supplement_work_counted", "survivors_supplement_income_counted", "survivors_supplement_room"
        ),
        {
            "he": "ההכנסות שנספרות מלבד קצבת השאירים נמוכות מ־{threshold} (פנסיה מעבודה עד סכום קבוע, ועבודה ופנסיה יחד עד סכום גדול יותר, אינן נספרות)",
            "ar": "المداخيل المحسوبة إلى جانب مخصصات الباقين أقل من {threshold} (التقاعد من العمل حتى مبلغ محدد، والعمل والتقاعد معًا حتى مبلغ أكبر، لا يُحسبان)",
            "ru": "учитываемые доходы помимо пенсии по потере кормильца ниже {threshold} (трудовая пенсия до установленной суммы, а работа и пенсия вместе до большей суммы не учитываются)",
            "en": "income that counts besides the survivors' pension below {threshold} (an occupational pension up to a set sum, and work and pension together up to a larger one, do not count)",
        },
        (CONDITIONS_PAGE,),
        asks=income_questions(),
        value="survivors_supplement_income_counted",
        threshold=lambda f: f.var("survivors_supplement_room"),
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
        (CONDITIONS_PAGE,),
        asks=("assets.car_value",),
        value="car_value",
        threshold=lambda f: f.p("nii.income_supplement.limits.max_car_value"),
    ),
]
