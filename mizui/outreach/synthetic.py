"""Synthetic municipal records (CSV) for the demo, the tests and the benchmarks: nobody real, valid ID numbers."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator

COLUMNS = [
    "id_number",
    "full_name",
    "phone",
    "address",
    "neighbourhood",
    "language",
    "household_id",
    "role",
    "birth_date",
    "sex",
    "marital_status",
    "employment",
    "income_work",
    "income_nii_benefits",
    "receives",
    "tenure",
    "rent_monthly",
    "arnona_area_sqm",
    "car_value",
    "financial_assets",
]
FIRST = ["נועה", "יוסי", "מרים", "אחמד", "סבטלנה", "דוד", "רנא", "אולגה", "משה", "פאטמה", "אבי", "טליה"]
LAST = ["כהן", "לוי", "חורי", "מזרחי", "פרץ", "ביטון", "אבו-עמאר", "קפלן", "דהן", "אזולאי"]
STREETS = ["הרצל", "הנשיא", "רוטשילד", "העצמאות", "ז׳בוטינסקי", "הגפן"]
NEIGHBOURHOODS = ["רובע א", "רובע ב", "רובע ג", "רובע ז", "סיטי"]
LANGUAGES = ["he", "he", "he", "ar", "ru", "am"]


def check_digit(eight: str) -> str:
    """The Israeli ID check digit (Luhn over nine digits)."""
    total = 0
    for i, ch in enumerate(eight):
        d = int(ch) * (1 + i % 2)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def id_number(n: int, prefix: int = 7) -> str:
    eight = f"{prefix}{n:07d}"
    return eight + check_digit(eight)


def bad_id(n: int, prefix: int = 7) -> str:
    good = id_number(n, prefix)
    return good[:8] + str((int(good[8]) + 1) % 10)


def rows(households: int, *, seed: int = 7, prefix: int = 7) -> Iterator[list[str]]:
    """Persons of `households` households (1–4 each): an applicant, a partner in half, children."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    person = 0
    for h in range(households):
        size = rng.choice((1, 1, 2, 3, 4))
        partner = size > 1 and rng.random() < 0.5
        tenure = rng.choice(("renter", "owner", "public_housing"))
        rent = str(rng.randrange(1800, 5200, 100)) if tenure == "renter" else ""
        neighbourhood = rng.choice(NEIGHBOURHOODS)
        language = rng.choice(LANGUAGES)
        last = rng.choice(LAST)
        address = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
        household = [str(rng.randint(40, 140)), rng.choice(("0", "0", "30000")), rng.choice(("0", "5000", "60000"))]
        for k in range(size):
            role = "applicant" if k == 0 else ("partner" if k == 1 and partner else "child")
            if role == "child":
                born = f"{rng.randint(2009, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                work, nii, employment, marital = "0", "0", "", ""
            else:
                born = f"{rng.randint(1935, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                working = rng.random() < 0.55
                work = str(rng.randrange(1500, 16000, 50)) if working else "0"
                nii = str(rng.choice((0, 0, 0, 1800, 2600)))
                employment = "employed" if working else rng.choice(("not_working", "unemployed", "retired"))
                marital = "married" if partner else rng.choice(("single", "divorced", "widowed"))
            person += 1
            yield [
                id_number(person, prefix),
                f"{rng.choice(FIRST)} {last}",
                f"05{rng.choice('023458')}{rng.randint(0, 9999999):07d}",
                address,
                neighbourhood,
                language,
                f"H{h}",
                role,
                born,
                rng.choice(("female", "male")),
                marital,
                employment,
                work,
                nii,
                "child_allowance" if role == "applicant" and size > 2 and rng.random() < 0.8 else "",
                tenure,
                rent,
                *household,
            ]


def csv_bytes(data: list[list[str]], header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header or COLUMNS)
    writer.writerows(data)
    return out.getvalue().encode()
