"""Referrals: the card on the case page, sending one (staff), and the partner's pages behind a signed link.

The partner's link opens the referral (answer, with an optional decision document) and downloads the documents the
center shared with it. Each request through the link is checked the same way (`_open`) and logged as an open of
the referral; the access log names no user there, so "user empty, object referral N" is the partner link.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import set_db_tenant
from mizui.cases.access import access_case, is_volunteer
from mizui.cases.models import (
    Case,
    DenialReason,
    Document,
    Entitlement,
    OutgoingMessage,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
)
from mizui.cases.models.referrals import LinkChannel
from mizui.cases.services import documents as files
from mizui.cases.services import referrals as service
from mizui.cases.views.barriers import REPORT_ROLES
from mizui.cases.views.staff import STAFF, program_names
from mizui.directory.models import Service, ServiceStatus
from mizui.lib.forms import error_text
from mizui.screening.forms import money

logger = logging.getLogger(__name__)

# A send that failed, kept in the session for the case page to show in the send form (post/redirect/get).
SEND_FAILED = "cases:referral-send-failed"
# What a partner may set: everything but "sent", which only the center does.
PARTNER_STATUSES = [(s.value, s.label) for s in ReferralStatus if s != ReferralStatus.SENT]


class ServiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.organization.name_he} · {obj.name_he}"


class RightField(forms.ModelChoiceField[Entitlement]):
    names: dict[str, str]

    def label_from_instance(self, obj: Entitlement) -> str:
        return self.names.get(obj.program, obj.program)


class DocumentsField(forms.ModelMultipleChoiceField[Document]):
    def label_from_instance(self, obj: Document) -> str:
        return obj.label


class ReferralForm(forms.Form):
    service = ServiceField(label=gettext_lazy("לאיזה שירות מפנים?"), queryset=Service.objects.none())
    entitlement = RightField(
        label=gettext_lazy("הזכות שההפניה עוסקת בה (לא חובה)"), queryset=Entitlement.objects.none(), required=False
    )
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
            (LinkChannel.SMS.value, gettext_lazy("ב־SMS, לטלפון הנייד של איש הקשר בספרייה")),
        ],
        initial=LinkChannel.EMAIL.value,
        required=False,  # e-mail unless SMS was chosen
        widget=forms.RadioSelect,
    )

    def clean_channel(self) -> LinkChannel:
        return LinkChannel(self.cleaned_data.get("channel") or LinkChannel.EMAIL)

    def __init__(self, *args: Any, case: Case, lang: str = "he", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = cast(ServiceField, self.fields["service"])
        services.queryset = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")
        rights = cast(RightField, self.fields["entitlement"])
        rights.queryset = case.entitlements.order_by("program")
        rights.names = program_names(lang)
        documents = cast(DocumentsField, self.fields["documents"])
        documents.queryset = case.documents.order_by("-uploaded_at", "-pk")


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("סטטוס"), choices=PARTNER_STATUSES)
    note = forms.CharField(
        label=gettext_lazy("הערה (לא חובה)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    monthly_amount = money(gettext_lazy("סכום חודשי שאושר (₪, כשהבקשה אושרה)"))
    denial_reason = forms.ChoiceField(
        label=gettext_lazy("סיבת הדחייה (כשהבקשה נדחתה)"),
        required=False,
        choices=[("", "—"), *DenialReason.choices],
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
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                files.check_upload(upload)
            except files.DocumentRejected as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def answer(self) -> service.Answer:
        data = self.cleaned_data
        amount = data.get("monthly_amount")
        return service.Answer(
            status=ReferralStatus(data["status"]),
            note=data.get("note", "").strip(),
            monthly_amount=Decimal(amount) if amount is not None else None,
            denial_reason=DenialReason(data["denial_reason"]) if data.get("denial_reason") else None,
        )

    def upload(self) -> Any:
        return self.cleaned_data.get("document") or None


def referrals_panel(request: StaffRequest, case: Case) -> dict[str, Any] | None:
    """What templates/cases/case_referrals.html shows; nothing for volunteers."""
    if is_volunteer(request):
        return None
    referrals = (
        Referral.objects.filter(case=case)
        .select_related("service", "service__organization")
        .prefetch_related(
            Prefetch(
                "changes", queryset=ReferralStatusChange.objects.select_related("by", "document").order_by("at", "pk")
            )
        )
        .prefetch_related(
            # How the link's message went (queued, sent, delivered, failed): the last one counts.
            Prefetch(
                "messages",
                queryset=OutgoingMessage.objects.only("referral_id", "status", "attempts", "created_at").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .order_by("-sent_at", "-pk")
    )
    # A send that failed comes back here (post/redirect/get): its error shows in the form, opened, with the
    # choices that were made. Only ids and the error are kept in the session, never the reason's text.
    failed = request.session.pop(SEND_FAILED, None)
    if not isinstance(failed, dict) or failed.get("case") != case.pk:
        failed = {}
    form = ReferralForm(case=case, auto_id="referral-%s", initial=failed.get("initial"))
    return {"referrals": referrals, "form": form, "error": failed.get("error", "")}


def _send_failed(request: StaffRequest, case: Case, error: str) -> None:
    keep = ("service", "entitlement", "channel")
    request.session[SEND_FAILED] = {
        "case": case.pk,
        "error": _("ההפניה לא נשלחה: %(errors)s") % {"errors": error},
        "initial": {
            **{name: request.POST.get(name, "") for name in keep},
            "documents": [d for d in request.POST.getlist("documents") if d.isdigit()],
        },
    }


@require_POST
@staff_required(STAFF)
def referral_send(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = ReferralForm(request.POST, case=item)
    if not form.is_valid():
        _send_failed(request, item, error_text(form))
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
                absolute_url=request.build_absolute_uri,
            )
        except service.ReferralError as error:
            _send_failed(request, item, str(error))
        else:
            if data["channel"] == LinkChannel.SMS:
                messages.success(request, _("ההפניה נשלחה לגוף השותף ב־SMS."))
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
    form = AnswerForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            document = service.answer_referral(None, referral, form.answer(), upload=form.upload())
        except files.DocumentRejected as error:
            form.add_error("document", str(error))
        except service.ReferralError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, AccessAction.UPDATE, "referral", referral.pk, authority=referral.authority)
            text = _("תודה. המרכז יקבל את העדכון מיד.")
            if document is not None:
                text = _("תודה. המרכז יקבל את העדכון ואת המסמך שצירפתם מיד.")
            return _refuse(request, status=200, title=_("העדכון נשמר"), text=text)
    context = {
        "referral": referral,
        "token": token,
        "first_name": _first_name(referral.case.resident.full_name),
        "documents": service.shared_documents(referral),
        "changes": referral.changes.select_related("document").order_by("at", "pk"),
        "form": form,
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
