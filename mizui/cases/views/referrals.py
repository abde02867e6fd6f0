"""Referrals: the card on the case page, sending one (staff), and the partner's page behind a signed link."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
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
from mizui.cases.models import Case, DenialReason, Document, Entitlement, Referral, ReferralStatus
from mizui.cases.services import referrals as service
from mizui.cases.views.barriers import REPORT_ROLES
from mizui.cases.views.staff import STAFF, program_names
from mizui.directory.models import Service, ServiceStatus
from mizui.lib.forms import error_text
from mizui.screening.forms import money

logger = logging.getLogger(__name__)

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

    def answer(self) -> service.Answer:
        data = self.cleaned_data
        amount = data.get("monthly_amount")
        return service.Answer(
            status=ReferralStatus(data["status"]),
            note=data.get("note", "").strip(),
            monthly_amount=Decimal(amount) if amount is not None else None,
            denial_reason=DenialReason(data["denial_reason"]) if data.get("denial_reason") else None,
        )


def referrals_panel(request: StaffRequest, case: Case) -> dict[str, Any] | None:
    """What templates/cases/case_referrals.html shows; nothing for volunteers."""
    if is_volunteer(request):
        return None
    referrals = (
        Referral.objects.filter(case=case)
        .select_related("service", "service__organization")
        .prefetch_related("changes")
        .order_by("-sent_at", "-pk")
    )
    return {"referrals": referrals, "form": ReferralForm(case=case, auto_id="referral-%s")}


@require_POST
@staff_required(STAFF)
def referral_send(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = ReferralForm(request.POST, case=item)
    if not form.is_valid():
        messages.error(request, _("ההפניה לא נשלחה: %(errors)s") % {"errors": error_text(form)})
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
                absolute_url=request.build_absolute_uri,
            )
        except service.ReferralError as error:
            messages.error(request, str(error))
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


@require_http_methods(["GET", "POST"])
def partner_referral(request: HttpRequest, token: str) -> HttpResponse:
    """The partner's page: no account; the signed link is the key, and its authority is the tenant."""
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
        return _refuse(
            request,
            status=410,
            title=_("ההפניה נסגרה"),
            text=_("ההפניה כבר נסגרה (%(status)s) ואי אפשר לעדכן אותה מהקישור הזה. תודה על הטיפול.")
            % {"status": referral.get_status_display()},
        )
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.answer_referral(None, referral, form.answer())
        except service.ReferralError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, AccessAction.UPDATE, "referral", referral.pk, authority=referral.authority)
            return _refuse(request, status=200, title=_("העדכון נשמר"), text=_("תודה. המרכז יקבל את העדכון מיד."))
    context = {
        "referral": referral,
        "first_name": _first_name(referral.case.resident.full_name),
        "documents": [d.label for d in referral.documents.order_by("pk")],
        "changes": referral.changes.order_by("at", "pk"),
        "form": form,
    }
    response = render(request, "cases/referral_partner.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@staff_required(REPORT_ROLES)
def partners(request: StaffRequest) -> HttpResponse:
    """The partner dashboard: how each agency answers this authority's referrals. Counts only, no names."""
    rows = service.partner_dashboard(request.authority)
    log_access(request, AccessAction.VIEW, "partner_dashboard")
    return render(request, "cases/partners.html", {"rows": rows})
