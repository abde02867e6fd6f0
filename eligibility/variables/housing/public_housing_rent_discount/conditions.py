from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.housing.public_housing_rent_discount.refs import GRADED_RENT

P = "public_housing_rent_discount"
CONDITIONS = [
    Condition(
        P,
        "public_housing_tenant",
        lambda f: f.var("tenure") == "public_housing",
        {
            "he": "גרים בשכירות בדירה של הדיור הציבורי (עמידר, עמיגור, חלמיש ועוד)",
            "ar": "تسكنون بالإيجار في شقة من الإسكان الشعبي (عميدار، عميغور، حلميش وغيرها)",
            "ru": "вы снимаете квартиру в государственном жилье («Амидар», «Амигур», «Халамиш» и др.)",
            "en": "you rent a public-housing flat (Amidar, Amigour, Halamish and others)",
        },
        (GRADED_RENT,),
        asks=("housing.tenure",),
    ),
    Condition(
        P,
        "graded_rent",
        # The Ministry grades each tenant's rent by family, income, location and flat size, from tables we do not
        # hold: "maybe" at most, naming the housing company's grading.
        lambda f: pl.when(f.var("hh_receives__public_housing_rent_discount")).then(pl.lit(True)),
        {
            "he": "משרד הבינוי והשיכון קובע, דרך החברה המאכלסת, את שכר הדירה המדורג לפי הרכב המשפחה, ההכנסות, מיקום הדירה וגודלה",
            "ar": "تحدّد وزارة البناء والإسكان، عبر شركة الإسكان، الأجرة المدرّجة حسب تركيبة العائلة والمداخيل وموقع الشقة ومساحتها",
            "ru": "Министерство строительства и жилья через управляющую компанию устанавливает ступенчатую плату по составу семьи, доходам, месту и размеру квартиры",
            "en": "the Ministry of Housing, through the housing company, sets the graded rent by family, income, the flat's location and size",
        },
        (GRADED_RENT,),
        asks=("agency.public_housing_rent_grading",),
    ),
]
