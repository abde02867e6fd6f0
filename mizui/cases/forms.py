from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mizui.cases.services.documents import DocumentRejected, check_upload
from mizui.lib.forms import DatePartsField, LanguageSelect
from mizui.lib.phone import normalize_il_phone
from mizui.screening.forms import declared_choice, money, program_choices

NONE_RECEIVED = "none"  # the staff screening's "none of these" among the benefits already received


class HelpRequestForm(forms.Form):
    authority = forms.ChoiceField(label=_("באיזו עיר אתם גרים?"), choices=[])
    full_name = forms.CharField(label=_("שם"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("טלפון"),
        max_length=20,
        help_text=_("נחזור אליכם למספר הזה, בדרך כלל תוך שלושה ימי עבודה."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("באיזו שפה נוח לכם לדבר?"), choices=settings.LANGUAGES, widget=LanguageSelect
    )
    note = forms.CharField(
        label=_("במה תרצו עזרה? (לא חובה)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent_contact = forms.BooleanField(
        label=_("אני מסכים/ה שצוות מרכז מיצוי הזכויות ייצור איתי קשר בטלפון הזה."),
        error_messages={"required": _("בלי הסכמה ליצירת קשר לא נוכל לחזור אליכם.")},
    )
    consent_keep_answers = forms.BooleanField(
        label=_("אני מסכים/ה שהמרכז ישמור את התשובות שלי לשאלון, כדי שלא אצטרך לענות שוב."), required=False
    )
    # From a QR code or link handed out at an event (/help/?event=CODE); checked against the city's events.
    event_code = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args: Any, authorities: list[tuple[str, str]], has_answers: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["authority"]).choices = authorities
        if not has_answers:
            del self.fields["consent_keep_answers"]

    def clean_phone(self) -> str:
        phone = normalize_il_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(_("מספר הטלפון לא נראה ישראלי. כתבו למשל 050-1234567."))
        return phone

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("נא לכתוב שם, כדי שנדע למי לפנות."))
        return name


# --- Staff forms -------------------------------------------------------------------------------------------


class StaffInquiryForm(forms.Form):
    channel = forms.ChoiceField(label=_("ערוץ"), choices=[])
    full_name = forms.CharField(label=_("שם"), max_length=120)
    phone = forms.CharField(
        label=_("טלפון"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"})
    )
    preferred_language = forms.ChoiceField(label=_("שפה"), choices=settings.LANGUAGES, widget=LanguageSelect)
    note = forms.CharField(
        label=_("במה מבקשים עזרה"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    event_code = forms.CharField(label=_("קוד אירוע/פעילות (אם הגיעו דרך אירוע)"), required=False, max_length=20)

    def __init__(self, *args: Any, event_codes: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        """`event_codes` (cases.event_codes.choices): the authority's events to pick from; None keeps free text."""
        from mizui.cases.models import InquiryChannel

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["channel"]).choices = [
            (c.value, c.label) for c in InquiryChannel if c != InquiryChannel.SCREENER
        ]
        if event_codes is not None:
            self.fields["event_code"] = forms.ChoiceField(
                label=self.fields["event_code"].label,
                required=False,
                choices=[("", _("לא הגיעו דרך אירוע")), *event_codes],
                error_messages={"invalid_choice": _("קוד האירוע לא מוכר. בחרו אירוע מהרשימה.")},
            )

    def clean_event_code(self) -> str:
        from mizui.cases.event_codes import normalize

        return normalize(self.cleaned_data.get("event_code") or "")

    clean_phone = HelpRequestForm.clean_phone
    clean_full_name = HelpRequestForm.clean_full_name


class OpenCaseForm(forms.Form):
    topic = forms.CharField(label=_("נושא התיק"), max_length=200)
    id_number = forms.CharField(
        label=_("מספר זהות"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
    birth_date = DatePartsField(label=_("תאריך לידה"), required=False)
    existing_resident = forms.TypedChoiceField(
        label=_("תושב/ת קיים/ת"), required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, duplicates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["existing_resident"])
        field.choices = [("", _("תושב/ת חדש/ה")), *duplicates]
        if not duplicates:
            field.widget = forms.HiddenInput()

    def clean_id_number(self) -> str:
        from mizui.lib.teudat_zehut import normalize_id_number

        raw = self.cleaned_data["id_number"].strip()
        if not raw:
            return ""
        value = normalize_id_number(raw)
        if value is None:
            raise forms.ValidationError(_("מספר הזהות לא תקין (ספרת הביקורת לא מתאימה). בדקו את 9 הספרות."))
        return value


class CloseInquiryForm(forms.Form):
    reason = forms.ChoiceField(label=_("סיבת הסגירה"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from mizui.cases.models import CloseReason

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reason"]).choices = CloseReason.choices


class AdvanceForm(forms.Form):
    stage = forms.ChoiceField(label=_("השלב הבא"), choices=[])
    on = forms.DateField(label=_("תאריך"), widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))
    decision = forms.ChoiceField(label=_("החלטה"), required=False, choices=[])
    denial_reason = forms.ChoiceField(label=_("סיבת דחייה"), required=False, choices=[])
    monthly_amount = money(_("סכום חודשי מאושר (₪)"))
    one_off_amount = money(_("סכום חד-פעמי (₪)"))
    retroactive_amount = money(_("תשלום רטרואקטיבי (₪)"))
    waived_amount = money(_("חובות ואגרות שנמחלו (₪)"))
    evidence = forms.CharField(label=_("אסמכתה (מכתב החלטה, תשובת הגוף)"), required=False, max_length=200)

    def __init__(self, *args: Any, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        from mizui.cases.models import Decision, DenialReason

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = stages
        cast(forms.ChoiceField, self.fields["decision"]).choices = [("", "—"), *Decision.choices]
        cast(forms.ChoiceField, self.fields["denial_reason"]).choices = [("", "—"), *DenialReason.choices]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("משימה"), max_length=200)
    due_on = forms.DateField(label=_("תאריך יעד"), widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))


class NoteForm(forms.Form):
    body = forms.CharField(label=_("הערה"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    privileged = forms.BooleanField(label=_("חסוי (עו״ד-לקוח): לא יוצג למתנדבים"), required=False)


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("למה צריך עו״ד?"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ScreenCaseForm(forms.Form):
    """The household, as staff ask it at intake; the same contract the public screener produces."""

    birth_date = DatePartsField(label=_("תאריך לידה של הפונה"))
    marital_status = declared_choice("marital_status", _("מצב משפחתי"))
    partner_birth_date = DatePartsField(label=_("תאריך לידה של בן/בת הזוג (אם גר/ה איתו/ה)"), required=False)
    children_birth_dates = forms.CharField(
        label=_("תאריכי לידה של הילדים"),
        required=False,
        help_text=_("מופרדים בפסיקים, למשל 2015-03-01, 2019-06-01"),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    employment = declared_choice("employment", _("תעסוקה"))
    income_work = money(_("הכנסה מעבודה (₪ בחודש)"))
    partner_income_work = money(_("הכנסת בן/בת הזוג מעבודה"))
    income_nii_benefits = money(_("קצבאות ביטוח לאומי"))
    income_other = money(_("הכנסות אחרות"))
    tenure = declared_choice("tenure", _("דיור"))
    rent_monthly = money(_("שכר דירה"))
    medical_percent = forms.IntegerField(label=_("אחוזי נכות רפואית"), required=False, min_value=0, max_value=100)
    # What the household already gets: nothing ticked is "not asked" (unknown), never "none"; "none of these" says so.
    receives = forms.MultipleChoiceField(
        label=_("מה משק הבית כבר מקבל?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_('אם לא שאלתם, השאירו בלי סימון. אם שאלתם ואין, סמנו "אף אחת מאלה".'),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NONE_RECEIVED, _("אף אחת מאלה")), *program_choices()]
        cast(forms.MultipleChoiceField, self.fields["receives"]).choices = choices

    def clean_receives(self) -> list[str]:
        ticked: list[str] = self.cleaned_data["receives"]
        if NONE_RECEIVED in ticked and len(ticked) > 1:
            raise forms.ValidationError(_('סמנו "אף אחת מאלה" או את מה שמשק הבית מקבל, לא את שניהם.'))
        return ticked

    def clean_children_birth_dates(self) -> list[str]:
        import datetime as dt

        dates = []
        for part in self.cleaned_data["children_birth_dates"].replace("،", ",").split(","):
            if not part.strip():
                continue
            try:
                dates.append(dt.date.fromisoformat(part.strip()).isoformat())
            except ValueError:
                raise forms.ValidationError(
                    _('"%(value)s" אינו תאריך. כתבו כך: 2015-03-01') % {"value": part.strip()}
                ) from None
        return dates

    def answers(self) -> dict[str, Any]:
        """The screener's answer keys, so mizui.screening.questionnaire builds the household."""
        data = dict(self.cleaned_data)
        out: dict[str, Any] = {
            k: (float(v) if hasattr(v, "as_tuple") else v) for k, v in data.items() if v not in (None, "")
        }
        for key in ("birth_date", "partner_birth_date"):
            if key in out:
                out[key] = out[key].isoformat()
        out["has_partner"] = "partner_birth_date" in out
        out["children_count"] = len(out.get("children_birth_dates", []))
        receives = out.pop("receives", [])
        if receives:  # asked: the list is the answer ("none of these" is the empty one)
            out["receives"] = [p for p in receives if p != NONE_RECEIVED]
        return out


class OrganizationField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_he)


def _revealed_by_sharing(field: forms.Field) -> forms.Field:
    field.reveal_when = ("purpose", "share_partner")  # type: ignore[attr-defined]
    return field


class ConsentForm(forms.Form):
    """A consent, with its recipient picked from the directory when it is a consent to share."""

    purpose = forms.ChoiceField(label=_("מטרה"), choices=[])
    organization = _revealed_by_sharing(
        OrganizationField(
            label=_("הגוף השותף מהספרייה"),
            queryset=None,
            required=False,
            empty_label="—",
            help_text=_("או סוג גוף, למטה: ההסכמה חלה אז על כל גוף מהסוג הזה."),
        )
    )
    agency_type = _revealed_by_sharing(forms.ChoiceField(label=_("או סוג גוף"), choices=[], required=False))
    reason = _revealed_by_sharing(
        forms.CharField(
            label=_("מטרת ההעברה"),
            required=False,
            max_length=300,
            help_text=_("כפי שהוסבר לתושב/ת, למשל: הגשת בקשה לסיוע בשכר דירה."),
        )
    )
    identifiers = _revealed_by_sharing(
        forms.MultipleChoiceField(
            label=_("פרטים מזהים שהגוף יראה (כדי למצוא את התיק)"),
            choices=[],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    )
    method = forms.ChoiceField(label=_("איך ניתנה ההסכמה"), choices=[])
    expires_on = DatePartsField(label=_("בתוקף עד (לא חובה)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from mizui.cases.models import ConsentMethod, ConsentPurpose, SharedIdentifier
        from mizui.directory.models import Organization
        from mizui.directory.taxonomy import NEEDS

        kwargs.setdefault("auto_id", "consent-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["purpose"]).choices = ConsentPurpose.choices
        cast(forms.ChoiceField, self.fields["method"]).choices = ConsentMethod.choices
        cast(OrganizationField, self.fields["organization"]).queryset = Organization.objects.order_by("name_he")
        cast(forms.ChoiceField, self.fields["agency_type"]).choices = [("", "—"), *NEEDS.items()]
        cast(forms.MultipleChoiceField, self.fields["identifiers"]).choices = SharedIdentifier.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == "share_partner":
            if not data.get("organization") and not data.get("agency_type"):
                self.add_error(
                    "organization", _("הסכמה להעברת מידע ניתנת לגוף מסוים: נא לבחור גוף מהספרייה או סוג גוף.")
                )
            elif data.get("organization") and data.get("agency_type"):
                self.add_error("agency_type", _("נא לבחור גוף אחד מהספרייה או סוג גוף, לא את שניהם."))
        else:  # what only a consent to share has is ignored for the others (hidden, or filled in before)
            data.update(organization=None, agency_type="", reason="", identifiers=[])
        return data


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("בדקתי: זה אותו אדם. להעביר אליו/ה את כל התיקים, הפניות וההסכמות."),
        error_messages={"required": _("כדי לאחד צריך לאשר שזה אותו אדם.")},
    )


def checked_upload(upload: Any) -> Any:
    """A form's uploaded file checked as every upload is (services.documents.check_upload), its refusal a message
    at the field; no file, nothing to check."""
    if upload:
        try:
            check_upload(upload)
        except DocumentRejected as error:
            raise forms.ValidationError(str(error)) from error
    return upload
