from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.holocaust.refs import CAMPS_AND_GHETTOS, PERSECUTION_LAW

P = "holocaust_monthly_allowance"
CONDITIONS = [
    Condition(
        P,
        "survivor",
        lambda f: f.var("any_holocaust_survivor"),
        {
            "he": "את/ה או בן/בת הזוג ניצולי שואה",
            "ar": "أنت أو الزوج/ة من الناجين من المحرقة",
            "ru": "вы или супруг(а) пережили Холокост",
            "en": "you or your partner are Holocaust survivors",
        },
        (PERSECUTION_LAW,),
        asks=("person.holocaust_survivor", "person.birth_date"),
    ),
    Condition(
        P,
        "authority_recognition",
        # The Authority recognises the persecution, the law that applies (immigration before or after 1 October
        # 1953) and the disability degree, which sets the allowance: "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__holocaust_monthly_allowance")).then(pl.lit(True)),
        {
            "he": "הרשות לזכויות ניצולי השואה מכירה בעילת הנרדפות (מחנה, גטו, מסתור ועוד) וקובעת לפי איזה חוק ובאיזה שיעור – לפי מועד העלייה ואחוזי הנכות",
            "ar": "تعترف السلطة لحقوق الناجين من المحرقة بسبب الملاحقة (معسكر، غيتو، اختباء وغيرها) وتحدّد بموجب أي قانون وبأي نسبة – حسب موعد الهجرة ونسبة العجز",
            "ru": "Управление по правам переживших Холокост признаёт преследование (лагерь, гетто, укрытие и т. д.) и решает, по какому закону и в каком размере – по дате репатриации и проценту инвалидности",
            "en": "the Holocaust Survivors' Rights Authority recognises the persecution (a camp, a ghetto, hiding and so on) and decides under which law and at what rate – by the date of immigration and the disability degree",
        },
        (PERSECUTION_LAW, CAMPS_AND_GHETTOS),
        asks=("agency.holocaust_authority_recognition",),
    ),
]
