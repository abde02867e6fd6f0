"""The public screener: no login, a few questions per screen, answers kept in the session only."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, cast

from cryptography.fernet import InvalidToken
from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import eligibility
from eligibility.i18n import pick
from mizui.accounts.models import Authority
from mizui.accounts.ratelimit import rate_limited
from mizui.directory.services import where_to_apply_many
from mizui.lib import crypto
from mizui.lib.forms import DatePartsField
from mizui.lib.money import format_shekels
from mizui.screening import questionnaire
from mizui.screening.forms import FORMS, StartForm, StepForm, WhatIfForm, question_form
from mizui.screening.presenters import Card, Question, by_question, first_steps, group, total, with_places
from mizui.screening.services import count_anonymous, run_screening

SESSION_KEY = "screener"
# A resident's answers (a household's health, income and family) last two hours after their last step, so a shared
# computer in a library or at the center does not show them to the next person; the start page says so.
# Staff sessions keep their 30 minutes.
SCREENER_IDLE_SECONDS = 2 * 60 * 60
PUBLIC_RATE: dict[str, Any] = {"limit": 120, "window": 60}

TITLES = {
    "household": gettext_lazy("מי גר איתך"),
    "children": gettext_lazy("הילדים"),
    "work": gettext_lazy("עבודה"),
    "health": gettext_lazy("בריאות ונכות"),
    "background": gettext_lazy("עוד כמה פרטים"),
    "income": gettext_lazy("הכנסות"),
    "home": gettext_lazy("הדירה והחסכונות"),
    "benefits": gettext_lazy("מה כבר מקבלים"),
}
INTROS = {
    "household": gettext_lazy("נתחיל ממך וממי שגר איתך. אין צורך בשם או במספר זהות."),
    "income": gettext_lazy("הכנסות בחודש רגיל, לפני ניכויים. אם לא יודעים בדיוק, אפשר להעריך."),
    "health": gettext_lazy("השאלות האלה עוזרות לגלות הנחות וקצבאות שקשורות לבריאות."),
}


def _state(request: HttpRequest) -> dict[str, Any]:
    cast(Any, request).no_store = True  # every screener page may show answers: no browser or proxy keeps it
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {"answers": {}, "done": [], "authority": None}
    return state


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = state
    request.session.set_expiry(SCREENER_IDLE_SECONDS)


def _screen(state: dict[str, Any]) -> dict[str, Any]:
    household = questionnaire.household(state["answers"], authority=state.get("authority"))
    return run_screening(household, lang=translation.get_language() or "he")


def _authority_choices() -> list[tuple[str, str]]:
    """Each city in the page's language; one with no name in it keeps its Hebrew name."""
    lang = translation.get_language() or "he"
    return [(a.slug, a.name(lang)[0]) for a in Authority.objects.filter(is_active=True)]


@require_http_methods(["GET", "POST"])
@rate_limited("screener", **PUBLIC_RATE)
def start(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        languages=[(code, name) for code, name in settings.LANGUAGES],
        authorities=_authority_choices(),
        initial={"language": translation.get_language(), "authority": state.get("authority") or ""},
    )
    if request.method == "POST" and form.is_valid():
        state["authority"] = form.cleaned_data["authority"] or None
        _save(request, state)
        language = form.cleaned_data["language"]
        translation.activate(language)
        response = redirect("screening:step", slug="household")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite="Lax",
        )
        return response
    return render(request, "screening/start.html", {"form": form, "resuming": bool(state["done"])})


def _consistent(form: StepForm, state: dict[str, Any]) -> bool:
    """Answers that cannot all be true (a child born before the parents, a partner under 16, an immigration date
    before birth) stay on the step, the message in the resident's language at the field it is about, or above the
    form when that field was answered on another step."""
    answers = {**state["answers"], **form.to_answers()}
    household = questionnaire.household(answers, authority=state.get("authority"))
    try:
        eligibility.validate_household(household)
    except eligibility.HouseholdError as error:
        lang = translation.get_language() or "he"
        roles = [member.get("role") for member in household["members"]]
        for problem in error.errors:
            text = pick(problem["message"], lang)  # a message made to follow a field's name: a sentence here
            form.add_error(_form_field(problem["field"], roles, form), text[:1].upper() + text[1:])
        return False
    return True


