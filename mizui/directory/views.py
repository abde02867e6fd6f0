"""Staff pages of the directory: browse and search services, and one service with its branches."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

import eligibility
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.directory import taxonomy
from mizui.directory.access import access_service
from mizui.directory.forms import DirectorySearchForm
from mizui.directory.models import AuthorityLocation, Contact, Service

PAGE = 50


def _program_names(lang: str) -> dict[str, str]:
    return {p["id"]: p["label"] for p in eligibility.programs(lang)}


def _row(service: Service, programs: dict[str, str], lang: str) -> dict[str, Any]:
    return {
        "pk": service.pk,
        "name": service.name(lang),
        "organization": service.organization.name(lang),
        "programs": [programs.get(p, p) for p in service.programs],
        "terms": [taxonomy.label(t, lang) for t in service.taxonomy_terms],
    }


@require_GET
@staff_required()
def index(request: StaffRequest) -> HttpResponse:
    lang = translation.get_language() or "he"
    programs = _program_names(lang)
    used_terms = sorted({t for terms in Service.objects.values_list("taxonomy_terms", flat=True) for t in terms})
    form = DirectorySearchForm(
        request.GET,
        programs=sorted(programs.items(), key=lambda item: item[1]),
        terms=[(t, taxonomy.label(t, lang)) for t in used_terms],
    )
    rows = Service.objects.select_related("organization")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            rows = rows.filter(
                Q(name_he__icontains=q)
                | Q(name_en__icontains=q)
                | Q(organization__name_he__icontains=q)
                | Q(organization__name_en__icontains=q)
                | Q(description__icontains=q)
            )
        # Searching the JSON text portably (SQLite and PostgreSQL): an id is matched whole by its quotes,
        # and a taxonomy term by its opening quote, so a term also finds its narrower terms.
        if data["program"]:
            rows = rows.filter(programs__icontains=f'"{data["program"]}"')
        if data["term"]:
            rows = rows.filter(taxonomy_terms__icontains=f'"{data["term"]}')
    page = Paginator(rows.order_by("organization__name_he", "name_he", "pk"), PAGE).get_page(request.GET.get("page"))
    results = [_row(s, programs, lang) for s in page.object_list]
    return render(request, "directory/index.html", {"form": form, "page": page, "results": results})


@require_GET
@staff_required()
def service(request: StaffRequest, pk: int) -> HttpResponse:
    lang = translation.get_language() or "he"
    found = access_service(request, pk)
    programs = _program_names(lang)
    local = AuthorityLocation.objects.for_authority(request.authority).filter(organization=found.organization_id)
    contacts = Contact.objects.filter(organization=found.organization_id).filter(Q(service=found) | Q(service=None))
    context = {
        "service": found,
        "name": found.name(lang),
        "organization": found.organization,
        "organization_name": found.organization.name(lang),
        "programs": [programs.get(p, p) for p in found.programs],
        "terms": [taxonomy.label(t, lang) for t in found.taxonomy_terms],
        "local_branches": list(local.order_by("name")),
        "branches": list(found.locations.all()),
        "contacts": list(contacts.order_by("name")),
    }
    return render(request, "directory/service.html", context)
