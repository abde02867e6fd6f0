from __future__ import annotations

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def widget(field: BoundField) -> SafeString:
    """Render a widget tied to its help text and error message, so screen readers announce both."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice(field: BoundField) -> bool:
    """Radio buttons and checkbox lists are a group: a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def shekels(amount: object) -> str:
    """₪2,100: whole shekels with thousands separators, as agencies' letters print them."""
    from mizui.lib.money import format_shekels

    return format_shekels(amount)
