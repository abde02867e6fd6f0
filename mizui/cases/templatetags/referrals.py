"""`{% referrals_panel as panel %}`: the referrals card of the case page, built in Python (views/referrals.py)."""

from __future__ import annotations

from typing import Any

from django import template

from mizui.cases.views.referrals import referrals_panel as build_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def referrals_panel(context: template.Context) -> dict[str, Any] | None:
    return build_panel(context["request"], context["case"])
