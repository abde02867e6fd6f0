"""One form per screener step. Plain language; every field optional unless the step cannot work without it.

The questions about the household's facts are built from their declaration (eligibility/inputs.yaml): each step
asks the inputs declared for it, with the declared labels (he/ar/ru/en), values and bounds. What is written here
is who lives in the household (partner, children) and how a form becomes answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

import eligibility
from eligibility.inputs import Input, by_column, gates, inputs
from mizui.lib.forms import in_language
from mizui.screening.questionnaire import PARTNER, STEPS

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


def money(label: Any, help_text: Any = "", *, max_value: Decimal = MONEY_MAX) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=max_value,
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
    return date_field(label, required=required, required_message=_("נא למלא תאריך לידה."))


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


# Answer keys: an input's batch column for the applicant (``income_work``), PARTNER + column for the partner,
# column + NONE_SUFFIX for the "none of this kind" box of a group that declares one (income).
NONE_SUFFIX = "_none"


def date_field(label: Any, *, required: bool, required_message: Any = None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "required": required_message or _("נא למלא את השדה הזה."),
            "invalid": _("התאריך לא תקין. אפשר לבחור אותו מלוח השנה."),
        },
    )


def _value_choices(spec: Input) -> list[tuple[str, Any]]:
    labels = spec.value_labels or {}
    return [(value, in_language(labels[value]) if value in labels else value) for value in spec.values]


def declared_choice(name: str, label: Any) -> forms.ChoiceField:
    """An optional drop-down of one declared choice input (its values and their labels in the user's language),
    for forms outside the screener that ask it (staff intake)."""
    spec = by_column()[name]
    return forms.ChoiceField(label=label, required=False, choices=lambda: [("", "—"), *_value_choices(spec)])


def _program_choices() -> list[tuple[str, str]]:
    return [(p["id"], p["label"]) for p in eligibility.programs(translation.get_language() or "he")]


def input_field(spec: Input, label: Any, *, required: bool = False) -> forms.Field:
    """The form field that asks one declared input, by its type, values, bounds and declared widget."""
    widget = spec.screener.widget if spec.screener else None
    field: forms.Field
    if spec.type == "date":
        field = date_field(label, required=required)
    elif spec.type == "enum" and widget == "select":
        field = forms.ChoiceField(label=label, required=required, choices=[("", _("בחירה")), *_value_choices(spec)])
    elif spec.type == "enum":
        field = forms.ChoiceField(
            label=label, required=required, choices=_value_choices(spec), widget=forms.RadioSelect
        )
    elif spec.type == "bool" and widget == "checkbox":
        field = forms.BooleanField(label=label, required=False)  # on a step that asks it, unticked means "no"
    elif spec.type == "bool":
        field = yes_no(label, required=required)
    elif spec.type == "money":
        field = money(label, max_value=Decimal(spec.plausible_max or MONEY_MAX))
    elif spec.type in ("integer", "number"):
        low = spec.minimum if spec.minimum is not None else (spec.minimum_exclusive or 0) + 1
        field = forms.IntegerField(
            label=label,
            required=required,
            min_value=int(low),
            max_value=int(spec.plausible_max or spec.maximum or MONEY_MAX),
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
        )
    elif spec.type == "programs":
        field = forms.MultipleChoiceField(
            label=label, required=False, widget=forms.CheckboxSelectMultiple, choices=_program_choices
        )
    else:
        field = forms.CharField(label=label, required=required)
    if spec.screener and spec.screener.help:
        field.help_text = in_language(spec.screener.help)
    return field


class DeclaredStepForm(StepForm):
    """A screener step built from the declaration: the step's gates ("does anyone have a disability?"), the inputs
    it asks of the applicant, and those it asks of the partner when there is one.

    ``to_answers`` keeps the keys the household mapping reads (mizui.screening.questionnaire); a ticked "none" box
    becomes the amount 0: an explicit answer, never unknown."""

    asks_composition = False  # the household step asks who lives with you, so it shows the partner's fields

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        if not (self.asks_composition or answers.get("has_partner")):
            for name in [n for n in self.fields if n.startswith(PARTNER)]:
                del self.fields[name]

    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        initial = super().initial_from(answers)
        for name in self.base_fields:
            if name.endswith(NONE_SUFFIX) and answers.get(name.removesuffix(NONE_SUFFIX)) == 0:
                initial[name], initial[name.removesuffix(NONE_SUFFIX)] = True, None
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, dt.date):
                self._check_date(name, value)
            if name.endswith(NONE_SUFFIX) and value and data.get(name.removesuffix(NONE_SUFFIX)):
                self.add_error(name.removesuffix(NONE_SUFFIX), _("אפשר לסמן „אין” או לכתוב סכום, לא את שניהם."))
        for gate in gates():
            if data.get(gate.name):  # answered "yes": the facts it opens are needed
                for spec in inputs():
                    if spec.name in gate.requires and spec.column in self.fields and not data.get(spec.column):
                        self.add_error(spec.column, _("נא למלא את השדה הזה."))
        if data.get("has_partner"):
            for spec in inputs():
                key = PARTNER + spec.column
                if spec.screener and spec.screener.required and key in self.fields and not data.get(key):
                    self.add_error(key, _("נא למלא את השדה הזה."))
        return data

    def _check_date(self, name: str, value: dt.date) -> None:
        spec = by_column().get(name.removeprefix(PARTNER))
        if spec is None:
            return
        if spec.not_future and value > dt.date.today():  # noqa: DTZ011 (a calendar date typed by the resident)
            self.add_error(name, _("התאריך לא יכול להיות בעתיד."))
        elif spec.plausible_min and value < spec.plausible_min:
            self.add_error(name, _("נא לבדוק את השנה."))

    def to_answers(self) -> dict[str, Any]:
        out = super().to_answers()
        for name in [n for n in out if n.endswith(NONE_SUFFIX)]:
            if out.pop(name):
                out[name.removesuffix(NONE_SUFFIX)] = 0
        if self.asks_composition and not out.get("has_partner"):
            out.update({name: None for name in out if name.startswith(PARTNER)})
        return out


def _asking(spec: Input, key: str, label: Mapping[str, str], *, required: bool = False) -> dict[str, forms.Field]:
    """The field that asks ``spec`` under ``key``, and its "none of this kind" box if its group has one."""
    fields = {key: input_field(spec, in_language(label), required=required)}
    if spec.group.none_label:
        fields[key + NONE_SUFFIX] = forms.BooleanField(label=in_language(spec.group.none_label), required=False)
    return fields


def step_form(
    step: str, *, base: type[DeclaredStepForm] = DeclaredStepForm, composition: dict[str, forms.Field] | None = None
) -> type[DeclaredStepForm]:
    """The form of one screener step: its gates, the applicant's inputs, then ``composition`` (who lives with
    you, on the household step), then the partner's inputs."""
    fields: dict[str, Any] = {
        g.name: yes_no(in_language(g.label), required=g.required) for g in gates() if g.step == step
    }
    asked = [spec for spec in inputs() if spec.screener and spec.screener.step == step]
    gated = {name for g in gates() if g.step == step for name in g.settles}
    asked.sort(key=lambda spec: spec.name not in gated)  # what a gate opens comes right after it
    for spec in asked:
        assert spec.screener is not None
        fields |= _asking(spec, spec.column, spec.screener.label, required=spec.screener.required)
    fields.update(composition or {})
    for spec in asked:
        assert spec.screener is not None
        if spec.screener.partner_label:
            fields |= _asking(spec, PARTNER + spec.column, spec.screener.partner_label)
    return type(f"{step.title()}Form", (base,), {**fields, "asks_composition": composition is not None})


