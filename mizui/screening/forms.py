"""One form per screener step. Plain language; every field optional unless the step cannot work without it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

import eligibility

YES_NO = [("yes", _("כן")), ("no", _("לא"))]
MONEY_MAX = Decimal(1_000_000)


def _to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no(label: Any, *, required: bool = False, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=_to_bool,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def money(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=MONEY_MAX,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "dir": "ltr", "step": "1"}),
        error_messages={
            "min_value": _("הסכום לא יכול להיות שלילי."),
            "invalid": _("נא לכתוב סכום במספרים, למשל 4200."),
        },
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(attrs={"dir": "ltr"}, format="%Y-%m-%d")


def date_of_birth(label: Any, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "required": _("נא למלא תאריך לידה."),
            "invalid": _("התאריך לא תקין. אפשר לבחור אותו מלוח השנה."),
        },
    )


def _check_birth(value: dt.date | None) -> None:
    if value is None:
        return
    if value > dt.date.today():  # noqa: DTZ011 (a calendar date typed by the resident, compared as such)
        raise forms.ValidationError(_("תאריך הלידה לא יכול להיות בעתיד."))
    if value.year < 1900:
        raise forms.ValidationError(_("נא לבדוק את שנת הלידה."))


class StepForm(forms.Form):
    """A step turns its cleaned data into answers (JSON-safe) and back into initial values."""

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        self.answers = answers
        kwargs["initial"] = self.initial_from(answers)
        super().__init__(*args, **kwargs)

    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name, field in self.base_fields.items():
            value = answers.get(name)
            if isinstance(field, forms.TypedChoiceField) and isinstance(value, bool):
                value = "yes" if value else "no"
            initial[name] = value
        return initial

    def to_answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        # Whole shekels stay whole ("4200", not "4200.0") when the form is shown again.
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            out[name] = value
        return out


class StartForm(forms.Form):
    language = forms.ChoiceField(label=_("שפה"), choices=[], widget=forms.RadioSelect)
    authority = forms.ChoiceField(
        label=_("באיזו עיר אתם גרים?"), choices=[], help_text=_("כך נדע לאיזה מרכז לחבר אתכם, אם תרצו עזרה.")
    )

    def __init__(self, *args: Any, languages: list[tuple[str, str]], authorities: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = languages
        cast(forms.ChoiceField, self.fields["authority"]).choices = [*authorities, ("", _("עיר אחרת"))]
        self.fields["authority"].required = False


class HouseholdForm(StepForm):
    birth_date = date_of_birth(_("תאריך הלידה שלך"), required=True)
    sex = forms.ChoiceField(
        label=_("מין"),
        choices=[("female", _("אישה")), ("male", _("גבר"))],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("משפיע על גיל הפרישה. אפשר לדלג."),
    )
    marital_status = forms.ChoiceField(
        label=_("מצב משפחתי"),
        required=False,
        choices=[
            ("", _("בחירה")),
            ("single", _("רווק/ה")),
            ("married", _("נשוי/אה")),
            ("common_law", _("ידוע/ה בציבור")),
            ("divorced", _("גרוש/ה")),
            ("separated", _("פרוד/ה")),
            ("widowed", _("אלמן/ה")),
        ],
    )
    has_partner = yes_no(_("האם בן או בת הזוג גרים איתך?"), required=True)
    partner_birth_date = date_of_birth(_("תאריך הלידה של בן/בת הזוג"), required=False)
    children_count = forms.IntegerField(
        label=_("כמה ילדים מתחת לגיל 18 גרים איתך?"),
        min_value=0,
        max_value=15,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )

    def clean_birth_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["birth_date"]
        _check_birth(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            _check_birth(data.get("partner_birth_date"))
        except forms.ValidationError as error:
            self.add_error("partner_birth_date", error)
        if data.get("has_partner") and not data.get("partner_birth_date"):
            self.add_error("partner_birth_date", _("נא למלא את תאריך הלידה של בן/בת הזוג."))
        return data

    def to_answers(self) -> dict[str, Any]:
        out = super().to_answers()
        if not out.get("has_partner"):
            out["partner_birth_date"] = None
        born = list(self.answers.get("children_birth_dates") or [])
        out["children_birth_dates"] = born[: out["children_count"]]
        return out


class ChildrenForm(StepForm):
    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        count = int(answers.get("children_count") or 0)
        super().__init__(*args, answers=answers, **kwargs)
        born = list(answers.get("children_birth_dates") or [])
        for i in range(count):
            name = f"child_{i + 1}"
            self.fields[name] = date_of_birth(_("תאריך הלידה של ילד/ה %(n)s") % {"n": i + 1}, required=True)
            self.fields[name].initial = born[i] if i < len(born) else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            try:
                _check_birth(value)
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data

    def to_answers(self) -> dict[str, Any]:
        dates = [self.cleaned_data[f"child_{i + 1}"].isoformat() for i in range(len(self.fields))]
        return {"children_birth_dates": dates}


EMPLOYMENT = [
    ("employed", _("עובד/ת כשכיר/ה")),
    ("self_employed", _("עצמאי/ת")),
    ("unemployed", _("מחפש/ת עבודה")),
    ("not_working", _("לא עובד/ת")),
    ("retired", _("בפנסיה")),
]


class WorkForm(StepForm):
    employment = forms.ChoiceField(
        label=_("מה המצב שלך בעבודה?"), choices=EMPLOYMENT, widget=forms.RadioSelect, required=False
    )
    months_worked_last_18 = forms.IntegerField(
        label=_("כמה חודשים עבדת ב־18 החודשים האחרונים?"),
        min_value=0,
        max_value=18,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    employment_service_registered = yes_no(_("האם נרשמת בשירות התעסוקה?"))
    partner_employment = forms.ChoiceField(
        label=_("ומה המצב של בן/בת הזוג בעבודה?"), choices=EMPLOYMENT, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        if not answers.get("has_partner"):
            del self.fields["partner_employment"]


class HealthForm(StepForm):
    has_disability = yes_no(_("האם יש לך נכות, מחלה כרונית או מגבלה?"), required=True)
    medical_percent = forms.IntegerField(
        label=_("אחוזי נכות רפואית שנקבעו לך (אם ידוע)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    incapacity_percent = forms.IntegerField(
        label=_("דרגת אי־כושר השתכרות שנקבעה לך (אם ידוע)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    blind = forms.BooleanField(label=_("יש לי תעודת עיוור"), required=False)
    receives_general_disability = forms.BooleanField(label=_("אני מקבל/ת קצבת נכות כללית"), required=False)


class BackgroundForm(StepForm):
    new_immigrant = yes_no(_("האם עלית לישראל ב־20 השנים האחרונות?"))
    immigration_date = forms.DateField(label=_("תאריך העלייה"), required=False, widget=DateInput())
    soldier = yes_no(_("האם את/ה בשירות צבאי או לאומי סדיר?"))
    holocaust_survivor = yes_no(_("האם את/ה ניצול/ת שואה?"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_immigrant") and not data.get("immigration_date"):
            self.add_error("immigration_date", _("נא למלא את תאריך העלייה."))
        when = data.get("immigration_date")
        if when and when > dt.date.today():  # noqa: DTZ011
            self.add_error("immigration_date", _("תאריך העלייה לא יכול להיות בעתיד."))
        return data


class IncomeForm(StepForm):
    income_work = money(
        _("הכנסה מעבודה בחודש (ברוטו, לפני ניכויים)"), _("אם ההכנסה משתנה, ממוצע של 3 החודשים האחרונים.")
    )
    income_pension_occupational = money(_("פנסיה מעבודה בחודש"))
    income_nii_benefits = money(_("קצבאות מביטוח לאומי בחודש"))
    income_alimony = money(_("מזונות שמתקבלים בחודש"))
    income_capital = money(_("הכנסה מנכסים, שכירות או חסכונות בחודש"))
    income_other = money(_("הכנסות אחרות בחודש"))
    partner_income_work = money(_("הכנסה מעבודה של בן/בת הזוג בחודש (ברוטו)"))
    partner_income_other = money(_("הכנסות אחרות של בן/בת הזוג בחודש"))

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        if not answers.get("has_partner"):
            del self.fields["partner_income_work"], self.fields["partner_income_other"]


class HomeForm(StepForm):
    tenure = forms.ChoiceField(
        label=_("הדירה שבה את/ה גר/ה"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("renter", _("שוכרים בשוק הפרטי")),
            ("owner", _("בבעלותנו")),
            ("public_housing", _("דיור ציבורי (עמידר, עמיגור ועוד)")),
            ("other", _("אחר")),
        ],
    )
    rent_monthly = money(_("שכר הדירה בחודש"))
    arnona_area_sqm = forms.IntegerField(
        label=_("שטח הדירה בחשבון הארנונה (מ״ר)"),
        required=False,
        min_value=1,
        max_value=2000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    owns_other_property = yes_no(_("האם יש לכם דירה נוספת?"))
    car_value = money(_("שווי הרכב (אם יש)"))
    financial_assets = money(_("חסכונות וכסף בבנק"))


class BenefitsForm(StepForm):
    receives = forms.MultipleChoiceField(
        label=_("מה מתוך אלה אתם כבר מקבלים?"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, answers: dict[str, Any], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        choices = [(p["id"], p["label"]) for p in eligibility.programs(lang)]
        cast(forms.MultipleChoiceField, self.fields["receives"]).choices = choices
        self.fields["receives"].help_text = _("סמנו כל מה שכבר מגיע אליכם; אם אין, המשיכו בלי לסמן.")

    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {"receives": answers.get("receives") or []}


FORMS: dict[str, type[StepForm]] = {
    "household": HouseholdForm,
    "children": ChildrenForm,
    "work": WorkForm,
    "health": HealthForm,
    "background": BackgroundForm,
    "income": IncomeForm,
    "home": HomeForm,
    "benefits": BenefitsForm,
}


class WhatIfForm(forms.Form):
    income_work = money(_("הכנסה מעבודה בחודש"))
    rent_monthly = money(_("שכר דירה בחודש"))
    children_count = forms.IntegerField(
        label=_("ילדים מתחת לגיל 18"), min_value=0, max_value=15, widget=forms.NumberInput(attrs={"dir": "ltr"})
    )
