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
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import eligibility
from eligibility.inputs import Input, by_column, gates, inputs
from mizui.lib.forms import DatePartsField, LanguageRadioSelect, in_language
from mizui.screening import questionnaire
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


def _check_birth(value: dt.date | None, label: Any) -> None:
    if value is None:
        return
    if value > dt.date.today():  # noqa: DTZ011 (a calendar date typed by the resident, compared as such)
        raise forms.ValidationError(format_lazy("{}: {}", label, _("התאריך צריך להיות היום או לפני היום.")))
    if value.year < 1900:
        raise forms.ValidationError(format_lazy("{}: {}", label, _("נא לבדוק את השנה.")))


class StepForm(forms.Form):
    """A step turns its cleaned data into answers (JSON-safe) and back into initial values."""

    def __init__(
        self,
        *args: Any,
        answers: dict[str, Any],
        missing: set[str] | None = None,
        possible: set[str] | None = None,
        **kwargs: Any,
    ) -> None:
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
    language = forms.ChoiceField(label=_("שפה"), choices=[], widget=LanguageRadioSelect)
    authority = forms.ChoiceField(
        label=_("באיזו עיר אתם גרים?"), choices=[], help_text=_("כך נדע לאיזה מרכז לחבר אתכם, אם תרצו עזרה.")
    )

    def __init__(self, *args: Any, languages: list[tuple[str, str]], authorities: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = languages
        cast(forms.ChoiceField, self.fields["authority"]).choices = [*authorities, ("", _("עיר אחרת"))]
        self.fields["authority"].required = False


# Answer keys: an input's batch column for the applicant (``income_work``), PARTNER + column for the partner.
# A group that declares a "none" answer (income) is asked as one question, "which of these do you have?"
# (<group>_kinds, ticked columns), each ticked kind revealing its amount; a kind left unticked is 0, never unknown.
KINDS_SUFFIX = "_kinds"
NONE = "none"


def date_field(label: Any, *, required: bool) -> DatePartsField:
    return DatePartsField(label=label, required=required)


def required_message(label: Any, field: forms.Field) -> Any:
    """A message that says which question is unanswered, in the user's language ("Select if you have a partner",
    not "this field is required")."""
    if isinstance(field.widget, forms.RadioSelect | forms.Select | forms.CheckboxSelectMultiple):
        return format_lazy(_("נא לבחור תשובה: {label}"), label=label)
    return format_lazy(_("נא למלא: {label}"), label=label)


def _value_choices(spec: Input) -> list[tuple[str, Any]]:
    labels = spec.value_labels or {}
    return [(value, in_language(labels[value]) if value in labels else value) for value in spec.values]


def declared_choice(name: str, label: Any) -> forms.ChoiceField:
    """An optional drop-down of one declared choice input (its values and their labels in the user's language),
    for forms outside the screener that ask it (staff intake)."""
    spec = by_column()[name]
    return forms.ChoiceField(label=label, required=False, choices=lambda: [("", "—"), *_value_choices(spec)])


def program_choices() -> list[tuple[str, str]]:
    """The catalogue's rights in the active language, as choices (what a household already receives)."""
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
            label=label, required=False, widget=forms.CheckboxSelectMultiple, choices=program_choices
        )
    else:
        field = forms.CharField(label=label, required=required)
    if spec.screener and spec.screener.help:
        field.help_text = in_language(spec.screener.help)
    field.error_messages["required"] = required_message(label, field)
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        field.error_messages["invalid"] = format_lazy(_("{label}: נא לכתוב מספר, בספרות."), label=label)
        # These two are %-formatted with the limit: a "%" in the label ("percent (%)") is written twice.
        escaped = lazy(lambda: str(label).replace("%", "%%"), str)()
        field.error_messages["min_value"] = format_lazy(
            _("{label}: המספר צריך להיות לפחות %(limit_value)s."), label=escaped
        )
        field.error_messages["max_value"] = format_lazy(
            _("{label}: המספר צריך להיות לכל היותר %(limit_value)s."), label=escaped
        )
    return field


