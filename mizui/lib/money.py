"""Money as residents read it: whole shekels, grouped by thousands."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def format_shekels(amount: object) -> str:
    try:
        value = Decimal(str(amount or 0))
    except InvalidOperation:
        return ""
    return f"₪{value:,.0f}"
