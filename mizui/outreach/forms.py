from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mizui.outreach.models import CampaignChannel, OutreachList, Source
from mizui.outreach.services.fields import FIELD_CHOICES, FIELDS, SKIP, mapped, propose_mapping
from mizui.outreach.services.layout import EXTENSIONS, column_key

UPLOAD_ACCEPT = ",".join(EXTENSIONS)
SHEET_HELP = _("בחוברת Excel עם כמה גיליונות: שם הגיליון. אפשר להשאיר ריק, והגיליון עם הטבלה ייבחר.")


class SampleForm(forms.Form):
    name = forms.CharField(label=_("שם המקור (למשל: משלמי ארנונה 2026)"), max_length=100)
    file = forms.FileField(
        label=_("קובץ לדוגמה (CSV או Excel)"), widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT})
    )
    sheet = forms.CharField(label=_("גיליון"), max_length=100, required=False, help_text=SHEET_HELP)


class MappingForm(forms.Form):
    """One choice per column of the sample file: a contract field, or "do not import". Each starts at the source's
    saved mapping, else at the field the column's header names (``propose_mapping``), which the person confirms."""

    def __init__(self, *args: Any, columns: list[str], initial_mapping: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.columns = columns
        choices = [(SKIP, _("לא לייבא (העמודה לא נקראת)")), *FIELD_CHOICES]
        saved = mapped(initial_mapping or {})
        proposals = propose_mapping(columns)
        for i, column in enumerate(columns):
            proposal = proposals[column]
            key = column_key(column)
            guess = saved.get(key, proposal.field)
            if key in saved:
                hint: Any = ""
            elif proposal.field:
                hint = _("מוצע לפי שם העמודה; יש לאשר או לשנות.")
            else:
                hint = proposal.why or _("לא זוהה שדה לפי שם העמודה.")
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=column, choices=choices, required=False, initial=guess, help_text=hint
            )

    def mapping(self) -> dict[str, str]:
        return {column: self.cleaned_data.get(f"col_{i}") or SKIP for i, column in enumerate(self.columns)}


