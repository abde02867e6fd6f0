from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.nii.unemployment.references import QUALIFYING, UNEMPLOYMENT

P = "unemployment"
E = "nii.unemployment.eligibility."
CONDITIONS = [
    Condition(
        P,
        "age_20_to_retirement",
        lambda f: (
            (f.var("unemployment_claimant_age_years") >= f.lit(E + "min_age"))
            & f.var("unemployment_claimant_reached_retirement_age").not_()
        ),
        {
            "he": "גיל {threshold} ומעלה ועדיין לא בגיל הפרישה (חייל/ת משוחרר/ת – גם קודם, בשנה שאחרי השחרור)",
            "ar": "سن {threshold} فما فوق ولم تبلغوا سن التقاعد (الجندي المسرّح – قبل ذلك أيضًا في السنة التي تلي التسريح)",
            "ru": "возраст от {threshold} и ещё не пенсионный (демобилизованные – и раньше, в течение года после службы)",
            "en": "aged {threshold} or over and below retirement age (discharged soldiers also earlier, within a year of release)",
        },
        (UNEMPLOYMENT,),
        asks=("person.birth_date", "person.sex"),
        value="unemployment_claimant_age_years",
        threshold=lambda f: f.p(E + "min_age"),
        fmt="count",
    ),
    Condition(
        P,
        "unemployed",
        lambda f: f.var("unemployment_claimant_employment") == "unemployed",
        {
            "he": "מובטל/ת שמחפש/ת עבודה ומוכן/ה ומסוגל/ת לעבוד: את/ה, או בן/בת הזוג כשרק הוא/היא, ואז דמי האבטלה שלו/ה",
            "ar": "عاطل/ة عن العمل يبحث عن عمل ومستعد وقادر على العمل: أنت، أو الزوج/ة إذا كان وحده، وعندها تكون مخصصات البطالة له/لها",
            "ru": "вы безработный, ищете работу, готовы и способны работать – или, если только он (она), ваш супруг (супруга), и тогда пособие его (её)",
            "en": "unemployed, looking for work, willing and able to work: you, or your partner where only they are, and then the benefit is theirs",
        },
        (UNEMPLOYMENT,),
        asks=("person.employment",),
    ),
    Condition(
        P,
        "employment_service",
        lambda f: f.var("unemployment_claimant_employment_service_registered"),
        {
            "he": "רשום/ה ומתייצב/ת בשירות התעסוקה (זה הצעד הראשון לתביעה)",
            "ar": "مسجل/ة في خدمة التشغيل ويحضر/تحضر بانتظام (هذه الخطوة الأولى للدعوى)",
            "ru": "вы зарегистрированы и отмечаетесь в службе занятости (это первый шаг к пособию)",
            "en": "registered and reporting at the Employment Service (the first step of a claim)",
        },
        (UNEMPLOYMENT,),
        asks=("person.employment_service_registered",),
    ),
    Condition(
        P,
        "qualifying_period",
        # The resident's own count of months settles it either way, as every other fact they give does; National
        # Insurance confirms it from its records when it decides the claim, as it confirms every fact. (The daily
        # rate depends on wages of the last 6 months, which the household does not give: no amount is shown.)
        lambda f: f.var("unemployment_claimant_months_worked_last_18") >= f.lit(E + "qualifying_months"),
        {
            "he": "לפחות {threshold} חודשי עבודה כשכיר/ה מבוטח/ת ב-18 החודשים שלפני האבטלה (הביטוח הלאומי בודק ברישומיו)",
            "ar": "{threshold} أشهر عمل على الأقل كأجير مؤمَّن في الـ18 شهرًا التي سبقت البطالة (يفحصها التأمين الوطني في سجلاته)",
            "ru": "не менее {threshold} месяцев застрахованной работы по найму за 18 месяцев до безработицы (Битуах леуми проверяет по своим данным)",
            "en": "at least {threshold} months of insured salaried work in the 18 months before unemployment (National Insurance checks its records)",
        },
        (QUALIFYING,),
        asks=("person.months_worked_last_18",),
        value="unemployment_claimant_months_worked_last_18",
        threshold=lambda f: f.p(E + "qualifying_months"),
        fmt="count",
    ),
]