def _form_field(path: str, roles: list[str | None], form: StepForm) -> str | None:
    """The step's field a household path (members[2].birth_date) was asked by, if this step asked it."""
    match = re.fullmatch(r"members\[(\d+)\]\.(\w+)", path)
    if match is None:
        return None
    index, name = int(match[1]), match[2]
    role = roles[index] if index < len(roles) else None
    field = {
        "applicant": name,
        "partner": f"partner_{name}",
        "child": f"child_{roles[:index].count('child') + 1}" if name == "birth_date" else None,
    }.get(role or "")
    return field if field in form.fields else None


def _still_open(state: dict[str, Any]) -> tuple[set[str], set[str]]:
    """From the answers so far: the questions a "maybe" still hangs on, and the rights still possible."""
    so_far = _screen(state)
    possible = {p["id"] for p in so_far["programs"] if p["status"] != "not_eligible"}
    return questionnaire.missing_questions(so_far), possible


def _authority(state: dict[str, Any]) -> Authority | None:
    return Authority.objects.filter(slug=state.get("authority") or "", is_active=True).first()


def _progress(state: dict[str, Any], slug: str, missing: set[str]) -> tuple[list[str], int]:
    steps = questionnaire.plan(state["answers"], [*state["done"], slug], missing)
    return steps, steps.index(slug) + 1 if slug in steps else len(steps)


