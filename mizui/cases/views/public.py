from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from mizui.accounts.models import Authority
from mizui.accounts.ratelimit import rate_limited
from mizui.cases import event_codes
from mizui.cases.forms import HelpRequestForm
from mizui.cases.services import request_help
from mizui.screening import questionnaire
from mizui.screening.services import run_screening
from mizui.screening.views import SESSION_KEY

HELP_SENT = "help_sent_to"


@require_http_methods(["GET", "POST"])
@rate_limited("help-request", limit=10, window=3600, methods=("POST",))  # submissions, not views
def help_request(request: HttpRequest) -> HttpResponse:
    """The resident's "ask the center for help": creates an inquiry in the chosen authority."""
    language = translation.get_language() or "he"
    state = request.session.get(SESSION_KEY) or {}
    has_answers = "household" in state.get("done", [])
    authorities = list(Authority.objects.filter(is_active=True))
    choices = [(a.slug, a.name_he if language == "he" else a.name_en) for a in authorities]
    form = HelpRequestForm(
        request.POST if request.method == "POST" else None,
        authorities=choices,
        has_answers=has_answers,
        initial={
            "authority": state.get("authority"),
            "preferred_language": language,
            "event_code": request.GET.get("event", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        authority = next(a for a in authorities if a.slug == data["authority"])
        screening = None
        if has_answers and data.get("consent_keep_answers"):
            household = questionnaire.household(state["answers"], authority=authority.slug)
            screening = (household, run_screening(household, lang=language))
        request_help(
            authority=authority,
            full_name=data["full_name"],
            phone=data["phone"],
            language=data["preferred_language"],
            note=data["note"],
            screening=screening,
            event_code=event_codes.known(authority, data["event_code"]),
        )
        request.session[HELP_SENT] = authority.name_he if language == "he" else authority.name_en
        return redirect("cases:help-thanks")
    return render(request, "cases/help.html", {"form": form, "has_answers": has_answers})


@require_GET
def help_thanks(request: HttpRequest) -> HttpResponse:
    city = request.session.get(HELP_SENT)
    if city is None:
        return redirect("cases:help")
    return render(request, "cases/help_thanks.html", {"city": city})
