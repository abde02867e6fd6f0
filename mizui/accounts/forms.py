from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("דוא״ל"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True, "dir": "ltr"}),
    )
    password = forms.CharField(
        label=_("סיסמה"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "dir": "ltr"}),
    )
    error_messages = {
        "invalid_login": _("הדוא״ל או הסיסמה שגויים. שימו לב לאותיות גדולות וקטנות בסיסמה."),
        "inactive": _("החשבון הזה הושבת. פנו למנהל/ת המרכז."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("קוד אימות"),
        max_length=32,
        help_text=_("6 הספרות שמציגה אפליקציית האימות, או אחד מקודי השחזור."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class PasskeyForm(forms.Form):
    """What static/js/passkeys.js fills in: the browser's answer, as JSON."""

    credential = forms.CharField(widget=forms.HiddenInput, max_length=20_000)


class NewPasskeyForm(PasskeyForm):
    name = forms.CharField(
        label=_("שם למפתח (כדי לזהות אותו אחר כך)"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("למשל: הטלפון שלי")}),
    )


class SwitchAuthorityForm(forms.Form):
    authority = forms.SlugField()
