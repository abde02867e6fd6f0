from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("חיפוש"), required=False, max_length=100)
    program = forms.ChoiceField(label=_("זכות"), required=False)
    term = forms.ChoiceField(label=_("סיווג"), required=False)

    def __init__(
        self, data: Any, *, programs: list[tuple[str, str]], terms: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("הכול"))]
        cast(forms.ChoiceField, self.fields["program"]).choices = [*everything, *programs]
        cast(forms.ChoiceField, self.fields["term"]).choices = [*everything, *terms]
