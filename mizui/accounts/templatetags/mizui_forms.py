from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from mizui.lib.forms import DatePartsWidget

register = template.Library()


@register.simple_tag
def widget(field: BoundField, *, describe: bool = True) -> SafeString:
    """Render a widget tied to its help text and error message, so screen readers announce both (``describe``
    off where the group around the widget, a date's fieldset, carries them)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described and describe:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def anchor(field: BoundField) -> str:
    """The id an error summary links to: the field's input, or the first box of a group (radios, a date)."""
    widget = field.field.widget
    if isinstance(widget, DatePartsWidget):
        return f"{field.auto_id}_day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)


@register.filter
def is_date_parts(field: BoundField) -> bool:
    return isinstance(field.field.widget, DatePartsWidget)


@register.filter
def reveal_when(field: BoundField) -> tuple[str, str] | None:
    """A field shown only after an answer to another ("the partner's birth date" once "yes, a partner"):
    (that field's name, the value), declared on the form field as ``reveal_when``."""
    return getattr(field.field, "reveal_when", None)


@register.filter
def is_choice(field: BoundField) -> bool:
    """Radio buttons and checkbox lists are a group: a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def hebrew(text: object) -> str:
    """A stored text that may be in Hebrew only (a directory's branch, address, hours, a legal reference) inside a
    page in another language: marked lang="he" and isolated, so it is read as Hebrew and bidi never reorders the
    sentence around it. A text that knows its language (mizui.lib.texts.Localized) is marked only when that is
    not the page's."""
    page = get_language() or "he"
    lang = getattr(text, "lang", "he")
    if not text or lang == page:
        return conditional_escape(str(text or ""))
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', lang, "rtl" if lang in ("he", "ar") else "ltr", text)


@register.simple_tag
def language_names() -> list[tuple[str, str]]:
    """Each language named in itself (English is "English" on a Hebrew page, not "אנגלית")."""
    from django.conf import settings

    return list(settings.LANGUAGES)


@register.filter
def language_name(code: str) -> str:
    """A language code (``ru``) as its name in that language (Русский), the way residents recognise it: marked
    as that language, so a screen reader reads it in its own voice and bidi keeps it whole."""
    from django.conf import settings

    name = dict(settings.LANGUAGES).get(code)
    if name is None:
        return conditional_escape(code)
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', code, "rtl" if code in settings.LANGUAGES_BIDI else "ltr", name
    )


@register.filter
def named(row: Any) -> str:
    """A directory row's name (an organization, a service) in the page's language, or its Hebrew name marked as
    such where no translation is stored."""
    if row is None or row == "":
        return ""
    return hebrew(row.name(get_language() or "he"))


@register.filter
def place_name(authority: Any) -> str:
    """An authority's name in the page's language, marked as Hebrew where no translation is stored."""
    if authority is None or authority == "":
        return ""
    text, lang = authority.name(get_language() or "he")
    return hebrew(text) if lang == "he" else conditional_escape(text)


@register.filter
def shekels(amount: object) -> str:
    """₪2,100: whole shekels with thousands separators, as agencies' letters print them."""
    from mizui.lib.money import format_shekels

    return format_shekels(amount)


@register.filter
def shekels_bdi(amount: object) -> SafeString:
    """``shekels`` isolated from the sentence around it (``<bdi>``), so that in a right-to-left sentence the
    bidirectional algorithm never reorders the sign, the digits or a range's two ends."""
    return format_html("<bdi>{}</bdi>", shekels(amount))


@register.filter
def label_text(field: BoundField) -> SafeString | str:
    """A field's label, marked with its own language where a form asks in another one than the page's (a call's
    questions in the resident's language on a Hebrew page): ``label_lang`` on the form field."""
    lang = getattr(field.field, "label_lang", None)
    if not lang or lang == get_language():
        return str(field.label)
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', lang, "ltr" if lang in ("ru", "en") else "rtl", field.label
    )
