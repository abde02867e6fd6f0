"""`{% documents_panel as panel %}`: the documents card of the case page, built in Python, not in the template.

The case view could pass `documents_panel(request, case)` itself; the tag keeps the card self-contained.
"""

from __future__ import annotations

from typing import Any

from django import template

from mizui.cases.views.documents import documents_panel as build_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def documents_panel(context: template.Context) -> dict[str, Any]:
    return build_panel(context["request"], context["case"])
