"""The resident's own link: the card on the case page (issue, revoke), the QR code shown once, and the resident's
page behind the signed link (services/resident_links.py).

The resident's page runs in the link's language, with no account; each open, each upload and each refusal that
names an authority is in the access log with no user: "user empty, object resident_link N" is the resident.
"""

from __future__ import annotations

import logging
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.ratelimit import rate_limited
from mizui.accounts.tenancy import set_db_tenant
from mizui.cases.access import access_case, is_volunteer
from mizui.cases.forms import checked_upload
from mizui.cases.models import Case, Entitlement, ResidentLink, ResidentLinkChannel
from mizui.cases.services import documents as files
from mizui.cases.services import resident_links as service
from mizui.cases.views.staff import STAFF, program_names
from mizui.lib.forms import LanguageSelect

logger = logging.getLogger(__name__)

# Like the screener and the partner pages: enough for a person, not for guessing links.
RATE: dict[str, Any] = {"limit": 60, "window": 60}
LANGUAGE_NAMES = {"he": "עברית", "ar": "العربية", "ru": "Русский", "en": "English"}


class IssueForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("איך למסור את הקישור?"),
        choices=ResidentLinkChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("נא לבחור איך למסור את הקישור.")},
    )
    page_language = forms.ChoiceField(
        label=gettext_lazy("שפת הדף"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=LanguageSelect,
        error_messages={"required": gettext_lazy("נא לבחור שפה.")},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.refusal = service.sms_refusal(case)
        if self.refusal:
            field = self.fields["channel"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(ResidentLinkChannel.PRINT.value, ResidentLinkChannel.PRINT.label)]
            field.help_text = self.refusal
            field.error_messages["invalid_choice"] = self.refusal  # SMS posted anyway: say why not
        self.fields["page_language"].initial = service.page_language(case.resident.preferred_language)
        self.fields["channel"].initial = ResidentLinkChannel.PRINT if self.refusal else ResidentLinkChannel.SMS


def resident_link_panel(request: StaffRequest, case: Case) -> dict[str, Any] | None:
    """What templates/cases/case_resident_link.html shows (one query: the case's links still working); nothing
    for volunteers."""
    if is_volunteer(request):
        return None
    links = list(
        ResidentLink.objects.filter(case=case, revoked_at__isnull=True, expires_at__gt=timezone.now()).order_by(
            "-created_at", "-pk"
        )
    )
    return {"links": links, "form": IssueForm(case=case, auto_id="resident-link-%s")}


@require_POST
@staff_required(STAFF)
def resident_link_issue(request: StaffRequest, pk: int) -> HttpResponse:
    """Issue a link: by SMS (queued), or shown once here as a QR code to print or show in the office."""
    case = access_case(request, pk)
    form = IssueForm(request.POST, case=case)
    back = f"{reverse('cases:case', kwargs={'pk': case.pk})}#resident-link-title"
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(back)
    channel = ResidentLinkChannel(form.cleaned_data["channel"])
    try:
        link, url = service.issue_link(
            request.user,
            case,
            channel=channel,
            language=form.cleaned_data["page_language"],
            absolute_url=request.build_absolute_uri,
        )
    except service.ResidentLinkError as error:
        messages.error(request, str(error))
        return redirect(back)
    log_access(request, AccessAction.CREATE, "resident_link", link.pk)
    if channel == ResidentLinkChannel.SMS:
        messages.success(request, _("הקישור נשלח לתושב/ת ב־SMS."))
        return redirect(back)
    qr = segno.make(url, error="m")
    context = {
        "case": case,
        "city": _hebrew(request.authority.name_he),
        "link": link,
        "url": url,
        "language_name": LANGUAGE_NAMES[link.language],
        "qr": mark_safe(qr.svg_inline(scale=5, title=_("קוד QR של הקישור האישי"))),  # noqa: S308 (segno's SVG, our link)
    }
    response = render(request, "cases/resident_link_issued.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required(STAFF)
def resident_link_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    link = _access_link(request, pk)
    try:
        service.revoke_link(request.user, link)
    except service.ResidentLinkError as error:
        messages.error(request, str(error))
    else:
        log_access(request, AccessAction.UPDATE, "resident_link", link.pk)
        messages.success(request, _("הקישור בוטל. מי שיפתח אותו יראה שאינו בתוקף."))
    return redirect(f"{reverse('cases:case', kwargs={'pk': link.case_id})}#resident-link-title")


def _access_link(request: StaffRequest, pk: int) -> ResidentLink:
    """The link, if its case is one this user may open (404 and a logged denial otherwise)."""
    if is_volunteer(request):
        log_access(request, AccessAction.DENIED, "resident_link", pk)
        raise Http404
    return fetch_for_authority(
        request, ResidentLink.objects.select_related("authority"), pk, object_type="resident_link"
    )


# --- The resident's page, behind the signed link ----------------------------------------------------------------


class UploadForm(forms.Form):
    document = forms.ChoiceField(
        label=gettext_lazy("איזה מסמך?"),
        choices=[],
        error_messages={
            "required": gettext_lazy("נא לבחור איזה מסמך מעלים."),
            "invalid_choice": gettext_lazy("נא לבחור איזה מסמך מעלים."),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("קובץ (PDF, JPEG, PNG או HEIC)"),
        allow_empty_file=True,  # refused below, with the same message staff get
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(files.ALLOWED_EXTENSIONS))}),
        error_messages={"required": gettext_lazy("נא לבחור קובץ להעלאה.")},
    )

    def __init__(self, *args: Any, rows: list[service.RightRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets: dict[str, tuple[Entitlement, str]] = {}
        choices: list[Any] = [("", "—")]
        for row in rows:
            if row.missing:
                choices.append((row.name, [(m.value, m.label) for m in row.missing]))
                self.targets.update({m.value: (row.entitlement, m.key) for m in row.missing})
        field = self.fields["document"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        self.fields["file"].help_text = _(
            "צילום ברור או סריקה: קובץ PDF, JPEG, PNG או HEIC עד %(mb)s MB. הקובץ נבדק לפני שהוא נשמר."
        ) % {"mb": files.max_bytes() // 1_048_576}

    def clean_file(self) -> Any:
        return checked_upload(self.cleaned_data.get("file"))


def _hebrew(text: str) -> str:
    return format_html('<span lang="he">{}</span>', text)


def _refuse(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    response = render(request, "cases/resident_refused.html", {"title": title, "text": text}, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _gone(request: HttpRequest) -> HttpResponse:
    return _refuse(
        request,
        status=410,
        title=_("הקישור כבר אינו בתוקף"),
        text=_("תוקף הקישור פג או שהמרכז ביטל אותו. אפשר לבקש קישור חדש ממרכז מיצוי הזכויות."),
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    return _refuse(
        request,
        status=403,
        title=_("הקישור אינו תקין"),
        text=_("לא ניתן לפתוח את הדף מהקישור הזה. ודאו שפתחתם את כל הקישור מההודעה, או פנו למרכז מיצוי הזכויות."),
    )


def _open(request: HttpRequest, token: str) -> ResidentLink | HttpResponse:
    try:
        claim = service.read_token(token)
    except service.LinkExpired:
        return _gone(request)
    except service.LinkInvalid:
        logger.warning("refused a tampered resident link (request %s)", getattr(request, "request_id", ""))
        return _invalid(request)
    set_db_tenant(authority_id=claim.authority_id, user_id=None)  # nobody is logged in: the link names the tenant
    try:
        link = service.find_link(claim)
    except (service.LinkExpired, service.LinkInvalid) as error:
        authority = Authority.objects.filter(pk=claim.authority_id).first()
        log_access(request, AccessAction.DENIED, "resident_link", claim.link_id, authority=authority)
        return _gone(request) if isinstance(error, service.LinkExpired) else _invalid(request)
    log_access(request, AccessAction.VIEW, "resident_link", link.pk, authority=link.authority)
    return link


@rate_limited("resident-link", **RATE)
@require_http_methods(["GET", "POST"])
def resident_page(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's page: their rights on the case, what is missing (with upload), the next appointment and whom
    to call; in the link's language."""
    with translation.override(service.claimed_language(token)):
        opened = _open(request, token)
        if isinstance(opened, HttpResponse):
            return opened
    link = opened
    with translation.override(link.language):
        return _page(request, link, token)


def _page(request: HttpRequest, link: ResidentLink, token: str) -> HttpResponse:
    case = link.case
    rows = service.rights(case, program_names(link.language), link.language)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, rows=rows)
    saved = ""
    if posted and form.is_valid():
        entitlement, label = form.targets[form.cleaned_data["document"]]
        try:
            document = service.upload_missing(
                link, entitlement=entitlement, label=label, upload=form.cleaned_data["file"]
            )
        except files.DocumentRejected as error:
            form.add_error("file", str(error))
        else:
            log_access(request, AccessAction.CREATE, "document", document.pk, authority=link.authority)
            saved = _("המסמך התקבל. תודה, המרכז רואה אותו כבר עכשיו.")
            rows = service.rights(case, program_names(link.language), link.language)
            form = UploadForm(rows=rows)
    service.touch(link)
    today = timezone.localdate()
    context = {
        "link": link,
        "token": token,
        # Names stay as written (Hebrew): marked so a reader in Arabic, Russian or English reads them right.
        "first_name": _hebrew(case.resident.full_name.split()[0]) if case.resident.full_name.split() else "",
        "rows": rows,
        "missing": any(row.missing for row in rows),
        "form": form,
        "saved": saved,
        "next_appointment": service.next_appointment(case, today),
        "phone": service.caseworker_phone(case),
        "city": _hebrew(link.authority.name_he),
    }
    response = render(request, "cases/resident_page.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
