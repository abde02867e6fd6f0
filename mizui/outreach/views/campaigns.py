"""Campaigns: create, launch (holdout drawn), send SMS, print letters, log calls and visits, record responses."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import eligibility
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction
from mizui.lib.forms import error_text
from mizui.outreach.access import access_campaign, access_target
from mizui.outreach.forms import CallForm, CampaignForm, ContactForm
from mizui.outreach.models import CampaignChannel, CampaignStatus, Group
from mizui.outreach.services import calls
from mizui.outreach.services import campaigns as service
from mizui.outreach.services.lists import contacts, program_names
from mizui.outreach.services.measure import campaign_funnel, campaign_uplift
from mizui.outreach.views import PERSONAL_ROLES, VIEW_ROLES

PAGE = 25
FUNNEL = [
    ("list", "ברשימה (קבוצת הפנייה)"),
    ("contacted", "נוצר קשר"),
    ("responded", "הגיבו"),
    ("applied", "הגישו בקשה"),
    ("approved", "אושרו"),
    ("paid", "שולמו"),
]


@require_http_methods(["GET", "POST"])
@staff_required(PERSONAL_ROLES)
def campaign_new(request: StaffRequest) -> HttpResponse:
    initial = {"outreach_list": request.GET.get("list"), "holdout_percent": 10}
    form = CampaignForm(request.POST or None, authority=request.authority, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = service.create_campaign(
            request.user,
            authority=request.authority,
            outreach_list=data["outreach_list"],
            name=data["name"],
            channel=data["channel"],
            holdout_percent=data["holdout_percent"],
            messages={lang: data[f"message_{lang}"] for lang in ("he", "ar", "ru", "am")},
        )
        return redirect("outreach:campaign", pk=campaign.pk)
    return render(request, "outreach/campaign_new.html", {"form": form})


def _funnel_rows(funnel: dict[str, int]) -> list[dict[str, object]]:
    top = funnel["list"] or 1
    return [
        {"key": k, "label": _(label), "n": funnel[k], "percent": round(100 * funnel[k] / top)} for k, label in FUNNEL
    ]


@require_GET
@staff_required(VIEW_ROLES)
def campaign_detail(request: StaffRequest, pk: int) -> HttpResponse:
    campaign = access_campaign(request, pk)
    personal = request.membership.role in PERSONAL_ROLES
    funnel = campaign_funnel(campaign)
    uplift = campaign_uplift(campaign)
    context = {
        "campaign": campaign,
        "funnel": _funnel_rows(funnel),
        "funnel_raw": funnel,
        "uplift": uplift,
        "can_act": personal,
        "page": None,
    }
    if personal and campaign.status != CampaignStatus.DRAFT:
        targets = campaign.targets.filter(group=Group.TREATMENT).select_related("member").order_by("-annual", "pk")
        page = Paginator(targets, PAGE).get_page(request.GET.get("page"))
        people = contacts(request.authority, [t.member_id for t in page.object_list])
        names = program_names(translation.get_language() or "he")
        context["page"] = page
        context["rows"] = [
            {
                "target": t,
                "person": people.get(t.member_id, {}),
                "top_right": names.get(t.program_list()[0], t.program_list()[0]) if t.program_list() else "",
                "more_rights": max(0, len(t.program_list()) - 1),
            }
            for t in page.object_list
        ]
        context["contact_form"] = ContactForm()
        context["staff_logged"] = campaign.channel in {CampaignChannel.PHONE, CampaignChannel.VISIT}
        log_access(request, AccessAction.VIEW, "campaign_targets", campaign.pk)
    return render(request, "outreach/campaign.html", context)


def _act(request: StaffRequest, pk: int, action: str) -> HttpResponse:
    campaign = access_campaign(request, pk)
    try:
        if action == "launch":
            n = service.launch(request.user, campaign)
            messages.success(request, _("הקמפיין הופעל: %(n)s משקי בית.") % {"n": n})
        else:
            n = service.send_sms(request.user, campaign)
            messages.success(request, _("נשלחו %(n)s הודעות.") % {"n": n})
    except service.CampaignError as error:
        messages.error(request, str(error))
    return redirect("outreach:campaign", pk=campaign.pk)


@require_POST
@staff_required(PERSONAL_ROLES)
def campaign_launch(request: StaffRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "launch")


@require_POST
@staff_required(PERSONAL_ROLES)
def campaign_send(request: StaffRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "send")


@require_POST
@staff_required(PERSONAL_ROLES)
def campaign_letters(request: StaffRequest, pk: int) -> HttpResponse:
    campaign = access_campaign(request, pk)
    try:
        pdf = service.letters_pdf(request.user, campaign)
    except service.CampaignError as error:
        messages.error(request, str(error))
        return redirect("outreach:campaign", pk=campaign.pk)
    except OSError:  # WeasyPrint needs the Pango library, which a bare machine may lack
        return render(request, "screening/pdf_unavailable.html", status=503)
    log_access(request, AccessAction.EXPORT, "campaign_letters", campaign.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mizui-letters-{campaign.pk}.pdf"'
    return response


@require_POST
@staff_required(PERSONAL_ROLES)
def target_contact(request: StaffRequest, pk: int) -> HttpResponse:
    target = access_target(request, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("לא נרשם: %(errors)s") % {"errors": error_text(form)})
    else:
        try:
            service.log_contact(request.user, target, outcome=form.cleaned_data["outcome"])
        except service.CampaignError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("נרשם."))
    return redirect("outreach:campaign", pk=target.campaign_id)


@require_POST
@staff_required(PERSONAL_ROLES)
def target_respond(request: StaffRequest, pk: int) -> HttpResponse:
    target = access_target(request, pk)
    try:
        inquiry = service.record_response(request.user, target)
    except service.CampaignError as error:
        messages.error(request, str(error))
        return redirect("outreach:campaign", pk=target.campaign_id)
    messages.success(request, _("נפתחה פנייה חדשה מהקמפיין."))
    return redirect("cases:inquiry", pk=inquiry.pk)


@require_http_methods(["GET", "POST"])
@staff_required(PERSONAL_ROLES)
def target_call(request: StaffRequest, pk: int) -> HttpResponse:
    """A call to one household of a phone (or visit) campaign: the script in the resident's language, what the
    household may be owed now, the questions that would decide the rest; answers re-screen it at once."""
    target = access_target(request, pk)
    if target.campaign.channel not in {CampaignChannel.PHONE, CampaignChannel.VISIT} or target.group == Group.HOLDOUT:
        messages.error(request, _("שיחה מתועדת אפשרית רק למשק בית בקבוצת הפנייה של קמפיין טלפון או ביקור בית."))
        return redirect("outreach:campaign", pk=target.campaign_id)
    lang = calls.language_of(target)
    staff_lang = translation.get_language() or "he"
    try:
        state = calls.call_state(target, staff_lang)
    except eligibility.HouseholdError as error:
        messages.error(request, _("לא ניתן לבדוק את משק הבית: %(error)s") % {"error": error})
        return redirect("outreach:campaign", pk=target.campaign_id)
    names = program_names(lang)
    possible = [(p["id"], names.get(p["id"], p["id"])) for p in state.programs("eligible", "maybe")]
    form = CallForm(request.POST if request.method == "POST" else None, asks=state.asks, lang=lang, programs=possible)
    if request.method == "POST" and form.is_valid():
        before = {p["id"] for p in state.programs("eligible")}
        try:
            calls.record_answers(request.user, target, form.cleaned_data)
        except service.CampaignError as error:
            messages.error(request, str(error))
        else:
            after = calls.call_state(target, staff_lang)
            gained = [str(p["name"]) for p in after.programs("eligible") if p["id"] not in before]
            if gained:
                messages.success(
                    request, _("נרשם. עכשיו זכאים לפי התשובות: %(rights)s") % {"rights": ", ".join(gained)}
                )
            else:
                messages.success(request, _("נרשם. התשובות לא שינו את הזכויות שאושרו."))
        return redirect("outreach:target-call", pk=target.pk)
    person = {k: state.members[0].record.get(k, "") for k in ("full_name", "phone", "address")}
    log_access(request, AccessAction.VIEW, "population_member", target.member_id)
    context = {
        "target": target,
        "campaign": target.campaign,
        "person": person,
        "lang": lang,
        "script": service.script(target, person, lang),
        "eligible": state.programs("eligible"),
        "maybe": state.programs("maybe"),
        "form": form,
        "members": len(state.members),
    }
    return render(request, "outreach/call.html", context)


@require_POST
@staff_required(PERSONAL_ROLES)
def target_confirm(request: StaffRequest, pk: int) -> HttpResponse:
    target = access_target(request, pk)
    try:
        case = calls.confirm(request.user, target)
    except (service.CampaignError, eligibility.HouseholdError) as error:
        messages.error(request, str(error))
        return redirect("outreach:target-call", pk=target.pk)
    messages.success(request, _("נפתחו פנייה ותיק, והזכויות שאושרו בשיחה נרשמו ביומן הזכויות."))
    return redirect("cases:case", pk=case.pk)
