"""Small helpers for forms, shared by every app's views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from eligibility.i18n import pick


def error_text(form: forms.Form, separator: str = " ") -> str:
    """Every message of an invalid form in one line, for a flash message after a redirect."""
    return separator.join(str(message) for errors in form.errors.values() for message in errors)


def in_language(texts: Mapping[str, str]) -> str:
    """A text declared in he/ar/ru/en (eligibility's declarations), read in the language active when it is shown."""
    return _in_language(texts)


def _pick_active(texts: Mapping[str, str]) -> str:
    return str(pick(texts, translation.get_language() or "he"))


_in_language = lazy(_pick_active, str)


class DatePartsWidget(forms.MultiWidget):
    """A date a person knows by heart (a birth date, the day they immigrated) as three boxes: day, month, year.

    A native date picker makes a 72-year-old scroll back through decades; three boxes take what they type.
    A script may still post the whole date under the field's own name (``birth_date=1985-03-01``)."""

    parts = ("day", "month", "year")

    def __init__(self) -> None:
        box = {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs={**box, "size": "2", "maxlength": "2", "class": "date-parts__day"}),
                "month": forms.TextInput(attrs={**box, "size": "2", "maxlength": "2", "class": "date-parts__month"}),
                "year": forms.TextInput(attrs={**box, "size": "4", "maxlength": "4", "class": "date-parts__year"}),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        parts = [str(data.get(f"{name}_{part}") or "").strip() for part in self.parts]
        if not any(parts) and data.get(name):
            try:
                whole = dt.date.fromisoformat(str(data[name]).strip())
            except ValueError:
                return ["?", "?", "?"]  # not a date: the field says to write it in numbers
            return [str(whole.day), str(whole.month), str(whole.year)]
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}_{part}" in data for part in self.parts)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        """Each box with its own label ("Day", "Month", "Year"); the field's label is the fieldset's legend."""
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        shared = self.build_attrs(self.attrs, attrs)
        labels = (pgettext_lazy("date box", "יום"), pgettext_lazy("date box", "חודש"), pgettext_lazy("date box", "שנה"))
        boxes = []
        for part, box, label, part_value in zip(self.parts, self.widgets, labels, values, strict=True):
            box_attrs = {**shared, "id": f"{shared['id']}_{part}"} if shared.get("id") else dict(shared)
            boxes.append(
                format_html(
                    '<div class="date-parts__item"><label class="date-parts__label" for="{}">{}</label>{}</div>',
                    box_attrs.get("id", ""),
                    label,
                    box.render(f"{name}_{part}", part_value, box_attrs, renderer),
                )
            )
        return format_html('<div class="date-parts">{}</div>', mark_safe("".join(boxes)))  # noqa: S308 (escaped above)


class DatePartsField(forms.Field):
    """A date asked as day, month and year, with a message that says which part is wrong, in the user's language
    (as GOV.UK's date input does): "include a month", "must be a real date", "the year has four digits"."""

    widget = DatePartsWidget

    def _message(self, text: Any) -> str:
        return f"{self.label}: {text}"

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        day, month, year = (list(value) + ["", "", ""])[:3] if isinstance(value, list | tuple) else ("", "", "")
        if not (day or month or year):
            return None
        names = (
            pgettext_lazy("date part", "היום"),
            pgettext_lazy("date part", "החודש"),
            pgettext_lazy("date part", "השנה"),
        )
        missing = [name for name, part in zip(names, (day, month, year), strict=True) if not part]
        if missing:
            raise forms.ValidationError(self._message(_("חסר: %(parts)s.") % {"parts": ", ".join(map(str, missing))}))
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(self._message(_("נא לכתוב במספרים, למשל 27 3 1957.")))
        if len(year) != 4:
            raise forms.ValidationError(self._message(_("השנה צריכה להיות בת 4 ספרות, למשל 1957.")))
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self._message(_("אין תאריך כזה. נא לבדוק את היום ואת החודש."))) from None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self._message(_("נא למלא את התאריך.")), code="required")


class _LanguageOptions:
    """Each option a language named in itself (Русский on a Hebrew page) and marked as that language, so a screen
    reader reads it in its own voice (the choice's template puts ``lang``/``dir`` on its label)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, *args, **kwargs)  # type: ignore[misc]
        if value:
            from django.conf import settings

            option["attrs"] = {
                **option["attrs"],
                "lang": value,
                "dir": "rtl" if value in settings.LANGUAGES_BIDI else "ltr",
            }
        return option


class LanguageRadioSelect(_LanguageOptions, forms.RadioSelect):
    pass


class LanguageSelect(_LanguageOptions, forms.Select):
    pass
