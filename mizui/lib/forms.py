"""Small helpers for forms, shared by every app's views."""

from __future__ import annotations

from django import forms


def error_text(form: forms.Form, separator: str = " ") -> str:
    """Every message of an invalid form in one line, for a flash message after a redirect."""
    return separator.join(str(message) for errors in form.errors.values() for message in errors)
