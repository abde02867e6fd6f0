from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import eligibility
from mizui.accounts.models import Authority, Membership, Role
from mizui.cases.models import InquiryChannel
from mizui.outcomes.refresh import NO_CHANNEL
from mizui.outcomes.summary import Filters, add_months

MAX_MONTHS = 36


def _month(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "dir": "ltr"}, format="%Y-%m"),
    )


def this_month() -> dt.date:
    return timezone.localdate().replace(day=1)


class FilterForm(forms.Form):
    start = _month(gettext_lazy("מחודש"))
    end = _month(gettext_lazy("עד חודש"))
    program = forms.ChoiceField(label=gettext_lazy("זכות"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("גורם"), required=False)
    channel = forms.ChoiceField(label=gettext_lazy("ערוץ"), required=False)
    staff = forms.TypedChoiceField(label=gettext_lazy("איש/אשת צוות"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, authority: Authority, lang: str = "he", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programs = eligibility.programs(lang)
        self._choices("program", [(p["id"], p["label"]) for p in programs], _("כל הזכויות"))
        agencies = {p["agency"]: p["agency_name"] for p in programs}
        self._choices("agency", list(agencies.items()), _("כל הגורמים"))
        self._choices("channel", [*InquiryChannel.choices, (NO_CHANNEL, _("ללא פנייה"))], _("כל הערוצים"))
        members = (
            Membership.objects.for_authority(authority)
            .active()
            .filter(role__in=[Role.MANAGER, Role.LAWYER, Role.COORDINATOR])
            .select_related("user")
            .order_by("user__full_name")
        )
        self._choices("staff", [(m.user_id, m.user.full_name) for m in members], _("כל הצוות"))
        default = self.default()
        self.fields["start"].initial, self.fields["end"].initial = default.start, default.end

    @staticmethod
    def default() -> Filters:
        """The last twelve months, this one included."""
        end = this_month()
        return Filters(add_months(end, -11), end)

    def _choices(self, name: str, choices: list[tuple[Any, Any]], everything: str) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", everything), *choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("חודש הסיום מוקדם מחודש ההתחלה."))
        elif start and end and add_months(start, MAX_MONTHS - 1) < end:
            self.add_error("end", _("אפשר להציג עד 36 חודשים בבת אחת."))
        return data

    def filters(self) -> Filters:
        default = self.default()
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        last = (data["end"] or default.end).replace(day=1)
        first = (data["start"] or add_months(last, -11)).replace(day=1)
        return Filters(first, last, data["program"], data["agency"], data["channel"], data["staff"])


class MonthForm(forms.Form):
    month = _month(gettext_lazy("חודש"))

    def month_or_last(self) -> dt.date:
        month: dt.date | None = self.cleaned_data.get("month") if self.is_valid() else None
        if month:
            return month.replace(day=1)
        return add_months(this_month(), -1)