@require_http_methods(["GET", "POST"])
@rate_limited("screener", **PUBLIC_RATE)
def step(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in FORMS:
        raise Http404
    state = _state(request)
    if slug != "household" and "household" not in state["done"]:
        return redirect("screening:step", slug="household")
    # What the answers so far leave open decides which questions this step still asks, and which benefits the
    # "what do you already get" list offers. Before the first answer everything may matter.
    missing, possible = _still_open(state) if state["done"] else (None, None)
    form = FORMS[slug](
        request.POST if request.method == "POST" else None, answers=state["answers"], missing=missing, possible=possible
    )
    if request.method == "POST" and form.is_valid() and _consistent(form, state):
        state["answers"].update(form.to_answers())
        if slug not in state["done"]:
            state["done"].append(slug)
        _save(request, state)
        missing = questionnaire.missing_questions(_screen(state))
        following = questionnaire.next_step(state["answers"], state["done"], missing)
        if following:
            return redirect("screening:step", slug=following)
        # The first time through, and when a change started there, the answers are shown for checking.
        return (
            redirect("screening:check")
            if not state.get("checked") or request.GET.get("next") == "check"
            else (redirect("screening:results"))
        )
    if missing is None:
        missing = questionnaire.every_question()
    steps, position = _progress(state, slug, missing)
    back = (
        reverse("screening:step", kwargs={"slug": steps[position - 2]}) if position > 1 else reverse("screening:start")
    )
    context = {
        "form": form,
        "slug": slug,
        "title": TITLES[slug],
        "intro": INTROS.get(slug, ""),
        "position": position,
        "total": len(steps) + 1,  # the results are the last screen
        "back": back,
    }
    return render(request, "screening/step.html", context)


def _shown(field: forms.Field, value: Any) -> str:
    """An answer as the resident gave it: a choice's label, a date as day.month.year, a sum in shekels."""
    if value in (None, "", []):
        return ""
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(cast(Any, field.choices))
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        key = ("yes" if value else "no") if isinstance(value, bool) else value
        return str(dict(cast(Any, field.choices)).get(key, value))
    if isinstance(field, forms.BooleanField):
        return str(_("כן") if value else _("לא"))
    if isinstance(field, DatePartsField):
        when = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return when.strftime("%d.%m.%Y")
    if isinstance(field, forms.DecimalField):
        return format_shekels(value)
    return str(value)


def _was_asked(form: StepForm, field: forms.Field) -> bool:
    """Whether a question revealed by another answer was asked (the partner's details only with a partner)."""
    when = getattr(field, "reveal_when", None)
    if when is None:
        return True
    given = form.initial.get(when[0])
    given = ("yes" if given else "no") if isinstance(given, bool) else given
    wanted = when[1].split(" ")  # a question some answers reveal (the registration, for anyone not working)
    return any(value in wanted for value in (given if isinstance(given, list) else [given]))


@require_http_methods(["GET", "POST"])
@rate_limited("screener", **PUBLIC_RATE)
def check(request: HttpRequest) -> HttpResponse:
    """Check your answers: every answer given, step by step, with a link to change it; then the results."""
    state = _state(request)
    if "household" not in state["done"]:
        return redirect("screening:start")
    if request.method == "POST":
        state["checked"] = True
        _save(request, state)
        return redirect("screening:results")
    missing, possible = _still_open(state)
    sections = []
    for slug in [s.slug for s in questionnaire.STEPS if s.slug in state["done"]]:
        form = FORMS[slug](answers=state["answers"], missing=missing, possible=possible)
        rows = [
            {"label": field.label, "value": shown, "anchor": name}
            for name, field in form.fields.items()
            if _was_asked(form, field) and (shown := _shown(field, form.get_initial_for_field(field, name)))
        ]
        if rows:
            sections.append({"slug": slug, "title": TITLES[slug], "rows": rows})
    return render(request, "screening/check.html", {"sections": sections})


def _results_context(result: dict[str, Any], authority: Authority | None) -> dict[str, Any]:
    groups = _groups_with_places(result, authority)
    return {
        "groups": groups,
        "total": total(groups),
        "first_steps": first_steps(groups),
        "questions": by_question(groups["maybe"], questionnaire.step_asking()),
        "result": result,
        "authority": authority,
    }


# A shared summary: the answers, encrypted under the field keys into the link itself (nothing kept on the server),
# readable for 30 days by whoever the resident gives it to (a caseworker, a son).
SHARE_DAYS = 30
SHARE_PREFIX = "share:"


@require_http_methods(["POST"])
@rate_limited("screener", **PUBLIC_RATE)
def share(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if "household" not in state["done"]:
        return redirect("screening:start")
    payload = json.dumps({"answers": state["answers"], "authority": state.get("authority")}, separators=(",", ":"))
    token = crypto.encrypt(SHARE_PREFIX + payload)
    link = request.build_absolute_uri(reverse("screening:shared", kwargs={"token": token}))
    return render(request, "screening/share.html", {"link": link, "days": SHARE_DAYS})


@require_GET
@rate_limited("screener", **PUBLIC_RATE)
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The results a resident shared, read-only, in the reader's language, while the link is valid."""
    cast(Any, request).no_store = True
    try:
        plain = crypto.fernet().decrypt(token.encode(), ttl=SHARE_DAYS * 24 * 60 * 60).decode()
    except (InvalidToken, ValueError):
        return render(request, "screening/shared_expired.html", {"days": SHARE_DAYS}, status=410)
    if not plain.startswith(SHARE_PREFIX):
        return render(request, "screening/shared_expired.html", {"days": SHARE_DAYS}, status=410)
    data = json.loads(plain.removeprefix(SHARE_PREFIX))
    state = {"answers": data["answers"], "authority": data.get("authority")}
    result = _screen(state)
    authority = _authority(state)
    context = _results_context(result, authority) | {"shared": True, "share_days": SHARE_DAYS}
    return render(request, "screening/results.html", context)


def _groups_with_places(result: dict[str, Any], authority: Authority | None) -> dict[str, Any]:
    claimable = [p["id"] for p in result["programs"] if p["status"] in {"eligible", "maybe"}]
    places = where_to_apply_many(authority, claimable, translation.get_language() or "he")
    return with_places(group(result), places)


def _fingerprint(result: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(result["programs"], sort_keys=True).encode()).hexdigest()[:16]


def _apply_what_if(answers: dict[str, Any], data: dict[str, Any]) -> None:
    for key in ("income_work", "rent_monthly"):
        if data.get(key) is not None:
            answers[key] = float(data[key])
    count = data["children_count"]
    born = list(answers.get("children_birth_dates") or [])
    # A what-if child is a newborn: the question is "what changes if a baby arrives?".
    born += [dt.date.today().isoformat()] * max(0, count - len(born))  # noqa: DTZ011
    answers["children_birth_dates"] = born[:count]
    answers["children_count"] = count


def _what_if_form(answers: dict[str, Any], data: Any = None) -> WhatIfForm:
    initial = {
        "income_work": answers.get("income_work"),
        "rent_monthly": answers.get("rent_monthly"),
        "children_count": answers.get("children_count") or 0,
    }
    return WhatIfForm(data, initial=initial)


def _possible(result: dict[str, Any]) -> set[str]:
    return {p["id"] for p in result["programs"] if p["status"] != "not_eligible"}


def _ask_inline(
    questions: list[Question], state: dict[str, Any], result: dict[str, Any], invalid: tuple[str, StepForm] | None
) -> None:
    """Each question a resident can answer gets its own small form under the rights it decides; the one just
    answered wrongly keeps its answer and its message."""
    missing, possible = questionnaire.missing_questions(result), _possible(result)
    for question in questions:
        if invalid is not None and invalid[0] == question.id:
            question.form = invalid[1]
        elif question.step is not None:
            question.form = question_form(
                question.id, question.step, answers=state["answers"], missing=missing, possible=possible
            )


def _results_page(
    request: HttpRequest,
    state: dict[str, Any],
    *,
    what_if: WhatIfForm,
    change: dict[str, Any] | None = None,
    before: dict[str, list[Card]] | None = None,
    invalid: tuple[str, StepForm] | None = None,
) -> HttpResponse:
    """The results; ``change`` what an answer changed, or ``before`` the rights before a what-if, to say it."""
    result = _screen(state)
    authority = _authority(state)
    if authority is not None and not state.get("counted"):
        # Counted once per resident's session; what-if changes are not new screenings.
        count_anonymous(authority, result)
        state["counted"] = _fingerprint(result)
        _save(request, state)
    context = _results_context(result, authority)
    _ask_inline(context["questions"], state, result, invalid)
    if before is not None:
        change = _what_changed(before, context["groups"])
    context |= {"what_if": what_if, "change": change, "share_days": SHARE_DAYS}
    if invalid is not None:
        context["form"] = invalid[1]  # "Error:" in the page's title
    htmx = getattr(request, "htmx", False)
    template = "screening/results.html#results-list" if htmx else "screening/results.html"
    return render(request, template, context)


CHANGE_KEY = "change"  # what an answer on the results page changed, shown once after the redirect


@require_http_methods(["GET", "POST"])
@rate_limited("screener", **PUBLIC_RATE)
@gzip_page  # phones on slow networks; the page holds no secret an attacker could probe (CSRF tokens are masked)
def results(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if "household" not in state["done"]:
        return redirect("screening:start")
    what_if = _what_if_form(state["answers"], request.POST if request.method == "POST" else None)
    change = state.pop(CHANGE_KEY, None)
    if change is not None:
        _save(request, state)
    before = None
    if request.method == "POST" and what_if.is_valid():
        before = group(_screen(state))
        _apply_what_if(state["answers"], what_if.cleaned_data)
        _save(request, state)
    return _results_page(request, state, what_if=what_if, change=change, before=before)


@require_POST
@rate_limited("screener", **PUBLIC_RATE)
@gzip_page
def answer(request: HttpRequest, question: str) -> HttpResponse:
    """One open question answered on the results page, under the "maybe" rights it decides: the household is
    screened again and the page says what the answer changed. A plain form post, so it works without JavaScript;
    a wrong answer shows the results again with the message at the question."""
    state = _state(request)
    if "household" not in state["done"]:
        return redirect("screening:start")
    step = questionnaire.step_asking().get(question)
    if step is None:
        raise Http404
    so_far = _screen(state)
    missing = questionnaire.missing_questions(so_far) | {question}
    possible = _possible(so_far)
    form = question_form(question, step, request.POST, answers=state["answers"], missing=missing, possible=possible)
    if form is None:
        return redirect("screening:step", slug=step)
    if not (form.is_valid() and _consistent(form, state)):
        return _results_page(request, state, what_if=_what_if_form(state["answers"]), invalid=(question, form))
    state["answers"].update(form.to_answers())
    state[CHANGE_KEY] = _what_changed(group(so_far), group(_screen(state)))
    _save(request, state)
    return redirect("screening:results")


def _what_changed(before: dict[str, list[Card]], after: dict[str, list[Card]]) -> dict[str, Any]:
    """What an answer or a what-if changed: the monthly total, which rights became likely or stopped being, and
    which that were open are now settled as not likely."""
    was, now = ({c.id: c.name for c in g["eligible"]} for g in (before, after))
    ruled_out = {c.id for c in after["not_eligible"]}
    was_total, now_total = total(before), total(after)
    return {
        "monthly_before": was_total.monthly_max,
        "monthly_after": now_total.monthly_max,
        "difference": now_total.monthly_max - was_total.monthly_max,
        "gained": [name for pid, name in now.items() if pid not in was],
        "lost": [name for pid, name in was.items() if pid not in now],
        "ruled_out": [c.name for c in before["maybe"] if c.id in ruled_out],
    }


@require_GET
@rate_limited("screener-pdf", limit=20, window=60)
def summary_pdf(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if "household" not in state["done"]:
        return redirect("screening:start")
    result = _screen(state)
    authority = _authority(state)
    context = {"groups": _groups_with_places(result, authority), "result": result}
    html = render_to_string("screening/summary_pdf.html", context, request=request)
    try:
        from weasyprint import HTML
    except OSError:  # WeasyPrint needs the Pango library, which a bare machine may lack
        return render(request, "screening/pdf_unavailable.html", status=503)
    pdf = cast(bytes, HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mizui-summary.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response


@require_http_methods(["POST"])
def reset(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("screening:start")