class _HouseholdStep(DeclaredStepForm):
    """Who lives with you: your own facts, a partner, how many children (their birth dates come next)."""

    def to_answers(self) -> dict[str, Any]:
        out: dict[str, Any] = super().to_answers()
        born = list(self.answers.get("children_birth_dates") or [])
        out["children_birth_dates"] = born[: out["children_count"]]
        return out


HouseholdForm = step_form(
    "household",
    base=_HouseholdStep,
    composition={
        "has_partner": yes_no(_("האם בן או בת הזוג גרים איתך?"), required=True),
        "children_count": forms.IntegerField(
            label=_("כמה ילדים מתחת לגיל 18 גרים איתך?"),
            min_value=0,
            max_value=15,
            initial=0,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
        ),
    },
)


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


FORMS: dict[str, type[StepForm]] = {
    "household": HouseholdForm,
    "children": ChildrenForm,
    **{step.slug: step_form(step.slug) for step in STEPS if step.slug not in ("household", "children")},
}


class WhatIfForm(forms.Form):
    income_work = money(_("הכנסה מעבודה בחודש"))
    rent_monthly = money(_("שכר דירה בחודש"))
    children_count = forms.IntegerField(
        label=_("ילדים מתחת לגיל 18"), min_value=0, max_value=15, widget=forms.NumberInput(attrs={"dir": "ltr"})
    )
