from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.transport.public_transport_disability.references import DISABILITY_CARD

D = "transport.public_transport.disability."
CONDITIONS = [
    Condition(
        "public_transport_disability",
        "nii_disability_card",
        # National Insurance issues the card to a general disability pensioner with 75% incapacity or more, or one who
        # also receives income support (from its records: income support received, not only owed); an incapacity set
        # for a short time may not count (said in the note). A pension is received when the list of benefits names it
        # or when the disability answers say so (the same fact, given either way).
        lambda f: (
            (receives_or_entitled(f, "general_disability") | f.var("couple_general_disability"))
            & (
                f.someone_at_least("incapacity_percent", f.p(D + "min_incapacity_percent"))
                | f.var("hh_receives__income_support")
            )
        ),
        {
            "he": "מקבלים קצבת נכות כללית (או זכאים לה) עם דרגת אי-כושר השתכרות של {threshold}% לפחות, או קצבת נכות כללית עם הבטחת הכנסה – ואז הביטוח הלאומי שולח תעודת נכה",
            "ar": "تتلقون مخصصات العجز العام (أو تستحقونها) بدرجة عدم قدرة على الكسب {threshold}% على الأقل، أو مخصصات العجز العام مع ضمان الدخل – فيرسل التأمين الوطني بطاقة إعاقة",
            "ru": "вы получаете пособие по общей инвалидности (или имеете на него право) при потере трудоспособности не менее {threshold}%, или пособие по инвалидности вместе с пособием по обеспечению дохода – тогда Битуах леуми присылает удостоверение инвалида",
            "en": "you receive (or are owed) a general disability pension with earning incapacity of at least {threshold}%, or a general disability pension with income support – then National Insurance sends a disability card",
        },
        (DISABILITY_CARD,),
        asks=(
            "disability.incapacity_percent",
            "disability.receives_general_disability",
            "person.receives",
            "agency.medical_committee",  # the pension owed, not yet paid: its committee decides
        ),
        value="max_incapacity_percent",
        threshold=lambda f: f.p(D + "min_incapacity_percent"),
        fmt="count",
    ),
]
