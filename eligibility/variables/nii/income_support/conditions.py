from __future__ import annotations

import polars as pl

from eligibility.inputs import income_questions
from eligibility.model import Condition, Formula
from eligibility.refs import IS_AMOUNT, IS_INCOME, IS_LAW, IS_SHORT_RESIDENCE, IS_WORK_TEST_EXEMPTIONS
from eligibility.variables.general.benefit_groups.logic import UNKNOWN
from eligibility.variables.nii.income_support.income_support_other_income import other_income_at_least

P = "income_support"
E = "nii.income_support.eligibility."


def _work_test(f: Formula) -> pl.Expr:
    """Both members of a couple pass the employment test, or one of them when a child under two exempts the other."""
    applicant = f.var("applicant_employment_service_registered") | f.var("applicant_employment").is_in(
        ["employed", "self_employed"]
    )
    partner = (
        f.var("partner_employment_service_registered")
        | f.var("partner_employment").is_in(["employed", "self_employed"])
        | f.var("partner_reached_retirement_age")
    )
    child = f.var("has_child_exempting_from_work_test")
    return (applicant | child) & (f.var("has_partner").not_() | partner | (child & applicant))


CONDITIONS = [
    Condition(
        P,
        "age_at_least_20",
        lambda f: (
            (f.var("applicant_age_years") >= f.p("nii.income_support.eligibility.min_age"))
            | (f.var("num_children") > 0)
        ),
        {
            "he": "גיל 20 ומעלה (הורה לילד – בכל גיל)",
            "ar": "سن 20 فما فوق (الوالد لطفل – في أي سن)",
            "ru": "возраст от 20 лет (родитель ребёнка – в любом возрасте)",
            "en": "aged 20 or over (a parent of a child at any age)",
        },
        (IS_LAW,),
        asks=("person.birth_date",),
        value="applicant_age_years",
        fmt="years",
    ),
    Condition(
        P,
        "below_retirement_age",
        lambda f: f.var("applicant_reached_retirement_age").not_(),
        {
            "he": "מתחת לגיל הפרישה (מגיל הפרישה – השלמת הכנסה לקצבת הזקנה)",
            "ar": "دون سن التقاعد (من سن التقاعد – مكمّل الدخل لمخصصات الشيخوخة)",
            "ru": "моложе пенсионного возраста (с пенсионного возраста – доплата к пенсии по старости)",
            "en": "below retirement age (from retirement age, the old-age income supplement applies)",
        },
        (IS_LAW,),
        asks=("person.birth_date", "person.sex"),
    ),
    Condition(
        P,
        "resident_24_months",
        # A shorter residence is enough for a new immigrant here 12 months and within 5 years of arrival, and for
        # whoever receives an old-age or survivors' pension (the NII's page on residents of less than 24 months).
        lambda f: (
            (f.var("applicant_residence_months") >= f.p(E + "min_residency_months"))
            | (
                f.var("applicant_is_immigrant")
                & (f.var("applicant_months_since_immigration") >= f.lit(E + "new_immigrant_min_months"))
                & (f.var("applicant_months_since_immigration") < f.lit(E + "new_immigrant_max_months"))
            )
            | f.var("hh_receives__old_age_pension")
            | f.var("hh_receives__survivors_pension")
        ),
        {
            "he": "תושבות בישראל לפחות {threshold} ברציפות (עולה חדש/ה: 12 חודשים בארץ, עד 5 שנים מהעלייה)",
            "ar": "الإقامة في إسرائيل {threshold} على الأقل بشكل متواصل (القادم/ة الجديد/ة: 12 شهرًا في البلاد، حتى 5 سنوات من الهجرة)",
            "ru": "проживание в Израиле не менее {threshold} подряд (репатриант: 12 месяцев в стране, до 5 лет после репатриации)",
            "en": "resident in Israel for at least {threshold} in a row (a new immigrant: 12 months here, within 5 years of arrival)",
        },
        (IS_LAW, IS_SHORT_RESIDENCE),
        asks=("person.resident_since", "person.immigration_date", "person.receives"),
        value="applicant_residence_months",
        threshold=lambda f: f.p(E + "min_residency_months"),
        fmt="months",
    ),
    Condition(
        P,
        "not_student_or_soldier",
        lambda f: (
            (f.var("applicant_student") | f.var("applicant_soldier")).not_()
            & (f.var("has_partner") & (f.var("partner_student") | f.var("partner_soldier"))).not_()
        ),
        {
            "he": "המבקש/ת ובן/בת הזוג אינם סטודנטים ואינם בשירות סדיר",
            "ar": "مقدم الطلب والزوج/ة ليسوا طلابًا جامعيين وليسوا في الخدمة النظامية",
            "ru": "ни заявитель, ни супруг(а) не студенты и не на срочной службе",
            "en": "neither the applicant nor the partner is a student or in compulsory service",
        },
        (IS_LAW,),
        asks=("person.student", "person.soldier"),
    ),
    # The employment test (מבחן התעסוקה): the applicant and, in a couple, the partner each work, or are registered
    # with the Employment Service as seeking work, unless exempt. The exemptions the household's facts show: parents
    # of a child under two choose which one of them is exempt (so the other still passes the test), and a single
    # parent of one is (the NII's page); a partner past the retirement age is not expected to work.
    Condition(
        P,
        "work_test",
        lambda f: _work_test(f),
        {
            "he": "עובד/ת, או רשום/ה ומתייצב/ת בשירות התעסוקה, וכך גם בן/בת הזוג (הורים לילד מתחת לגיל {threshold}: אחד מהם פטור)",
            "ar": "يعمل/تعمل أو مسجل/ة في خدمة التشغيل، وكذلك الزوج/ة (والدا طفل دون سن {threshold}: أحدهما معفى)",
            "ru": "работает или зарегистрирован(а) в службе занятости, как и супруг(а) (у родителей ребёнка, которому нет {threshold} лет, один из них освобождён)",
            "en": "working or registered with the Employment Service, and so is the partner (parents of a child under {threshold}: one of them is exempt)",
        },
        (IS_LAW, IS_WORK_TEST_EXEMPTIONS),
        asks=("person.employment", "person.employment_service_registered", "person.birth_date"),
        threshold=lambda f: f.p(E + "work_test_exempt_child_age"),
        fmt="count",
    ),
    # Unemployment benefit replaces a wage, and income support counts it as income: whoever is owed it claims it first,
    # and income support tops it up only when it is lower than the family's income support level. Its amount comes
    # from the last wages, which National Insurance computes (no household input gives it), so until it is paid the
    # answer waits on it; once it is paid it is among the declared incomes.
    Condition(
        P,
        "unemployment_benefit_first",
        # True where no unemployment benefit is pending; unknown where one is (or may be): never false.
        lambda f: (f.var("is_unemployment_eligible") & f.var("hh_receives__unemployment").not_()).not_() | UNKNOWN,
        {
            "he": "מי שזכאי/ת לדמי אבטלה תובע/ת אותם קודם: הבטחת הכנסה משלימה אותם רק כשהם נמוכים מהגמלה למשפחה שלכם",
            "ar": "من يستحق مخصصات البطالة يطالب بها أولًا: ضمان الدخل يكمّلها فقط إذا كانت أقل من المخصص لعائلتكم",
            "ru": "тот, кому положено пособие по безработице, сначала получает его: пособие по обеспечению дохода доплачивает, только если оно ниже пособия для вашей семьи",
            "en": "whoever is owed unemployment benefit claims it first: income support tops it up only when it is lower than income support for your family",
        },
        (IS_INCOME,),
        asks=(
            "person.employment",
            "person.employment_service_registered",
            "person.months_worked_last_18",
            "person.receives",
            "agency.unemployment_benefit_amount",
        ),
    ),
    Condition(
        P,
        "car_value",
        lambda f: f.var("car_value") <= f.lit("nii.income_support.eligibility.max_car_value"),
        {
            "he": "שווי הרכב עד {threshold}",
            "ar": "قيمة السيارة حتى {threshold}",
            "ru": "стоимость автомобиля не выше {threshold}",
            "en": "car value at most {threshold}",
        },
        (IS_LAW,),
        asks=("assets.car_value",),
        value="car_value",
        threshold=lambda f: f.p("nii.income_support.eligibility.max_car_value"),
    ),
    # Income that is not from work is deducted in full: at the family's maximum or above it, no work income can leave
    # a benefit, and that (not a "ceiling of ₪0" on work) is the reason to give.
    Condition(
        P,
        "other_income_below_maximum",
        lambda f: (
            (other_income_at_least(f) < f.var("income_support_max_benefit"))
            & (f.var("income_support_other_income") < f.var("income_support_max_benefit"))
        ),
        {
            "he": "הכנסות שאינן מעבודה (קצבאות, פנסיה, מזונות ועוד, 3% משווי רכב מעל סכום שנקבע, וגם קצבת שאירים, השלמת הכנסה לשאירים או דמי מזונות מהביטוח הלאומי שמגיעים לכם) נמוכות מ־{threshold}, הגמלה המרבית להרכב המשפחה שלכם",
            "ar": "المداخيل غير الناتجة عن العمل (مخصصات، تقاعد، نفقة وغيرها، 3% من قيمة السيارة فوق مبلغ محدد، ومخصصات الورثة أو مكمّل دخل الورثة أو النفقة من التأمين الوطني المستحقة لكم) أقل من {threshold}، وهو أعلى مخصص لتركيبة عائلتكم",
            "ru": "доходы не от работы (пособия, пенсия, алименты и др., 3% стоимости автомобиля сверх установленной суммы, а также положенные вам пенсия по потере кормильца, доплата к ней или алименты от Битуах леуми) ниже {threshold} – максимального пособия для вашего состава семьи",
            "en": "income other than work (benefits, pensions, alimony and the like, 3% of a car's value above a set amount, and a survivors' pension, its income supplement or National Insurance alimony you are owed) below {threshold}, the most income support pays a family like yours",
        },
        (IS_AMOUNT,),
        asks=(*(q for q in income_questions() if q != "income.work"), "assets.car_value"),
        value="income_support_other_income",
        threshold=lambda f: f.var("income_support_max_benefit"),
    ),
    Condition(
        P,
        "income_below_ceiling",
        lambda f: f.var("income_support_amount_before_test") > 0,
        {
            "he": "הכנסה מעבודה נמוכה מ־{threshold} (התקרה להרכב המשפחה שלכם, אחרי הכנסות אחרות)",
            "ar": "الدخل من العمل أقل من {threshold} (السقف لتركيبة عائلتكم بعد المداخيل الأخرى)",
            "ru": "доход от работы ниже {threshold} (потолок для вашего состава семьи с учётом других доходов)",
            "en": "work income must be below {threshold} (the ceiling for your family, after other income)",
        },
        (IS_AMOUNT,),
        asks=income_questions(),
        value="couple_work_income",
        threshold=lambda f: f.var("income_support_work_income_ceiling"),
    ),
]
