"""`{% barriers_panel as panel %}`: the barriers card of the case page, built in Python (views/barriers.py)."""

from __future__ import annotations

from typing import Any

from django import template

from mizui.cases.views.barriers import barriers_panel as build_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def barriers_panel(context: template.Context) -> dict[str, Any] | None:
    return build_panel(context["request"], context["case"])