class DeclaredStepForm(StepForm):
    """A screener step built from the declaration: the step's gates ("does anyone have a disability?"), the inputs
    it asks of the applicant, and those it asks of the partner when there is one.

    ``to_answers`` keeps the keys the household mapping reads (mizui.screening.questionnaire); a kind of income
    left unticked becomes the amount 0: an explicit answer, never unknown."""

    asks_composition = False  # the household step asks who lives with you, so it shows the partner's fields
    kinds: dict[str, tuple[str, ...]] = {}  # "<group>_kinds" question → the amount fields it reveals

    def __init__(
        self,
        *args: Any,
        answers: dict[str, Any],
        missing: set[str] | None = None,
        possible: set[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        for name, field in self.fields.items():
            spec = by_column().get(name.removeprefix(PARTNER))
            if spec is not None and spec.type == "programs" and possible is not None:
                assert isinstance(field, forms.MultipleChoiceField)
                # "What do you already get?" lists only what this household could get, not old-age benefits
                # to a 34-year-old; what was ticked before stays listed.
                kept = possible | set(answers.get("receives") or ())
                field.choices = [(value, label) for value, label in cast(Any, field.choices) if value in kept]
        if not (self.asks_composition or answers.get("has_partner")):
            for name in [n for n in self.fields if n.startswith(PARTNER)]:
                del self.fields[name]
        for name in [n for n in self.fields if n.endswith(questionnaire.WHO_SUFFIX)]:
            # Only the people who live here: a partner if there is one, children if there are.
            present = {"applicant", *(["partner"] if answers.get("has_partner") else [])}
            present |= {"child"} if int(answers.get("children_count") or 0) else set()
            field = cast(forms.MultipleChoiceField, self.fields[name])
            field.choices = [(v, label) for v, label in cast(Any, field.choices) if v in present]
            if present == {"applicant"}:  # living alone: "about whom?" can only be "me"
                del self.fields[name]
                gate = name.removesuffix(questionnaire.WHO_SUFFIX)
                for other in self.fields.values():
                    if getattr(other, "reveal_when", None) == (name, "applicant"):
                        _revealed(other, gate, "yes")
        # Only questions that can still change an answer, or that were answered before (so they can be changed);
        # who lives with you is always asked whole.
        for name in [
            n for n in self.fields if not self.asks_composition and not self._worth_asking(n, answers, missing)
        ]:
            del self.fields[name]
        for name in [n for n in self.fields if n.endswith(questionnaire.WHO_SUFFIX)]:
            if name.removesuffix(questionnaire.WHO_SUFFIX) not in self.fields:
                del self.fields[name]  # its gate is not asked

    def _questions(self, name: str) -> list[str | None]:
        """The question ids a field settles: its input's, a gate's or a "which of these" question's inputs."""
        if name in self.kinds:
            return [q for amount in self.kinds[name] for q in self._questions(amount)]
        gate = next((g for g in gates() if g.name == name), None)
        if gate is not None:
            return [spec.question_id for spec in inputs() if spec.name in gate.settles]
        column = name.removeprefix(PARTNER)
        spec = by_column().get(column) or by_column().get(column.removesuffix(SINCE_SUFFIX))
        return [spec.question_id if spec else None]

    def _worth_asking(self, name: str, answers: dict[str, Any], missing: set[str] | None) -> bool:
        if self.fields[name].required and name not in self.kinds and not name.startswith(PARTNER):
            return True  # what the step cannot work without
        answered = [name, name.removesuffix(SINCE_SUFFIX), *self.kinds.get(name, ())]
        if any(answers.get(key) not in (None, "") for key in answered):
            return True
        return any(questionnaire.worth_asking(q, missing) for q in self._questions(name))

    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        initial = super().initial_from(answers)
        for key in [k for k in self.base_fields if k.endswith(SINCE_SUFFIX)]:
            since = answers.get(key.removesuffix(SINCE_SUFFIX))
            if since:
                initial[key] = SINCE_BIRTH if since == answers.get("birth_date") else SINCE_DATE
        for question, amounts in self.kinds.items():
            known = [answers.get(name) for name in amounts]
            if any(value is None for value in known):
                continue  # not answered yet
            ticked = [name for name in amounts if answers.get(name)]
            initial[question] = ticked or [NONE]
            initial.update({name: None for name in amounts if name not in ticked})
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, dt.date):
                self._check_date(name, value)
        for question, amounts in self.kinds.items():
            if question not in self.fields:
                continue
            ticked = data.get(question) or []
            if NONE in ticked and len(ticked) > 1:
                self.add_error(question, _("סימנת „אין” וגם סוג הכנסה. נא לסמן רק אחד מהם."))
            for name in amounts:
                if name in ticked and data.get(name) is None and name not in self.errors:
                    self.add_error(
                        name, format_lazy(_("{label}: נא לכתוב סכום (אפשר להעריך)."), label=self.fields[name].label)
                    )
        for gate in gates():
            who = gate.name + questionnaire.WHO_SUFFIX
            if data.get(gate.name) and who in self.fields and not data.get(who) and who not in self.errors:
                self.add_error(who, _("נא לסמן למי."))
        needed = [
            spec.column
            for gate in gates()
            if data.get(gate.name)  # answered "yes": the facts it opens are needed
            for spec in inputs()
            if spec.name in gate.requires
        ]
        if data.get("has_partner"):
            needed += [PARTNER + spec.column for spec in inputs() if spec.screener and spec.screener.required]
        for key in needed:
            if key in self.fields and not data.get(key) and key not in self.errors:
                self.add_error(key, required_message(self.fields[key].label, self.fields[key]))
        return data

    def _check_date(self, name: str, value: dt.date) -> None:
        spec = by_column().get(name.removeprefix(PARTNER))
        if spec is None:
            return
        label = self.fields[name].label
        if spec.not_future and value > dt.date.today():  # noqa: DTZ011 (a calendar date typed by the resident)
            self.add_error(name, format_lazy("{}: {}", label, _("התאריך צריך להיות היום או לפני היום.")))
        elif spec.plausible_min and value < spec.plausible_min:
            self.add_error(name, format_lazy("{}: {}", label, _("נא לבדוק את השנה.")))

    def to_answers(self) -> dict[str, Any]:
        out = super().to_answers()
        for key in [k for k in out if k.endswith(SINCE_SUFFIX)]:
            if out.pop(key) == SINCE_BIRTH:
                out[key.removesuffix(SINCE_SUFFIX)] = self.answers.get("birth_date")
        for question, amounts in self.kinds.items():
            if question not in out:
                continue
            ticked = out.pop(question) or []
            for name in amounts:
                if name not in ticked:
                    out[name] = 0  # "I have no income of this kind"
            if question.startswith(PARTNER):
                # The partner is asked fewer kinds; "other income" covers the rest, which are then none.
                group = by_column()[amounts[0].removeprefix(PARTNER)].group
                for spec in inputs():
                    if spec.group == group and spec.screener and PARTNER + spec.column not in amounts:
                        out[PARTNER + spec.column] = 0
        if self.asks_composition and not out.get("has_partner"):
            out.update({name: None for name in out if name.startswith(PARTNER)})
        return out


def _kinds_question(label: Any, amounts: dict[str, Any]) -> forms.MultipleChoiceField:
    """ "Which of these do you have?": one box per kind (its short name) and "none of these"."""
    field = forms.MultipleChoiceField(
        label=label,
        required=True,
        widget=forms.CheckboxSelectMultiple,
        choices=[*amounts.items(), (NONE, _("אין לי אף אחת מההכנסות האלה"))],
        help_text=_("אפשר לסמן כמה. לכל סוג שתסמנו נשאל על הסכום."),
    )
    field.error_messages["required"] = format_lazy(_("נא לסמן תשובה: {label}"), label=label)
    return field


def step_form(
    step: str, *, base: type[DeclaredStepForm] = DeclaredStepForm, composition: dict[str, forms.Field] | None = None
) -> type[DeclaredStepForm]:
    """The form of one screener step: its gates, each followed by what it opens (shown once answered "yes"), the
    applicant's inputs, then ``composition`` (who lives with you, on the household step) with the partner's inputs
    right after "do you live with a partner?" (shown once answered "yes")."""
    fields: dict[str, forms.Field] = {}
    asked = [spec for spec in inputs() if spec.screener and spec.screener.step == step]
    for gate in [g for g in gates() if g.step == step]:
        fields[gate.name] = yes_no(in_language(gate.label), required=gate.required)
        # "Yes" for the whole household: about whom? The others' facts are settled as by a "no", and the
        # applicant's own are asked once "me" is ticked.
        opens = (gate.name, "yes")
        if gate.members == "all":
            fields[gate.name + questionnaire.WHO_SUFFIX] = _revealed(_who_question(), gate.name, "yes")
            opens = (gate.name + questionnaire.WHO_SUFFIX, "applicant")
        for spec in asked:
            if spec.name in gate.settles:
                fields[spec.column] = _revealed(_asked(spec, spec.column), *opens)
        for spec in asked:  # the partner's own, once "my partner" is ticked
            if spec.name in gate.settles and gate.members == "all" and spec.screener and spec.screener.partner_label:
                key = PARTNER + spec.column
                field = _asked(spec, key, spec.screener.partner_label)
                fields[key] = _revealed(field, gate.name + questionnaire.WHO_SUFFIX, "partner")
    rest = [spec for spec in asked if spec.column not in fields]
    kinds: dict[str, tuple[str, ...]] = {}
    mine = _block(rest, "", kinds)
    theirs = _block([spec for spec in rest if spec.screener and spec.screener.partner_label], PARTNER, kinds)
    fields |= mine
    if composition is None:
        fields |= theirs
    for name, field in (composition or {}).items():
        fields[name] = field
        if name == "has_partner":
            fields |= {key: _revealed(each, "has_partner", "yes") for key, each in theirs.items()}
    attrs: dict[str, Any] = {**fields, "asks_composition": composition is not None, "kinds": kinds}
    return type(f"{step.title()}Form", (base,), attrs)


def _block(specs: list[Input], who: str, kinds: dict[str, tuple[str, ...]]) -> dict[str, forms.Field]:
    """The fields asking ``specs`` of the applicant (``who`` empty) or the partner (PARTNER). Inputs of a group
    with a "none" answer (income) come after one "which of these do you have?" question, each shown once ticked."""
    fields: dict[str, forms.Field] = {}
    grouped = [spec for spec in specs if spec.group.none_label]
    question = ""
    if grouped:
        question = who + grouped[0].group.name + KINDS_SUFFIX
        short = {who + spec.column: in_language(spec.question or _label(spec, who)) for spec in grouped}
        fields[question] = _kinds_question(_kinds_label(who), short)
        kinds[question] = tuple(short)
    for spec in specs:
        assert spec.screener is not None
        key = who + spec.column
        if spec.screener.since_birth and not who:
            fields[key + SINCE_SUFFIX] = _since_question(spec)
        since = spec.screener.since_birth and not who
        field = _asked(spec, key, _SINCE_DATE_LABEL if since else _label(spec, who))
        if spec in grouped:
            field = _revealed(field, question, key)
        elif spec.screener.since_birth and not who:
            field = _revealed(field, key + SINCE_SUFFIX, SINCE_DATE)
        elif when := (who and spec.screener.partner_shown_when) or spec.screener.shown_when:
            name, value = when
            field = _revealed(field, who + next(s.column for s in inputs() if s.name == name), value)
        fields[key] = field
    # A question another answer reveals comes right after that answer's question.
    order = list(fields)
    for key, field in list(fields.items()):
        trigger = getattr(field, "reveal_when", (None,))[0]
        if trigger in fields and trigger not in kinds and not trigger.endswith(SINCE_SUFFIX):
            order.remove(key)
            after = order.index(trigger) + 1
            while after < len(order) and getattr(fields[order[after]], "reveal_when", (None,))[0] == trigger:
                after += 1
            order.insert(after, key)
    return {key: fields[key] for key in order}


# A date that may be "since I was born" (resident_since): a choice (<column>_from), the date shown for "a date".
SINCE_SUFFIX = "_from"
SINCE_BIRTH, SINCE_DATE = "birth", "date"
_SINCE_DATE_LABEL = {"he": "התאריך", "ar": "التاريخ", "ru": "Дата", "en": "The date"}


def _since_question(spec: Input) -> forms.ChoiceField:
    assert spec.screener is not None and spec.screener.since_birth is not None
    label = in_language(spec.screener.label)
    field = forms.ChoiceField(
        label=label,
        required=False,
        widget=forms.RadioSelect,
        choices=[(SINCE_BIRTH, in_language(spec.screener.since_birth)), (SINCE_DATE, _("מתאריך אחר:"))],
    )
    field.error_messages["required"] = required_message(label, field)
    return field


def _label(spec: Input, who: str) -> Mapping[str, str]:
    assert spec.screener is not None
    label = spec.screener.partner_label if who else spec.screener.label
    assert label is not None
    return label


def _who_question() -> forms.MultipleChoiceField:
    field = forms.MultipleChoiceField(
        label=_("למי?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("applicant", _("לי")), ("partner", _("לבן/בת הזוג")), ("child", _("לילד/ה"))],
        help_text=_("אפשר לסמן כמה."),
    )
    field.error_messages["required"] = _("נא לסמן למי.")
    return field


def _kinds_label(who: str) -> Any:
    return _("אילו מההכנסות האלה יש לבן/בת הזוג?") if who else _("אילו מההכנסות האלה יש לך?")


def _asked(spec: Input, key: str, label: Mapping[str, str] | None = None) -> forms.Field:
    """The field asking ``spec`` under ``key``; the partner's answers are checked once "yes, a partner" is known."""
    assert spec.screener is not None
    required = spec.screener.required and not key.startswith(PARTNER)
    return input_field(spec, in_language(label or spec.screener.label), required=required)


def _revealed(field: forms.Field, question: str, value: str) -> forms.Field:
    """A field shown once ``question`` is answered ``value`` (components/form_fields.html, static/js/forms.js)."""
    field.reveal_when = (question, value)  # type: ignore[attr-defined]
    return field


class _HouseholdStep(DeclaredStepForm):
    """Who lives with you: your own facts, a partner, how many children (their birth dates come next)."""

    def to_answers(self) -> dict[str, Any]:
        out: dict[str, Any] = super().to_answers()
        if "children_count" in out:  # a question asked alone on the results page leaves who lives here as it was
            born = list(self.answers.get("children_birth_dates") or [])
            out["children_birth_dates"] = born[: out["children_count"]]
        return out


def _composition() -> dict[str, forms.Field]:
    has_partner = yes_no(_("האם בן או בת הזוג גרים איתך?"), required=True)
    has_partner.error_messages["required"] = _("נא לבחור אם בן או בת הזוג גרים איתך.")
    children = forms.IntegerField(
        label=_("כמה ילדים מתחת לגיל 18 גרים איתך?"),
        min_value=0,
        max_value=15,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
        error_messages={
            "required": _("נא לכתוב כמה ילדים מתחת לגיל 18 גרים איתך (0 אם אין)."),
            "invalid": _("נא לכתוב את מספר הילדים בספרות, למשל 2."),
            "min_value": _("מספר הילדים לא יכול להיות שלילי."),
            "max_value": _("נא לבדוק את מספר הילדים: עד 15."),
        },
    )
    return {"has_partner": has_partner, "children_count": children}


HouseholdForm = step_form("household", base=_HouseholdStep, composition=_composition())


class ChildrenForm(StepForm):
    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        count = int(answers.get("children_count") or 0)
        super().__init__(*args, answers=answers, **kwargs)
        born = list(answers.get("children_birth_dates") or [])
        for i in range(count):
            name = f"child_{i + 1}"
            self.fields[name] = date_field(_("תאריך הלידה של ילד/ה %(n)s") % {"n": i + 1}, required=True)
            self.fields[name].initial = born[i] if i < len(born) else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            try:
                _check_birth(value, self.fields[name].label)
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


def question_form(
    question: str,
    step: str,
    data: Any = None,
    *,
    answers: dict[str, Any],
    missing: set[str],
    possible: set[str] | None = None,
) -> DeclaredStepForm | None:
    """One open question of a step, asked alone (on the results page, under the "maybe" rights it decides): the
    step's form with only the fields that settle ``question``, those they reveal and those that reveal them; its
    answers change nothing else. None where the step cannot ask it alone (the children's birth dates)."""
    kind = FORMS.get(step)
    if kind is None or not issubclass(kind, DeclaredStepForm):
        return None
    form = kind(data, answers=answers, missing=missing, possible=possible, auto_id=f"{question.replace('.', '-')}-%s")
    keep = {name for name in form.fields if question in form._questions(name)}
    grown = True
    while grown:  # what the kept fields reveal, and what reveals them
        before = len(keep)
        for name, field in form.fields.items():
            trigger = getattr(field, "reveal_when", (None,))[0]
            if trigger in keep:
                keep.add(name)
            elif name in keep and trigger in form.fields:
                keep.add(trigger)
        grown = len(keep) > before
    for name in [n for n in form.fields if n not in keep]:
        del form.fields[name]
    if not form.fields:
        return None
    for field in form.fields.values():
        # Asked alone, the question needs an answer (a box to tick, or a list where none may apply, does not).
        revealed = getattr(field, "reveal_when", (None,))[0] in form.fields
        if (
            not revealed
            and not field.required
            and not isinstance(field, forms.BooleanField | forms.MultipleChoiceField)
        ):
            field.required = True
            field.error_messages["required"] = required_message(field.label, field)
    return form


class WhatIfForm(forms.Form):
    income_work = money(_("הכנסה מעבודה בחודש"))
    rent_monthly = money(_("שכר דירה בחודש"))
    children_count = forms.IntegerField(
        label=_("ילדים מתחת לגיל 18"), min_value=0, max_value=15, widget=forms.NumberInput(attrs={"dir": "ltr"})
    )
