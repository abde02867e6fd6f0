from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.nii.maternity_allowance.references import MATERNITY, QUALIFYING

P = "maternity_allowance"
E = "nii.maternity.eligibility."
CONDITIONS = [
    Condition(
        P,
        "mother_of_newborn",
        lambda f: (f.var("maternity_claimant_sex") == "female") & (f.var("num_infants") > 0),
        {
            "he": "את (או בת הזוג) ילדת בפחות מ{threshold} האחרונים (הילד/ה רשום/ה במשק הבית)",
            "ar": "أنجبتِ (أو أنجبت الزوجة) خلال أقل من {threshold} الأخيرة (الطفل مسجّل في الأسرة)",
            "ru": "вы (или ваша супруга) родили меньше чем {threshold} назад (ребёнок указан в домохозяйстве)",
            "en": "you (or your partner) gave birth less than {threshold} ago (the baby is listed in the household)",
        },
        (MATERNITY,),
        asks=("person.sex", "person.birth_date"),
        threshold=lambda f: f.p("nii.general.retroactive_months"),
        fmt="months",
    ),
    Condition(
        P,
        "worked",
        # Someone who did not work at all in the last 18 months had no insured months in the 14 before she stopped,
        # unless she stopped more than 18 months ago (said in the note). Someone who works now has worked in them.
        lambda f: (
            pl.when(f.var("maternity_claimant_months_worked_last_18").is_not_null())
            .then(f.var("maternity_claimant_months_worked_last_18") > 0)
            .when(f.var("maternity_claimant_employment").is_in(["employed", "self_employed"]))
            .then(pl.lit(True))
        ),
        {
            "he": "היולדת עבדה כשכירה או כעצמאית ושילמה דמי ביטוח לאומי לפני שהפסיקה לעבוד",
            "ar": "عملت الوالدة أجيرة أو مستقلة ودفعت رسوم التأمين الوطني قبل أن تتوقف عن العمل",
            "ru": "роженица работала по найму или как самостоятельная и платила взносы Битуах леуми до ухода с работы",
            "en": "the mother worked as an employee or self-employed and paid National Insurance contributions before she stopped",
        },
        (MATERNITY, QUALIFYING),
        asks=("person.months_worked_last_18", "person.employment"),
    ),
    Condition(
        P,
        "qualifying_period",
        # The insured months are counted back from the day work stopped, not from today: National Insurance counts
        # them ("maybe" at most).
        lambda f: pl.when(f.var("hh_receives__maternity_allowance")).then(pl.lit(True)),
        {
            "he": "הביטוח הלאומי סופר את חודשי הביטוח לפני יום הפסקת העבודה: 10 מתוך 14 או 15 מתוך 22 – 15 שבועות; {threshold} מתוך 14 – 8 שבועות",
            "ar": "يحسب التأمين الوطني أشهر التأمين قبل يوم التوقف عن العمل: 10 من 14 أو 15 من 22 – 15 أسبوعًا؛ {threshold} من 14 – 8 أسابيع",
            "ru": "Битуах леуми считает месяцы страхования до дня ухода с работы: 10 из 14 или 15 из 22 – 15 недель; {threshold} из 14 – 8 недель",
            "en": "National Insurance counts the insured months before the day work stopped: 10 of 14 or 15 of 22 for 15 weeks; {threshold} of 14 for 8 weeks",
        },
        (QUALIFYING,),
        asks=("agency.maternity_qualifying_period",),
        threshold=lambda f: f.p(E + "min_insured_months_partial"),
        fmt="count",
    ),
]
