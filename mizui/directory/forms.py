from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

import eligibility
from mizui.directory import taxonomy
from mizui.directory.models import AuthorityLocation, Channel, Contact, Location, Organization, Service


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


def _program_choices() -> list[tuple[str, str]]:
    return sorted(((p["id"], p["label"]) for p in eligibility.programs("he")), key=lambda item: item[1])


def _term_choices() -> list[tuple[str, str]]:
    """Every Open Eligibility term, named with its broader terms ("סיוע כלכלי › סיוע כספי")."""
    names = taxonomy.terms()
    choices = []
    for slug in names:
        parts = slug.split(":")
        path = [
            names[":".join(parts[: i + 1])]["he"] for i in range(1, len(parts)) if ":".join(parts[: i + 1]) in names
        ]
        choices.append((slug, " › ".join(path) or names[slug]["he"]))
    return sorted(choices, key=lambda item: item[1])


def _https_url(model: type[Any]) -> Any:
    """A site address field; one typed without a scheme ("btl.gov.il") is read as https."""
    return model._meta.get_field("url").formfield(assume_scheme="https", widget=forms.URLInput(attrs={"dir": "ltr"}))


class OrganizationForm(forms.ModelForm[Organization]):
    url = _https_url(Organization)
    channels = forms.MultipleChoiceField(
        label=_("ערוצי הפניה"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("איך הגוף מקבל הפניות ממרכז מיצוי הזכויות. דוא״ל דורש כתובת, SMS דורש מספר נייד."),
    )

    class Meta:
        model = Organization
        fields = ("name_he", "name_en", "description", "url", "email", "phone", "mobile", "channels", "sla_days")
        widgets: ClassVar[dict[str, Any]] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
            "mobile": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "mobile": _("נייד שמקבל את הודעת ה-SMS עם קישור ההפניה, למשל 050-5551234."),
            "sla_days": _("כמה ימים מרגע שליחת הפניה עד תשובה ראשונה, לפני שההפניה מסומנת כמאחרת."),
        }

    def clean_channels(self) -> list[str]:
        chosen = set(self.cleaned_data.get("channels") or [])
        return [value for value in Channel.values if value in chosen]  # always in one order


class ServiceForm(forms.ModelForm[Service]):
    url = _https_url(Service)
    programs = forms.MultipleChoiceField(
        label=_("זכויות שהשירות נותן"), widget=forms.CheckboxSelectMultiple, required=False
    )
    taxonomy_terms = forms.MultipleChoiceField(
        label=_("סיווג (מענים פתוחים)"),
        widget=forms.SelectMultiple(attrs={"size": "8"}),
        required=False,
        help_text=_("הצורך שהשירות עונה עליו ולמי הוא מיועד; לפי הסיווג הזה השירות מופיע בדף הציבורי."),
    )
    documents = forms.CharField(
        label=_("מסמכים נדרשים"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("מסמך אחד בכל שורה, לפי הסדר שכדאי לאסוף אותם."),
    )

    class Meta:
        model = Service
        fields = (
            "name_he",
            "name_en",
            "description",
            "status",
            "url",
            "email",
            "application_process",
            "programs",
            "taxonomy_terms",
            "documents",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        }
        labels: ClassVar[dict[str, Any]] = {"status": _("מצב")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["programs"]).choices = _program_choices()
        cast(forms.MultipleChoiceField, self.fields["taxonomy_terms"]).choices = _term_choices()
        if self.instance.pk and not self.is_bound:
            self.initial["documents"] = "\n".join(self.instance.documents)

    def clean_documents(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("documents", "").splitlines() if line.strip()]


class LocationForm(forms.ModelForm[Location]):
    """A national branch of the organization, and which of its services it delivers."""

    class Meta:
        model = Location
        fields = ("name", "address", "city", "cbs_code", "hours", "phone", "accessibility", "services")
        widgets: ClassVar[dict[str, Any]] = {
            "hours": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
            "cbs_code": forms.NumberInput(attrs={"dir": "ltr"}),
            "services": forms.CheckboxSelectMultiple,
        }
        labels: ClassVar[dict[str, Any]] = {"services": _("השירותים שהסניף נותן")}
        help_texts: ClassVar[dict[str, Any]] = {
            "cbs_code": _("לפיו הסניף מוצג לתושבי הרשות באותו יישוב."),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["services"])  # type: ignore[type-arg]
        field.queryset = Service.objects.filter(organization=organization).order_by("name_he")
        field.required = False


class OfficeForm(forms.ModelForm[AuthorityLocation]):
    """This authority's own office of the organization (its arnona department, its water corporation)."""

    url = _https_url(AuthorityLocation)

    class Meta:
        model = AuthorityLocation
        fields = ("name", "address", "city", "hours", "phone", "url", "accessibility")
        widgets: ClassVar[dict[str, Any]] = {
            "hours": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
        }


class ContactForm(forms.ModelForm[Contact]):
    class Meta:
        model = Contact
        fields = ("name", "title", "department", "service", "email", "phone")
        widgets: ClassVar[dict[str, Any]] = {
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
        }
        labels: ClassVar[dict[str, Any]] = {"service": _("שירות")}
        help_texts: ClassVar[dict[str, Any]] = {
            "service": _("ריק: איש הקשר של הארגון כולו."),
            "phone": _("נייד מקבל גם SMS של הפניות."),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["service"])  # type: ignore[type-arg]
        field.queryset = Service.objects.filter(organization=organization).order_by("name_he")
        field.empty_label = str(_("הארגון כולו"))


class _MarkedSelect(forms.Select):
    """A drop-down whose options in Hebrew, on a page in another language, are marked lang="he"."""

    hebrew: frozenset[str] = frozenset()

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.hebrew:
            option["attrs"]["lang"] = "he"
        return option


class PublicDirectoryForm(forms.Form):
    """The public page's one question: which city, so its own offices and branches are shown."""

    city = forms.ChoiceField(label=_("העיר שלך"), required=False, widget=_MarkedSelect)

    def __init__(self, data: Any, *, cities: list[tuple[str, str, str]]) -> None:
        """`cities`: (slug, name, the language the name is in)."""
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["city"]).choices = [("", _("כל הארץ")), *((c[0], c[1]) for c in cities)]
        page = translation.get_language() or "he"
        marked = frozenset(slug for slug, _name, lang in cities if lang == "he" and page != "he")
        cast(_MarkedSelect, self.fields["city"].widget).hebrew = marked
