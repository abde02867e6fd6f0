"""Israeli ID numbers (מספר זהות): nine digits with a Luhn-style check digit (python-stdnum)."""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.il import idnr

_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, its two digits summed
_ZERO = ord("0")


def normalize_id_number(raw: str) -> str | None:
    """'3933742-3' → '039337423'; None when the check digit (or anything else) is wrong."""
    if len(raw) == 9 and raw.isascii() and raw.isdigit():
        # The common case of a million-row import, without stdnum's general cleaning (≈ 10× faster).
        codes = raw.encode()
        total = sum(c - _ZERO for c in codes[::2]) + sum(_DOUBLED[c - _ZERO] for c in codes[1::2])
        return raw if total % 10 == 0 and raw != "000000000" else None
    try:
        value: str = idnr.validate(raw)
    except ValidationError:
        return None
    if value == "000000000":
        return None
    return value
