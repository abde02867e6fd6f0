from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.holocaust.refs import ANNUAL_GRANT, PERSECUTION_LAW

P = "holocaust_annual_grant"
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
        "no_monthly_allowance",
        # The grant is for a survivor who gets no monthly allowance for the persecution (from the Authority, the
        # Article 2 Fund, or a rent of more than 1,000 ₪ from abroad): one already paid the monthly allowance is not.
        lambda f: f.var("hh_receives__holocaust_monthly_allowance").not_(),
        {
            "he": "לא מקבלים תגמול חודשי מהרשות לזכויות ניצולי השואה (וגם לא רנטה מקרן סעיף 2, או רנטה בשל רדיפות הנאצים של יותר מ-1,000 ₪)",
            "ar": "لا تتلقون مخصصًا شهريًا من السلطة لحقوق الناجين من المحرقة (ولا رنتة من صندوق البند 2، أو رنتة بسبب الملاحقة النازية تزيد عن 1,000 ₪)",
            "ru": "вы не получаете ежемесячную выплату Управления по правам переживших Холокост (а также ренту Фонда статьи 2 или ренту за нацистские преследования больше 1 000 ₪)",
            "en": "you get no monthly allowance from the Holocaust Survivors' Rights Authority (nor an Article 2 Fund rent, nor a persecution rent over ₪1,000)",
        },
        (ANNUAL_GRANT,),
        asks=("person.receives",),
    ),
    Condition(
        P,
        "authority_recognition",
        # The Authority recognises the persecution and pays the grant once a year: "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__holocaust_annual_grant")).then(pl.lit(True)),
        {
            "he": "הרשות לזכויות ניצולי השואה מכירה בעילת הנרדפות (מי שהיה זכאי לתגמול לפי חוק נכי רדיפות הנאצים לו עלה לישראל עד 1.10.1953)",
            "ar": "تعترف السلطة لحقوق الناجين من المحرقة بسبب الملاحقة (من كان سيستحق مخصصًا بموجب قانون معاقي الملاحقة النازية لو هاجر إلى إسرائيل حتى 1.10.1953)",
            "ru": "Управление по правам переживших Холокост признаёт преследование (кто получил бы выплату по закону об инвалидах нацистских преследований, если бы репатриировался до 1.10.1953)",
            "en": "the Holocaust Survivors' Rights Authority recognises the persecution (someone who would be owed an allowance under the Nazi Persecution Disabled Law had they immigrated by 1 October 1953)",
        },
        (ANNUAL_GRANT, PERSECUTION_LAW),
        asks=("agency.holocaust_authority_recognition",),
    ),
]
