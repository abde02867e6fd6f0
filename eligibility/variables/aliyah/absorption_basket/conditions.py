from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.aliyah.absorption_basket.references import BASKET

E = "aliyah.absorption_basket.eligibility."
CONDITIONS = [
    Condition(
        "absorption_basket",
        "first_year",
        lambda f: (
            f.var("applicant_is_immigrant") & (f.var("applicant_full_months_since_aliyah") < f.lit(E + "claim_months"))
        ),
        {
            "he": "עלית לישראל לפני פחות מ{threshold} (את הסל מקבלים בתוך שנה מיום קבלת מעמד עולה)",
            "ar": "هاجرت إلى إسرائيل قبل أقل من {threshold} (تُستلم السلة خلال سنة من يوم الحصول على مكانة مهاجر)",
            "ru": "вы репатриировались меньше чем {threshold} назад (корзину получают в течение года со дня получения статуса)",
            "en": "you immigrated less than {threshold} ago (the basket is paid within a year of receiving immigrant status)",
        },
        (BASKET,),
        asks=("person.immigration_date",),
        value="applicant_full_months_since_aliyah",
        threshold=lambda f: f.p(E + "claim_months"),
        fmt="months",
    ),
    Condition(
        "absorption_basket",
        "prior_stay",
        lambda f: f.var("applicant_months_in_israel_before_aliyah") <= f.lit(E + "max_prior_stay_months"),
        {
            "he": "לפני העלייה לא גרת בישראל יותר מ-{threshold} (או שנכנסת לראשונה באשרת עולה)",
            "ar": "قبل الهجرة لم تسكن في إسرائيل أكثر من {threshold} (أو دخلت لأول مرة بتأشيرة مهاجر)",
            "ru": "до репатриации вы жили в Израиле не больше {threshold} (или въехали впервые по визе репатрианта)",
            "en": "before immigrating you had not lived in Israel for more than {threshold} (or first entered on an immigrant visa)",
        },
        (BASKET,),
        asks=("person.resident_since",),
        value="applicant_months_in_israel_before_aliyah",
        threshold=lambda f: f.p(E + "max_prior_stay_months"),
        fmt="months",
    ),
]
