from __future__ import annotations

import polars as pl

from eligibility.model import Condition
from eligibility.variables.nii.disabled_child_benefit.references import DISABLED_CHILD

P = "disabled_child_benefit"
CONDITIONS = [
    Condition(
        P,
        "child_with_disability",
        # Whoever already receives the benefit has such a child (National Insurance found it so).
        lambda f: f.var("any_disabled_child") | f.var("hh_receives__disabled_child_benefit"),
        {
            "he": "במשפחה ילד/ה מתחת לגיל {threshold} עם נכות, עיוורון, מחלה כרונית או ליקוי אחר",
            "ar": "في العائلة ولد دون سن {threshold} لديه إعاقة أو عمى أو مرض مزمن أو خلل آخر",
            "ru": "в семье есть ребёнок младше {threshold} лет с инвалидностью, слепотой, хроническим заболеванием или другим нарушением",
            "en": "a child under {threshold} in the family has a disability, blindness, a chronic illness or another impairment",
        },
        (DISABLED_CHILD,),
        asks=("disability.medical_percent", "disability.blind", "person.chronic_illness", "person.birth_date"),
        threshold=lambda f: f.p("general.age_of_majority"),
        fmt="count",
    ),
    Condition(
        P,
        "nii_committee",
        # Only National Insurance's medical committee (and, from age 3, its dependency test) finds whether the child
        # needs supervision, help with daily activities or special medical care, and at which rate: "maybe" at most.
        lambda f: pl.when(f.var("hh_receives__disabled_child_benefit")).then(pl.lit(True)),
        {
            "he": "הוועדה הרפואית של הביטוח הלאומי קובעת אם הילד/ה זקוק/ה להשגחה, לעזרה רבה בפעולות היומיום או לטיפול רפואי מיוחד, ובאיזה שיעור",
            "ar": "اللجنة الطبية في التأمين الوطني تقرّر إذا كان الولد بحاجة إلى مراقبة أو إلى مساعدة كبيرة في أعمال الحياة اليومية أو إلى علاج طبي خاص، وبأي نسبة",
            "ru": "медкомиссия Битуах леуми решает, нужен ли ребёнку присмотр, большая помощь в повседневных делах или особое лечение, и в каком размере",
            "en": "National Insurance's medical committee decides whether the child needs supervision, a lot of help with daily activities or special medical care, and at which rate",
        },
        (DISABLED_CHILD,),
        asks=("agency.disabled_child_committee",),
    ),
]
