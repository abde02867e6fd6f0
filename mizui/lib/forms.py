"""Small helpers for forms, shared by every app's views."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils import translation
from django.utils.functional import lazy

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
