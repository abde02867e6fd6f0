"""Israeli phone numbers: accept what people type, store one canonical form."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"^05\d{8}$")
_LANDLINE = re.compile(r"^0(?:[23489]|7\d)\d{7}$")


def normalize_il_phone(raw: str) -> str | None:
    """'052-123 4567', '+972 52 1234567' → '0521234567'; None when it is not an Israeli number."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("+972"):
        digits = "0" + digits[4:]
    elif digits.startswith("00972"):
        digits = "0" + digits[5:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    return None
