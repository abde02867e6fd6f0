from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TIER_ORDER, VolunteerTier
from mizui.cases.forms import HelpRequestForm
from mizui.cases.models import ConsentMethod
from mizui.community.models import (
    LANGUAGES,
    WEEKDAYS,
    Activity,
    ChecklistItem,
    CheckResult,
    Course,
    Kind,
    RecruitedVia,
    Recruitment,
    ReviewOutcome,
    Skill,
    SupervisionTopic,
)
from mizui.lib.forms import LanguageSelect

DATE = forms.DateInput(attrs={"type": "date", "dir": "ltr"}, format="%Y-%m-%d")
Choices = list[tuple[Any, Any]]


def _choices(form: forms.Form, name: str, choices: Choices) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class VolunteerProfileForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("שפות"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("נא לבחור לפחות שפה אחת.")},
    )
    neighbourhood = forms.CharField(label=_("שכונה"), max_length=100)
    available_days = forms.MultipleChoiceField(
        label=_("ימים פנויים"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple, required=False
    )
    availability_note = forms.CharField(label=_("שעות ופרטים נוספים"), max_length=200, required=False)
    skills = forms.MultipleChoiceField(
        label=_("כישורים"), choices=Skill.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class NewVolunteerForm(VolunteerProfileForm):
    membership = forms.TypedChoiceField(label=_("מתנדב/ת מהצוות"), coerce=int, choices=[])

    field_order = ("membership",)

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "membership", members)


class TrainingForm(forms.Form):
    course = forms.ChoiceField(label=_("הכשרה"), choices=Course.choices)
    completed_on = forms.DateField(label=_("תאריך סיום"), widget=DATE)
    trainer = forms.CharField(label=_("מדריך/ה (לא חובה)"), max_length=120, required=False)

    def __init__(self, *args: Any, courses: Choices | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if courses is not None:
            _choices(self, "course", courses)


class HoursForm(forms.Form):
    on = forms.DateField(label=_("תאריך"), widget=DATE)
    hours = forms.DecimalField(
        label=_("שעות"),
        min_value=0.25,
        max_value=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )
    activity = forms.ChoiceField(label=_("פעילות"), choices=Activity.choices)
    case = forms.TypedChoiceField(label=_("תיק (לא חובה)"), coerce=int, empty_value=None, required=False, choices=[])

    def __init__(self, *args: Any, cases: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "case", [("", "—"), *cases])


class MatchForm(forms.Form):
    area = forms.ChoiceField(label=_("אזור"), required=False, choices=[])
    tier = forms.ChoiceField(label=_("העבודה בתיק דורשת"), choices=[(t.value, t.label) for t in TIER_ORDER[1:]])

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "area", [("", _("כל האזורים")), *((a, a) for a in areas)])


class AssignForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)


class TrusteeForm(forms.Form):
    membership = forms.TypedChoiceField(label=_("נאמן/ת מהצוות"), coerce=int, choices=[])
    neighbourhood = forms.CharField(label=_("שכונה"), max_length=100)
    languages = forms.MultipleChoiceField(
        label=_("שפות"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("נא לבחור לפחות שפה אחת.")},
    )
    recruited_via = forms.ChoiceField(label=_("איך הגיע/ה"), choices=RecruitedVia.choices)
    recruited_at = forms.TypedChoiceField(
        label=_("גויס/ה באירוע (לא חובה)"), coerce=int, empty_value=None, required=False, choices=[]
    )
    recruited_on = forms.DateField(label=_("תאריך גיוס"), widget=DATE)

    def __init__(self, *args: Any, members: Choices, events: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "membership", members)
        _choices(self, "recruited_at", [("", "—"), *events])


class TrusteeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("שלב"), choices=Recruitment.choices)


