from __future__ import annotations

from django import template

from mizui.outcomes.charts import number

register = template.Library()


@register.filter
def figure(value: object, unit: str = "count") -> str:
    """A figure written the Hebrew way: 1,234 · ₪1,234 · 45.3% · "—" when there is none."""
    return number(value, unit)


@register.filter
def zip_units(values: list[object], units: list[str]) -> list[tuple[object, str]]:
    return list(zip(values, units, strict=True))


@register.filter
def get(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, key)
