"""`{% resident_link_panel as panel %}`: the resident's-link card of the case page (views/resident_links.py)."""

from __future__ import annotations

from typing import Any

from django import template

from mizui.cases.views.resident_links import resident_link_panel as build_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def resident_link_panel(context: template.Context) -> dict[str, Any] | None:
    return build_panel(context["request"], context["case"])