class LeadForm(forms.Form):
    """A trustee registers a neighbour. The consent box is the neighbour's, not the trustee's."""

    full_name = forms.CharField(label=_("שם השכן/ה"), max_length=120)
    phone = forms.CharField(
        label=_("טלפון"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"})
    )
    preferred_language = forms.ChoiceField(
        label=_("באיזו שפה נוח לדבר איתו/ה?"), choices=settings.LANGUAGES, widget=LanguageSelect
    )
    need = forms.CharField(
        label=_("במה צריך עזרה? (בקצרה, בלי פרטים רפואיים)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    event_code = forms.ChoiceField(label=_("הכרתם דרך פעילות של המרכז? (לא חובה)"), required=False, choices=[])
    consent_method = forms.ChoiceField(
        label=_("איך השכן/ה הסכים/ה?"),
        choices=[(ConsentMethod.VERBAL.value, _("בעל פה, לידי")), (ConsentMethod.SIGNATURE.value, _("חתם/ה על טופס"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("נא לסמן איך ניתנה ההסכמה.")},
    )
    consent = forms.BooleanField(
        label=_("השכן/ה הסכים/ה שאמסור את שמו/ה והטלפון למרכז, ושהמרכז ייצור איתו/ה קשר."),
        error_messages={"required": _("בלי הסכמת השכן/ה אי אפשר למסור את פרטיו/ה למרכז.")},
    )

    def __init__(self, *args: Any, event_codes: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "event_code", [("", "—"), *event_codes])

    clean_phone = HelpRequestForm.clean_phone
    clean_full_name = HelpRequestForm.clean_full_name


class InitiativeForm(forms.Form):
    kind = forms.ChoiceField(label=_("סוג"), choices=Kind.choices)
    title = forms.CharField(label=_("שם"), max_length=200)
    held_on = forms.DateField(label=_("תאריך"), widget=DATE)
    place = forms.CharField(label=_("מקום"), max_length=200, required=False)
    audience = forms.CharField(label=_("קהל יעד"), max_length=200, required=False)
    attendance = forms.IntegerField(label=_("מספר משתתפים"), min_value=0, max_value=100_000, required=False)
    materials = forms.CharField(
        label=_("חומרים (עלונים, מצגות, קישורים)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label=_("סיכום (בלי פרטי תושבים)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["kind"].disabled = True


class PartnerForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("גוף שותף"), coerce=int, choices=[])
    representative = forms.CharField(label=_("נציג/ה (לא חובה)"), max_length=120, required=False)

    def __init__(self, *args: Any, organizations: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "organization", organizations)


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("החלטה או התחייבות"), max_length=300)
    owner = forms.TypedChoiceField(label=_("אחראי/ת מהצוות"), coerce=int, empty_value=None, required=False, choices=[])
    owner_organization = forms.TypedChoiceField(
        label=_("או גוף שותף אחראי"), coerce=int, empty_value=None, required=False, choices=[]
    )
    due_on = forms.DateField(label=_("תאריך יעד"), widget=DATE)

    def __init__(self, *args: Any, staff: Choices, organizations: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "owner", [("", "—"), *staff])
        _choices(self, "owner_organization", [("", "—"), *organizations])


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("מתאריך"), widget=DATE, required=False)
    end = forms.DateField(label=_("עד תאריך"), widget=DATE, required=False)

    def period(self, default_days: int = 365) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=default_days)
        return (start, end) if start <= end else (end, start)


TIER_HELP = {
    VolunteerTier.NONE: _("עוד לא ניתן לשייך תיקים. ההכשרה הבסיסית פותחת בדיקת זכאות."),
    VolunteerTier.SCREEN: _("רואה את התיקים ששויכו, בודק/ת זכאות, משימות והערות, ומעביר/ה לעו״ד."),
    VolunteerTier.DOCUMENTS: _("בנוסף: מעלה ומוריד/ה מסמכים בתיקים ששויכו."),
    VolunteerTier.FORMS: _("בנוסף: רושם/ת ביומן הזכויות איסוף מסמכים והגשת טפסים."),
}


class SessionForm(forms.Form):
    """A supervision session (מפגש הנחיה)."""

    held_on = forms.DateField(label=_("תאריך המפגש"), widget=DATE)
    supervisor = forms.TypedChoiceField(label=_("מנחה"), coerce=int, choices=[])
    volunteers = forms.TypedMultipleChoiceField(
        label=_("מתנדבים שהשתתפו"),
        coerce=int,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("נא לבחור לפחות מתנדב/ת אחד/ת.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("נושאים"),
        choices=SupervisionTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("נא לבחור לפחות נושא אחד.")},
    )
    cases = forms.TypedMultipleChoiceField(
        label=_("תיקים שנדונו (לא חובה)"), coerce=int, choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = forms.CharField(
        label=_("הערות המנחה (לצוות בלבד, לא חובה)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, supervisors: Choices, volunteers: Choices, cases: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "supervisor", supervisors)
        _choices(self, "volunteers", volunteers)
        _choices(self, "cases", cases)
        if not cases:
            del self.fields["cases"]


class ChecklistItemForm(forms.Form):
    text = forms.CharField(
        label=_("סעיף חדש ברשימת הבדיקה"),
        max_length=300,
        error_messages={"required": _("נא לכתוב את הסעיף.")},
    )


class ChecklistEditForm(forms.Form):
    text = forms.CharField(label=_("נוסח הסעיף"), max_length=300, error_messages={"required": _("נא לכתוב את הסעיף.")})
    retire = forms.BooleanField(label=_("להוציא משימוש (ביקורות קודמות שומרות את תשובותיהן)"), required=False)


class ReviewForm(forms.Form):
    """A quality review of one case: each current checklist item, the outcome and the feedback to the volunteer."""

    case = forms.TypedChoiceField(label=_("התיק שנבדק"), coerce=int, choices=[])
    reviewed_on = forms.DateField(label=_("תאריך הבדיקה"), widget=DATE)

    def __init__(self, *args: Any, cases: Choices, items: list[ChecklistItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "case", cases)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=CheckResult.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("נא לענות על הסעיף.")},
            )
        self.fields["outcome"] = forms.ChoiceField(
            label=_("ממצא"),
            choices=ReviewOutcome.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("נא לבחור את הממצא.")},
        )
        self.fields["feedback"] = forms.CharField(
            label=_("משוב למתנדב/ת (המתנדב/ת יראה/תראה אותו)"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["hold_back"] = forms.BooleanField(
            label=_("להוריד את המתנדב/ת שלב אחד עד הכשרה חוזרת"), required=False
        )

    def answers(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome and outcome != ReviewOutcome.GOOD and not (data.get("feedback") or "").strip():
            self.add_error("feedback", _("נא לכתוב משוב למתנדב/ת: מה לשפר."))
        if data.get("hold_back") and outcome and outcome != ReviewOutcome.PROBLEM:
            self.add_error("hold_back", _("אפשר להוריד בשלב רק כשנמצאה בעיה."))
        return data


class AgencyLinkForm(forms.Form):
    organization = forms.TypedChoiceField(
        label=_("גורם"), coerce=int, choices=[], error_messages={"required": _("נא לבחור גורם.")}
    )
    contact = forms.CharField(label=_("איש/אשת הקשר בגורם (לא חובה)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("לשלוח את הקישור בדוא״ל אל (לא חובה)"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, organizations: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "organization", [("", "—"), *organizations])


class AgencyAnswerForm(forms.Form):
    """The agency's answer to one barrier, on its signed-link page."""

    barrier = forms.TypedChoiceField(
        label=_("החסם"), coerce=int, choices=[], error_messages={"required": _("נא לבחור את החסם שעליו אתם עונים.")}
    )
    response = forms.CharField(
        label=_("תגובה"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("נא לכתוב תגובה.")},
    )
    commitment = forms.CharField(label=_("התחייבות (לא חובה)"), max_length=300, required=False)
    commit_by = forms.DateField(label=_("עד תאריך (עם התחייבות)"), widget=DATE, required=False)

    def __init__(self, *args: Any, barriers: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "barrier", [("", "—"), *barriers])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        commitment, commit_by = (data.get("commitment") or "").strip(), data.get("commit_by")
        if commitment and commit_by is None and "commit_by" not in self.errors:
            self.add_error("commit_by", _("נא לכתוב עד מתי תתקיים ההתחייבות."))
        if commit_by is not None and not commitment:
            self.add_error("commitment", _("נא לכתוב מה ההתחייבות."))
        if commit_by is not None and commit_by < timezone.localdate():
            self.add_error("commit_by", _("תאריך ההתחייבות כבר עבר."))
        return data


class StoryForm(forms.Form):
    """A case story (סיפור מקרה) from a closed case, with the resident's consent for this purpose."""

    text = forms.CharField(
        label=_("הסיפור"),
        max_length=6000,
        help_text=_("שמות, מספרי זהות, טלפונים, כתובות ותאריכים מדויקים יוסרו אוטומטית לפני האישור."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent_method = forms.ChoiceField(label=_("איך נתן/ה התושב/ת הסכמה לסיפור"), choices=ConsentMethod.choices)
    consent_note = forms.CharField(label=_("פרטי ההסכמה (לא חובה)"), max_length=300, required=False)
    consent = forms.BooleanField(
        label=_("התושב/ת הסכימ/ה שסיפור אנונימי מהתיק יוצג בפורום ובדוחות"),
        error_messages={"required": _("בלי הסכמת התושב/ת למטרה זו אי אפשר לכתוב סיפור.")},
    )


class StoryApproveForm(forms.Form):
    """The second person's check: the stripped text (they may correct it) and a tick for every warning."""

    stripped_text = forms.CharField(
        label=_("הסיפור לאחר הסרת פרטים מזהים"), max_length=6000, widget=forms.Textarea(attrs={"rows": 8})
    )
    flags = forms.MultipleChoiceField(
        label=_("בדקתי שהפרטים האלה לא מזהים את התושב/ת"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, flags: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "flags", flags)
        if not flags:
            del self.fields["flags"]


class StoryMeetingForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("פגישת פורום"), coerce=int, choices=[])

    def __init__(self, *args: Any, meetings: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "meeting", meetings)


class StoryReportForm(forms.Form):
    month = forms.DateField(
        label=_("החודש של הדוח"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "dir": "ltr"}, format="%Y-%m"),
        help_text=_("הסיפור יודפס, בנוסח המאושר בלבד, בדוח החודשי של החודש הזה. השאירו ריק כדי להוציא אותו מהדוח."),
        error_messages={"invalid": _("נא לבחור חודש, למשל 2026-11.")},
    )


class StoryCaseForm(forms.Form):
    case = forms.IntegerField(label=_("מספר התיק (תיק סגור)"), min_value=1)
