"""Israeli ID numbers (מספר זהות): nine digits with a Luhn-style check digit (python-stdnum)."""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.il import idnr


def normalize_id_number(raw: str) -> str | None:
    """'3933742-3' → '039337423'; None when the check digit (or anything else) is wrong."""
    try:
        value: str = idnr.validate(raw)
    except ValidationError:
        return None
    if value == "000000000":
        return None
    return value
