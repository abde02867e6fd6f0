from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.nii.general_disability.references import DISABILITY

P = "general_disability"
E = "nii.general_disability.eligibility."
CONDITIONS = [
    Condition(
        P,
        "age_18_to_retirement",
        lambda f: (
            (f.var("disability_claimant_age_years") >= f.lit(E + "min_age"))
            & f.var("disability_claimant_reached_retirement_age").not_()
        ),
        {
            "he": "גיל {threshold} ומעלה ועדיין לא בגיל הפרישה",
            "ar": "سن {threshold} فما فوق ولم تبلغوا سن التقاعد بعد",
            "ru": "возраст от {threshold} и ещё не пенсионный",
            "en": "aged {threshold} or over and below retirement age",
        },
        (DISABILITY,),
        asks=("person.birth_date", "person.sex"),
        value="disability_claimant_age_years",
        threshold=lambda f: f.p(E + "min_age"),
        fmt="count",
    ),
    Condition(
        P,
        "medical_percent",
        # 40%–59% may qualify when one of several impairments is at least 25%: only the medical board can say. A
        # pension already paid says the board found the threshold met, whatever the percent on its own.
        lambda f: (
            pl.when(f.var("disability_claimant_receives_general_disability"))
            .then(pl.lit(True))
            .when(f.var("disability_claimant_medical_percent") >= f.lit(E + "medical_percent"))
            .then(pl.lit(True))
            .when(f.var("disability_claimant_medical_percent") < f.lit(E + "medical_percent_combined"))
            .then(pl.lit(False))
        ),
        {
            "he": "נכות רפואית של {threshold} לפחות (או 40% לפחות כשיש כמה ליקויים ולאחד מהם 25% לפחות): שלך, או של בן/בת הזוג כשרק לו/לה יש נכות, ואז הקצבה שלו/ה",
            "ar": "عجز طبي بنسبة {threshold} على الأقل (أو 40% على الأقل عند تعدد الإعاقات وإحداها 25% على الأقل): لديك، أو لدى الزوج/ة إذا كان العجز له/لها وحده، وعندها تكون المخصصات له/لها",
            "ru": "медицинская инвалидность не менее {threshold} (или не менее 40% при нескольких нарушениях, одно из которых не менее 25%): ваша или, если инвалидность только у супруга (супруги), его (её), и тогда пособие его (её)",
            "en": "a medical disability of at least {threshold} (or at least 40% with several impairments, one of them at least 25%): yours, or your partner's where only they have one, and then the pension is theirs",
        },
        (DISABILITY,),
        asks=("disability.medical_percent", "disability.receives_general_disability", "agency.medical_committee"),
        value="disability_claimant_medical_percent",
        threshold=lambda f: f.p(E + "medical_percent"),
        fmt="percent",
    ),
    Condition(
        P,
        "incapacity_percent",
        # The degree exists only once National Insurance sets it: 0 (none set yet) stays unknown.
        lambda f: (
            pl.when(f.var("disability_claimant_incapacity_percent") >= f.lit(E + "min_incapacity_percent"))
            .then(pl.lit(True))
            .when(f.var("disability_claimant_incapacity_percent") > 0)
            .then(pl.lit(False))
        ),
        {
            "he": "כושר ההשתכרות נפגע ב-{threshold} לפחות (דרגת אי-כושר של 60%, 65%, 74% או 100%)",
            "ar": "تضررت القدرة على الكسب بنسبة {threshold} على الأقل (درجة عدم قدرة 60% أو 65% أو 74% أو 100%)",
            "ru": "трудоспособность снижена не менее чем на {threshold} (степень нетрудоспособности 60%, 65%, 74% или 100%)",
            "en": "earning capacity reduced by at least {threshold} (an incapacity degree of 60%, 65%, 74% or 100%)",
        },
        (DISABILITY,),
        asks=("disability.incapacity_percent", "agency.medical_committee"),
        value="disability_claimant_incapacity_percent",
        threshold=lambda f: f.p(E + "min_incapacity_percent"),
        fmt="percent",
    ),
    Condition(
        P,
        "work_income_below_limit",
        lambda f: f.var("disability_claimant_income_work") < f.var("general_disability_work_income_limit"),
        {
            "he": "לא עובדים, או שההכנסה מעבודה נמוכה מ־{threshold} (60% מהשכר הממוצע)",
            "ar": "لا تعملون، أو أن الدخل من العمل أقل من {threshold} (60% من متوسط الأجر)",
            "ru": "вы не работаете или заработок ниже {threshold} (60% средней зарплаты)",
            "en": "not working, or work income below {threshold} (60% of the average wage)",
        },
        (DISABILITY,),
        asks=("income.work",),
        value="disability_claimant_income_work",
        threshold=lambda f: f.var("general_disability_work_income_limit"),
    ),
    Condition(
        P,
        "medical_committee",
        # A medical board sets the medical percent and a claims officer the incapacity degree, so a screening
        # can say "maybe" at most.
        lambda f: pl.when(f.var("disability_claimant_receives_general_disability")).then(pl.lit(True)),
        {
            "he": "הוועדה הרפואית של הביטוח הלאומי קובעת את אחוזי הנכות ופקיד התביעות את דרגת אי-הכושר",
            "ar": "اللجنة الطبية في التأمين الوطني تحدد نسبة العجز وموظف الدعاوى درجة عدم القدرة",
            "ru": "процент инвалидности устанавливает медкомиссия Битуах леуми, степень нетрудоспособности – её чиновник",
            "en": "the National Insurance medical board sets the disability percent and a claims officer the incapacity degree",
        },
        (DISABILITY,),
        asks=("agency.medical_committee",),
    ),
]
