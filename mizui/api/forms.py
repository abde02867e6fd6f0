from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mizui.api.models import Scope


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("שם המפתח"),
        max_length=100,
        help_text=_("למי או לאיזו מערכת המפתח, למשל ״מוקד 106״ או ״אתר העירייה״."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("הרשאות"),
        choices=Scope.choices,
        initial=[Scope.SCREENINGS, Scope.RIGHTS],
        widget=forms.CheckboxSelectMultiple,
    )
