"""Referrals: the card on the case page, sending one (staff), and the partner's pages behind a signed link.

The partner's link opens the referral (answer, with an optional decision document) and downloads the documents the
center shared with it. Each request through the link is checked the same way (`_open`) and logged as an open of
the referral; the access log names no user there, so "user empty, object referral N" is the partner link.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, cast

import segno
from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import set_db_tenant
from mizui.cases.access import access_case, access_referral, is_volunteer
from mizui.cases.forms import checked_upload
from mizui.cases.models import (
    Case,
    DenialReason,
    Document,
    Entitlement,
    OutgoingMessage,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    SharedIdentifier,
)
from mizui.cases.models.referrals import LinkChannel
from mizui.cases.services import documents as files
from mizui.cases.services import referrals as service
from mizui.cases.views.barriers import REPORT_ROLES
from mizui.cases.views.staff import STAFF, program_names
from mizui.directory.models import Service, ServiceStatus
from mizui.lib.crypto import decrypt, encrypt
from mizui.lib.phone import normalize_il_phone
from mizui.screening.forms import money

logger = logging.getLogger(__name__)

# A send that failed, kept in the session for the case page to show in the send form (post/redirect/get).
SEND_FAILED = "cases:referral-send-failed"
# What a partner may set: everything but "sent", which only the center does.
PARTNER_STATUSES = [(s.value, s.label) for s in ReferralStatus if s != ReferralStatus.SENT]


class ServiceField(forms.ModelChoiceField[Service]):
    """Each partner service with the channels it takes referrals on, so the choice is made knowing them."""

    options: dict[int, list[service.ChannelOption]]

    def label_from_instance(self, obj: Service) -> str:
        lang = translation.get_language() or "he"
        name = f"{obj.organization.name(lang)} · {obj.name(lang)}"
        options = getattr(self, "options", {}).get(obj.pk)
        if not options:
            return name
        ready = [str(o.channel.label) for o in options if o.ready and o.channel != LinkChannel.LETTER]
        if not ready:
            return _("%(name)s (מכתב או קישור בלבד)") % {"name": name}
        return _("%(name)s (מקבל: %(channels)s)") % {"name": name, "channels": ", ".join(ready)}


class RightField(forms.ChoiceField):
    """One of the case's ledger rows, listed from the rows the case page already read (`Case.rights_by_name`):
    no query of its own."""

    rights: dict[str, Entitlement]

    def clean(self, value: Any) -> Entitlement | None:
        chosen = super().clean(value)
        return self.rights.get(str(chosen)) if chosen else None


class DocumentsField(forms.ModelMultipleChoiceField[Document]):
    def label_from_instance(self, obj: Document) -> str:
        return obj.label


class ReferralForm(forms.Form):
    service = ServiceField(label=gettext_lazy("לאיזה שירות מפנים?"), queryset=Service.objects.none())
    entitlement = RightField(label=gettext_lazy("הזכות שההפניה עוסקת בה (לא חובה)"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("סיבת ההפניה"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = DocumentsField(
        label=gettext_lazy("מסמכים לשתף"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("איך לשלוח את הקישור לגוף השותף?"),
        choices=[
            (LinkChannel.EMAIL.value, gettext_lazy("בדוא״ל, לכתובת הגוף בספרייה")),
            (LinkChannel.SMS.value, gettext_lazy("ב־SMS, לטלפון הנייד של הגוף בספרייה")),
            (
                LinkChannel.LETTER.value,
                gettext_lazy("בלי שליחה: להדפיס מכתב הפניה עם קוד QR, או להעתיק את הקישור ולמסור אותו"),
            ),
        ],
        initial=LinkChannel.EMAIL.value,
        required=False,  # e-mail unless another was chosen
        widget=forms.RadioSelect,
        help_text=gettext_lazy("ליד כל שירות ברשימה כתובים הערוצים שהגוף מקבל ושיש לו בספרייה כתובת עבורם."),
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("הטלפון הישיר שלך (לא חובה)"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("הגוף השותף יראה אותו ליד שמך, לשאלות על ההפניה."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}),
    )

    def clean_contact_phone(self) -> str:
        raw = str(self.cleaned_data.get("contact_phone") or "").strip()
        if not raw:
            return ""
        number = normalize_il_phone(raw)
        if number is None:
            raise forms.ValidationError(_("נא לכתוב מספר טלפון ישראלי, למשל 08-6543210 או 050-5551234."))
        return number

    def clean_channel(self) -> LinkChannel:
        return LinkChannel(self.cleaned_data.get("channel") or LinkChannel.EMAIL)

    def __init__(self, *args: Any, case: Case, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = lang or translation.get_language() or "he"  # the rights named in the staff member's language
        services = cast(ServiceField, self.fields["service"])
        # A prefetch (of what select_related already read, so no query of its own) makes the field iterate its
        # queryset's rows instead of a fresh cursor: the options below and the choices read one query.
        services.queryset = (
            Service.objects.filter(status=ServiceStatus.ACTIVE)
            .select_related("organization")
            .prefetch_related("organization")
        )
        # Read from the organization's own fields (its channels, e-mail and SMS mobile), with no query per service:
        # a mobile kept only on a directory contact still takes the SMS when sent, but is not counted here.
        services.options = {s.pk: service.channel_options(s, contacts=()) for s in services.queryset}
        rights = cast(RightField, self.fields["entitlement"])
        names = program_names(lang)
        rights.rights = {str(e.pk): e for e in case.rights_by_name}
        rights.choices = [
            ("", "---------"),
            *((pk, names.get(e.program, e.program)) for pk, e in rights.rights.items()),
        ]
        documents = cast(DocumentsField, self.fields["documents"])
        documents.queryset = case.documents.order_by("-uploaded_at", "-pk")


def _revealed(field: forms.Field, status: ReferralStatus) -> forms.Field:
    field.reveal_when = ("status", status.value)  # type: ignore[attr-defined]
    return field


class AnswerForm(forms.Form):
    # Nothing chosen beforehand: an empty submit is refused, never saved as some status.
    status = forms.ChoiceField(
        label=gettext_lazy("מה מצב ההפניה?"),
        choices=PARTNER_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("נא לבחור את מצב ההפניה.")},
    )
    note = forms.CharField(
        label=gettext_lazy("הערה (לא חובה)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    monthly_amount = _revealed(money(gettext_lazy("סכום חודשי שאושר (₪)")), ReferralStatus.APPROVED)
    denial_reason = _revealed(
        forms.ChoiceField(
            label=gettext_lazy("סיבת הדחייה"), required=False, choices=[("", "—"), *DenialReason.choices]
        ),
        ReferralStatus.DENIED,
    )
    document = forms.FileField(
        label=gettext_lazy("מכתב ההחלטה או מסמך אחר (לא חובה)"),
        required=False,
        allow_empty_file=True,  # refused below, with the same message staff get
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(files.ALLOWED_EXTENSIONS))}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _(
            "למשל מכתב האישור: קובץ PDF, JPEG, PNG או HEIC עד %(mb)s MB. הקובץ נבדק לפני שהוא נשמר, ונשמר יחד עם העדכון."
        ) % {"mb": files.max_bytes() // 1_048_576}

    def clean_document(self) -> Any:
        return checked_upload(self.cleaned_data.get("document"))

    def answer(self) -> service.Answer:
        """The answer; an amount counts only with an approval and a reason only with a denial (each is asked
        only with its status, and without JavaScript every field shows)."""
        data = self.cleaned_data
        status = ReferralStatus(data["status"])
        amount = data.get("monthly_amount") if status == ReferralStatus.APPROVED else None
        reason = data.get("denial_reason") if status == ReferralStatus.DENIED else None
        return service.Answer(
            status=status,
            note=data.get("note", "").strip(),
            monthly_amount=Decimal(amount) if amount is not None else None,
            denial_reason=DenialReason(reason) if reason else None,
        )

    def upload(self) -> Any:
        return self.cleaned_data.get("document") or None


def referrals_panel(request: StaffRequest, case: Case) -> dict[str, Any] | None:
    """What templates/cases/case_referrals.html shows; nothing for volunteers."""
    if is_volunteer(request):
        return None
    last_message = OutgoingMessage.objects.filter(referral=OuterRef("pk")).order_by("-created_at", "-pk")
    referrals = (
        Referral.objects.filter(case=case)
        .select_related("service", "service__organization")
        .prefetch_related(
            Prefetch(
                "changes", queryset=ReferralStatusChange.objects.select_related("by", "document").order_by("at", "pk")
            )
        )
        # How the link's message went (queued, sent, delivered, failed): the last one counts. In the same query.
        .annotate(
            delivery_status=Subquery(last_message.values("status")[:1]),
            delivery_attempts=Subquery(last_message.values("attempts")[:1]),
        )
        .order_by("-sent_at", "-pk")
    )
    # A send that failed comes back here (post/redirect/get): the form again, opened, with the choices that were
    # made and its errors (the summary first, each at its field); a refusal by the service above it. The reason's
    # text is kept in the session only encrypted, for this one redirect.
    failed = request.session.pop(SEND_FAILED, None)
    if not isinstance(failed, dict) or failed.get("case") != case.pk:
        failed = {}
    posted = failed.get("data")
    if isinstance(posted, dict):
        data = QueryDict(mutable=True)
        for name, values in posted.items():
            data.setlist(name, [str(v) for v in values] if isinstance(values, list) else [str(values)])
        data["reason"] = decrypt(str(posted.get("reason_encrypted", ""))) if posted.get("reason_encrypted") else ""
        form = ReferralForm(data, case=case, auto_id="referral-%s")
        form.is_valid()  # the field errors again, for the summary and the fields
    else:
        mine = [r.contact_phone for r in referrals if r.sent_by_id == request.user.pk and r.contact_phone]
        # The direct phone this user gave on this case's last referral.
        form = ReferralForm(case=case, auto_id="referral-%s", initial={"contact_phone": mine[0] if mine else ""})
    return {"referrals": referrals, "form": form, "error": failed.get("error", "")}


def _send_failed(request: StaffRequest, case: Case, error: str = "") -> None:
    """Keep what was posted for the form shown after the redirect; `error`: the service's refusal, if any."""
    keep = ("service", "entitlement", "channel", "contact_phone")
    request.session[SEND_FAILED] = {
        "case": case.pk,
        "error": _("ההפניה לא נשלחה: %(errors)s") % {"errors": error} if error else "",
        "data": {
            **{name: request.POST.get(name, "") for name in keep},
            "documents": [d for d in request.POST.getlist("documents") if d.isdigit()],
            "reason_encrypted": encrypt(request.POST.get("reason", "")[:2000]),
        },
    }