class SheetForm(forms.Form):
    """The sheet of a workbook to import, when several have the source's columns."""

    sheet = forms.ChoiceField(label=_("גיליון לייבוא"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, sheets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sheet"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(name, name) for name in sheets]


class RecodeForm(forms.Form):
    """For each value a file writes that no rule covers: what it means, saved in the source's recoding, or left
    (its rows go to quarantine). `values` is [(field, value, rows)]."""

    def __init__(self, *args: Any, values: list[tuple[str, str, int]], **kwargs: Any) -> None:
        from mizui.outreach.services.reading import choices_for

        super().__init__(*args, **kwargs)
        self.values = values
        for i, (name, value, rows) in enumerate(values):
            self.fields[f"value_{i}"] = forms.ChoiceField(
                label=f"{FIELDS[name].label}: {value}",
                choices=[("", _("להשאיר (השורות ייכנסו להסגר)")), *choices_for(name)],
                required=False,
                help_text=_("%(rows)s שורות") % {"rows": rows},
            )

    def recoding(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for i, (name, value, _rows) in enumerate(self.values):
            target = self.cleaned_data.get(f"value_{i}")
            if target:
                out.setdefault(name, {})[value] = target
        return out


class UploadForm(forms.Form):
    source = forms.ModelChoiceField(label=_("מקור"), queryset=Source.objects.none())
    file = forms.FileField(
        label=_("קובץ (CSV או Excel)"), widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT})
    )

    def __init__(self, *args: Any, authority: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["source"]
        assert isinstance(source, forms.ModelChoiceField)
        source.queryset = Source.objects.for_authority(authority).order_by("name")
        source.empty_label = None


class SegmentForm(forms.Form):
    program = forms.ChoiceField(label=_("זכות"), required=False)
    neighbourhood = forms.ChoiceField(label=_("שכונה"), required=False)
    language = forms.ChoiceField(label=_("שפה"), required=False)
    age_group = forms.ChoiceField(label=_("קבוצת גיל (הפונה)"), required=False)
    min_annual = forms.DecimalField(label=_("לפחות ₪ בשנה"), required=False, min_value=0, max_digits=12)

    def __init__(self, *args: Any, facets: dict[str, list[str]], names: dict[str, str], ages: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        every = ("", _("הכול"))
        self._choices("program", [every, *((p, names.get(p, p)) for p in facets["program"])])
        self._choices("neighbourhood", [every, *((n, n) for n in facets["neighbourhood"])])
        self._choices("language", [every, *((code, code) for code in facets["language"])])
        self._choices("age_group", [every, *((a, a) for a in ages)])

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class SaveListForm(forms.Form):
    name = forms.CharField(label=_("שם הרשימה"), max_length=120)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("שם הקמפיין"), max_length=120)
    outreach_list = forms.ModelChoiceField(label=_("רשימה"), queryset=OutreachList.objects.none())
    channel = forms.ChoiceField(label=_("ערוץ"), choices=CampaignChannel.choices)
    holdout_percent = forms.IntegerField(
        label=_("קבוצת ביקורת (%)"),
        min_value=0,
        max_value=50,
        initial=10,
        help_text=_("משקי בית שנבחרים באקראי ולא פונים אליהם, כדי למדוד מה הקמפיין שינה באמת."),
    )
    message_he = forms.CharField(
        label=_("הודעה בעברית"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("אפשר להשתמש ב: {name} {rights} {monthly} {annual} {center}"),
    )
    message_ar = forms.CharField(
        label=_("הודעה בערבית"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl"})
    )
    message_ru = forms.CharField(
        label=_("הודעה ברוסית"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    )
    message_am = forms.CharField(
        label=_("הודעה באמהרית"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    )

    def __init__(self, *args: Any, authority: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = self.fields["outreach_list"]
        assert isinstance(lists, forms.ModelChoiceField)
        lists.queryset = OutreachList.objects.for_authority(authority).order_by("-created_at")


class ContactForm(forms.Form):
    outcome = forms.ChoiceField(label=_("תוצאה"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from mizui.outreach.models import ContactOutcome

        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (c.value, c.label) for c in ContactOutcome if c not in {ContactOutcome.SENT, ContactOutcome.PRINTED}
        ]


class QuarantineFixForm(forms.Form):
    """One text field per field the source maps, prefilled with what the file wrote."""

    def __init__(self, *args: Any, cells: dict[str, str], **kwargs: Any) -> None:
        kwargs["initial"] = cells
        super().__init__(*args, **kwargs)
        for name in cells:
            self.fields[name] = forms.CharField(label=FIELDS[name].label, required=False, max_length=300)

    def cells(self) -> dict[str, str]:
        return {name: (self.cleaned_data.get(name) or "").strip() for name in self.fields}


class CallForm(forms.Form):
    """The questions of a call (services.calls.deciding_questions), each in the resident's language with the
    Hebrew beside it for the record; every one may stay unanswered (the resident did not know)."""

    def __init__(self, *args: Any, asks: list[Any], lang: str, programs: list[tuple[str, str]], **kwargs: Any):
        from eligibility.i18n import pick
        from mizui.outreach.services.calls import BORN_HERE, FROM_DATE, NONE, SINCE, SINCE_BIRTH_COLUMNS, question_text
        from mizui.screening.forms import input_field, yes_no

        super().__init__(*args, **kwargs)
        self.asks = {ask.key: ask for ask in asks}
        for ask in asks:
            label = question_text(ask, lang)
            field: forms.Field
            if ask.spec.type == "programs":
                field = forms.MultipleChoiceField(
                    label=label,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    choices=[*programs, (NONE, _("אף אחת מאלה"))],
                )
            elif ask.spec.type == "bool":
                field = yes_no(label)
            else:
                field = input_field(ask.spec, label)
            field.required = False
            field.label_lang = lang  # type: ignore[attr-defined]
            if lang != "he":
                field.help_text = question_text(ask, "he")
            if ask.spec.column in SINCE_BIRTH_COLUMNS:
                # "Born in Israel" or a date: the date box shows once "a date" is chosen.
                since = forms.ChoiceField(
                    label=label,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[("birth", pick(BORN_HERE, lang)), ("date", pick(FROM_DATE, lang))],
                    help_text=field.help_text,
                )
                since.label_lang = lang  # type: ignore[attr-defined]
                self.fields[ask.key + SINCE] = since
                field.label = _("התאריך")
                field.help_text = ""
                field.label_lang = None  # type: ignore[attr-defined]
                field.reveal_when = (ask.key + SINCE, "date")  # type: ignore[attr-defined]
            self.fields[ask.key] = field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and all(value in (None, "", []) for value in data.values()):
            raise forms.ValidationError(_("נא לרשום לפחות תשובה אחת ששמעתם בשיחה."))
        return data
