from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE, SURVIVORS_SUPPLEMENT

P = "survivors_income_supplement"
CONDITIONS = [
    Condition(
        P,
        "receives_or_entitled_to_survivors_pension",
        lambda f: receives_or_entitled(f, "survivors_pension"),
        {
            "he": "מקבלים קצבת שאירים (אלמן/ה), או זכאים לה",
            "ar": "تتلقون مخصصات الباقين على قيد الحياة (أرمل/ة) أو تستحقونها",
            "ru": "вы получаете пенсию по потере кормильца (вдова или вдовец) или имеете на неё право",
            "en": "you receive a survivors' pension (as a widow or widower), or are entitled to one",
        },
        (SURVIVORS_SUPPLEMENT,),
        asks=("person.receives",),
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
        "work_income",
        lambda f: f.var("applicant_income_work") <= f.var("survivors_supplement_limit"),
        {
            "he": "הכנסה מעבודה עד {threshold} בחודש (ברוטו; הכנסה שעולה רק במעט – כדאי לבדוק בביטוח הלאומי)",
            "ar": "دخل من العمل حتى {threshold} شهريًا (إجمالي؛ دخل يزيد قليلًا فقط – افحصوا في التأمين الوطني)",
            "ru": "заработок не выше {threshold} в месяц (брутто; если чуть выше – уточните в Битуах леуми)",
            "en": "work income up to {threshold} a month (gross; if only slightly above, ask National Insurance)",
        },
        (CONDITIONS_PAGE,),
        asks=("income.work",),
        value="applicant_income_work",
        threshold=lambda f: f.var("survivors_supplement_limit"),
    ),
    Condition(
        P,
        "occupational_pension",
        lambda f: f.var("applicant_income_pension_occupational") <= f.var("survivors_supplement_pension_limit"),
        {
            "he": "פנסיה מעבודה עד {threshold} בחודש (ברוטו)",
            "ar": "التقاعد من العمل حتى {threshold} شهريًا (إجمالي)",
            "ru": "трудовая пенсия не выше {threshold} в месяц (брутто)",
            "en": "occupational pension up to {threshold} a month (gross)",
        },
        (CONDITIONS_PAGE,),
        asks=("income.pension_occupational",),
        value="applicant_income_pension_occupational",
        threshold=lambda f: f.var("survivors_supplement_pension_limit"),
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