@require_POST
@staff_required(STAFF)
def referral_send(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = ReferralForm(request.POST, case=item)
    if not form.is_valid():
        _send_failed(request, item)
    else:
        data = form.cleaned_data
        try:
            service.send_referral(
                request.user,
                item,
                service=data["service"],
                reason=data["reason"],
                entitlement=data["entitlement"],
                documents=data["documents"],
                channel=data["channel"],
                contact_phone=data["contact_phone"],
                absolute_url=request.build_absolute_uri,
            )
        except service.ReferralError as error:
            _send_failed(request, item, str(error))
        else:
            if data["channel"] == LinkChannel.SMS:
                messages.success(request, _("ההפניה נשלחה לגוף השותף ב־SMS."))
            elif data["channel"] == LinkChannel.LETTER:
                messages.success(
                    request, _("ההפניה נוצרה. אפשר להעתיק את הקישור או להדפיס את מכתב ההפניה, ליד ההפניה למטה.")
                )
            else:
                messages.success(request, _("ההפניה נשלחה לגוף השותף."))
    return redirect(f"{reverse('cases:case', kwargs={'pk': item.pk})}#referrals-title")


def _refuse(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    response = render(request, "cases/referral_refused.html", {"title": title, "text": text}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _gone(request: HttpRequest) -> HttpResponse:
    return _refuse(
        request,
        status=410,
        title=_("תוקף הקישור פג"),
        text=_("הקישור להפניה הזו כבר אינו בתוקף. נא לפנות למרכז מיצוי הזכויות שהפנה אליכם לקבלת קישור חדש."),
    )


def _invalid(request: HttpRequest, claim: service.LinkClaim | None = None) -> HttpResponse:
    if claim is None:
        # Under row-level security an access-log row needs an authority or a user; a forged link names neither.
        logger.warning("refused a tampered referral link (request %s)", getattr(request, "request_id", ""))
    else:
        authority = Authority.objects.filter(pk=claim.authority_id).first()
        log_access(request, AccessAction.DENIED, "referral", claim.referral_id, authority=authority)
    return _refuse(
        request,
        status=403,
        title=_("הקישור אינו תקין"),
        text=_("לא ניתן לפתוח את ההפניה מהקישור הזה. ודאו שהעתקתם את כל הקישור מההודעה, או פנו למרכז שהפנה אליכם."),
    )


def _first_name(full_name: str) -> str:
    return full_name.split()[0] if full_name.split() else ""


def _closed(request: HttpRequest, referral: Referral) -> HttpResponse:
    return _refuse(
        request,
        status=410,
        title=_("ההפניה נסגרה"),
        text=_("ההפניה כבר נסגרה (%(status)s) ואי אפשר לעדכן אותה מהקישור הזה. תודה על הטיפול.")
        % {"status": referral.get_status_display()},
    )


def _open(request: HttpRequest, token: str) -> Referral | HttpResponse:
    """The referral a valid link names, with its authority as the tenant; else the page that refuses the link.

    Every open is logged (the link's own page, a download, an answer); a link that is expired, tampered with or
    of a closed referral opens nothing.
    """
    try:
        claim = service.read_token(token)
    except service.LinkExpired:
        return _gone(request)
    except service.LinkInvalid:
        return _invalid(request)
    # TenantMiddleware opened the request's transaction without a tenant (no one is logged in).
    set_db_tenant(authority_id=claim.authority_id, user_id=None)
    try:
        referral = service.find_referral(claim)
    except service.LinkInvalid:
        return _invalid(request, claim)
    log_access(request, AccessAction.VIEW, "referral", referral.pk, authority=referral.authority)
    if referral.link_expired(timezone.now()):
        return _gone(request)
    if referral.is_closed:
        return _closed(request, referral)
    return referral


@require_http_methods(["GET", "POST"])
def partner_referral(request: HttpRequest, token: str) -> HttpResponse:
    """The partner's page: no account; the signed link is the key, and its authority is the tenant."""
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    referral = opened
    posted = request.method == "POST"
    form: AnswerForm | None = AnswerForm(request.POST if posted else None, request.FILES if posted else None)
    saved = ""
    if posted and form is not None and form.is_valid():
        try:
            document = service.answer_referral(None, referral, form.answer(), upload=form.upload())
        except files.DocumentRejected as error:
            form.add_error("document", str(error))
        except service.ReferralError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, AccessAction.UPDATE, "referral", referral.pk, authority=referral.authority)
            saved = _("העדכון נשמר. תודה, המרכז רואה אותו כבר עכשיו.")
            if document is not None:
                saved = _("העדכון נשמר, עם המסמך שצירפתם. תודה, המרכז רואה אותם כבר עכשיו.")
            # The referral again, as it is now; a closed one takes no more answers.
            form = None if referral.is_closed else AnswerForm()
    resident = referral.case.resident
    identifiers = service.shared_identifiers(referral)
    if identifiers:
        # What the consent lets the partner see to find the file: the resident's details left the system.
        log_access(request, AccessAction.VIEW, "resident", resident.pk, authority=referral.authority)
    context = {
        "referral": referral,
        "token": token,
        "first_name": _first_name(resident.full_name),
        "full_name": resident.full_name if identifiers else "",
        "id_number": resident.id_number if SharedIdentifier.ID_NUMBER in identifiers else "",
        "birth_date": resident.birth_date if SharedIdentifier.BIRTH_DATE in identifiers else None,
        "caseworker": referral.sent_by,
        "caseworker_phone": referral.contact_phone or referral.authority.center_phone,
        "documents": service.shared_documents(referral),
        "changes": referral.changes.select_related("document").order_by("at", "pk"),
        "form": form,
        "saved": saved,
    }
    response = render(request, "cases/referral_partner.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def partner_document(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A document the center shared with this referral, downloaded through the partner's link; any other id 404s.

    Logged twice in the request: the open of the referral (the partner link is the actor) and the document
    leaving the system (an export, as it now sits with the partner).
    """
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    referral = opened
    document = service.shared_document(referral, pk)
    if document is None:
        log_access(request, AccessAction.DENIED, "document", pk, authority=referral.authority)
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log_access(request, AccessAction.EXPORT, "document", document.pk, authority=referral.authority)
    response = FileResponse(
        handle, as_attachment=True, filename=files.download_name(document), content_type=document.content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    return cast(HttpResponse, response)


@require_GET
@staff_required(REPORT_ROLES)
def partners(request: StaffRequest) -> HttpResponse:
    """The partner dashboard: how each agency answers this authority's referrals. Counts only, no names."""
    rows = service.partner_dashboard(request.authority)
    log_access(request, AccessAction.VIEW, "partner_dashboard")
    return render(request, "cases/partners.html", {"rows": rows})


LETTER_LANGUAGES = ("he", "ar", "en", "ru")


@require_GET
@staff_required(STAFF)
def referral_letter(request: StaffRequest, pk: int) -> HttpResponse:
    """The referral letter to print, in the partner's language (`?lang=`): whom it is for, what the consent lets
    the partner know, who at the center to call, and the partner's link as a QR code. The fallback when neither
    e-mail nor SMS reaches the partner: the resident brings it, or the center posts it."""
    referral = access_referral(request, pk)
    if referral.is_closed or referral.link_expired(timezone.now()) or not referral.link:
        messages.error(request, _("להפניה הזו אין קישור בתוקף: היא נסגרה או שתוקף הקישור פג. אפשר לשלוח הפניה חדשה."))
        return redirect(f"{reverse('cases:case', kwargs={'pk': referral.case_id})}#referrals-title")
    lang = request.GET.get("lang", "he")
    if lang not in LETTER_LANGUAGES:
        lang = "he"
    resident = referral.case.resident
    identifiers = service.shared_identifiers(referral)
    log_access(request, AccessAction.VIEW, "resident", resident.pk)
    qr = segno.make(referral.link, error="m")
    with translation.override(lang):
        context = {
            "referral": referral,
            "partner": referral.service.organization.name(lang),
            "resident": resident,
            "id_number": resident.id_number if SharedIdentifier.ID_NUMBER in identifiers else "",
            "birth_date": resident.birth_date if SharedIdentifier.BIRTH_DATE in identifiers else None,
            "caseworker_phone": referral.contact_phone or referral.authority.center_phone,
            "qr": mark_safe(qr.svg_inline(scale=4, title=_("קוד QR של הקישור להפניה"))),  # noqa: S308 (segno's SVG, our link)
            "today": timezone.localdate(),
        }
        response = render(request, "cases/referral_letter.html", context)
    response["Cache-Control"] = "no-store"
    return response
