"""The directory's pages. Staff: browse and search services, one service with its branches, the organizations
with their services, branches, contacts and history, and (managers) adding and editing them. Public: the partner
services by need, in the resident's language.

Organizations, services, national branches and contacts are national (decision 0007): any member may open them,
and managers, the national team and administrators may edit them, each edit in a history every authority sees.
An authority's own office is opened only through access_office (404 for another authority).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import eligibility
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import Authority, Role
from mizui.accounts.ratelimit import rate_limited
from mizui.directory import services, taxonomy
from mizui.directory.access import (
    access_contact,
    access_location,
    access_office,
    access_organization,
    access_service,
)
from mizui.directory.forms import (
    ContactForm,
    DirectorySearchForm,
    LocationForm,
    OfficeForm,
    OrganizationForm,
    PublicDirectoryForm,
    ServiceForm,
)
from mizui.directory.models import (
    AuthorityLocation,
    Change,
    Channel,
    Contact,
    Location,
    OfficeChange,
    Organization,
    Service,
)

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
        "channels": [label for value, label in _channel_choices() if value in found.organization.channels],
        "may_edit": may_edit(request),
    }
    return render(request, "directory/service.html", context)


# Who may add and edit the directory. A national row changes for every authority, so its edits are in a history
# every authority reads (organization page); an office belongs to the editor's authority only.
EDITORS = frozenset({Role.MANAGER, Role.NATIONAL, Role.ADMIN})


def may_edit(request: StaffRequest) -> bool:
    return request.membership.role in EDITORS


@require_GET
@staff_required()
def organizations(request: StaffRequest) -> HttpResponse:
    labels = dict(_channel_choices())
    rows = [
        {"org": org, "channels": [labels.get(c, c) for c in org.channels]}
        for org in Organization.objects.annotate(service_count=Count("services")).order_by("name_he")
    ]
    return render(request, "directory/organizations.html", {"organizations": rows, "may_edit": may_edit(request)})


def _history(request: StaffRequest, organization: Organization) -> list[dict[str, Any]]:
    """National edits of the organization and its rows, and this authority's edits of its own offices, newest first."""
    entries: list[dict[str, Any]] = []
    national = Change.objects.filter(organization=organization).select_related("user", "made_in")
    for change in national[:50]:
        entries.append(
            {
                "at": change.at,
                "who": change.user.full_name if change.user else "",
                "where": change.made_in.name_he if change.made_in else "",
                "what": change.object_name,
                "action": change.get_action_display(),
                "fields": _fields(change.object_type, change.changed),
            }
        )
    local = OfficeChange.objects.for_authority(request.authority).filter(office__organization=organization)
    for office_change in local.select_related("user", "office")[:50]:
        entries.append(
            {
                "at": office_change.at,
                "who": office_change.user.full_name if office_change.user else "",
                "where": "",
                "what": office_change.office.name,
                "action": office_change.get_action_display(),
                "fields": _fields("office", office_change.changed),
            }
        )
    return sorted(entries, key=lambda e: e["at"], reverse=True)[:50]


MODELS: dict[str, type[Any]] = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "contact": Contact,
    "office": AuthorityLocation,
}


def _fields(object_type: str, changed: dict[str, list[str]]) -> list[dict[str, str]]:
    """Each changed field by its label (the model's verbose name), with the values before and after."""
    model = MODELS.get(object_type)
    rows = []
    for name, (before, after) in changed.items():
        try:
            label = str(model._meta.get_field(name).verbose_name) if model else name
        except FieldDoesNotExist:  # a field removed since: its name will do
            label = name
        rows.append({"label": label, "before": before, "after": after})
    return rows


@require_GET
@staff_required()
def organization(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    offices = AuthorityLocation.objects.for_authority(request.authority).filter(organization=org).order_by("name")
    context = {
        "organization": org,
        "channels": [label for value, label in _channel_choices() if value in org.channels],
        "services": list(org.services.order_by("name_he")),
        "locations": list(org.locations.prefetch_related("services").order_by("city", "name")),
        "offices": list(offices),
        "contacts": list(org.contacts.select_related("service").order_by("name")),
        "history": _history(request, org),
        "may_edit": may_edit(request),
    }
    return render(request, "directory/organization.html", context)


def _channel_choices() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in Channel.choices]


def _edit(
    request: StaffRequest, form: forms.ModelForm[Any], *, title: str, organization: Organization | None
) -> HttpResponse:
    """The one edit page of the directory: the form, then back to the organization with its history."""
    if request.method == "POST" and form.is_valid():
        saved = services.save_edit(request.user, request.authority, form)
        messages.success(request, _("השינויים נשמרו ונרשמו בהיסטוריה."))
        return redirect("directory:organization", pk=(organization or saved).pk)
    back = organization.pk if organization is not None else None
    return render(request, "directory/edit.html", {"form": form, "title": title, "back": back})


def _data(request: StaffRequest) -> Any:
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def organization_add(request: StaffRequest) -> HttpResponse:
    form = OrganizationForm(_data(request))
    return _edit(request, form, title=_("ארגון חדש"), organization=None)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def organization_edit(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    form = OrganizationForm(_data(request), instance=org)
    return _edit(request, form, title=_("עריכת %(name)s") % {"name": org.name_he}, organization=org)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def service_add(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    form = ServiceForm(_data(request), instance=Service(organization=org))
    return _edit(request, form, title=_("שירות חדש של %(name)s") % {"name": org.name_he}, organization=org)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def service_edit(request: StaffRequest, pk: int) -> HttpResponse:
    found = access_service(request, pk)
    form = ServiceForm(_data(request), instance=found)
    return _edit(request, form, title=_("עריכת %(name)s") % {"name": found.name_he}, organization=found.organization)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def location_add(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    form = LocationForm(_data(request), instance=Location(organization=org), organization=org)
    return _edit(request, form, title=_("סניף ארצי חדש של %(name)s") % {"name": org.name_he}, organization=org)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def location_edit(request: StaffRequest, pk: int) -> HttpResponse:
    found = access_location(request, pk)
    form = LocationForm(_data(request), instance=found, organization=found.organization)
    return _edit(request, form, title=_("עריכת %(name)s") % {"name": found.name}, organization=found.organization)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def office_add(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    form = OfficeForm(_data(request), instance=AuthorityLocation(authority=request.authority, organization=org))
    title = _("סניף מקומי חדש של %(name)s") % {"name": org.name_he}
    return _edit(request, form, title=title, organization=org)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def office_edit(request: StaffRequest, pk: int) -> HttpResponse:
    found = access_office(request, pk)
    form = OfficeForm(_data(request), instance=found)
    return _edit(request, form, title=_("עריכת %(name)s") % {"name": found.name}, organization=found.organization)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def contact_add(request: StaffRequest, pk: int) -> HttpResponse:
    org = access_organization(request, pk)
    form = ContactForm(_data(request), instance=Contact(organization=org), organization=org)
    return _edit(request, form, title=_("איש קשר חדש ב%(name)s") % {"name": org.name_he}, organization=org)


@require_http_methods(["GET", "POST"])
@staff_required(EDITORS)
def contact_edit(request: StaffRequest, pk: int) -> HttpResponse:
    found = access_contact(request, pk)
    form = ContactForm(_data(request), instance=found, organization=found.organization)
    return _edit(request, form, title=_("עריכת %(name)s") % {"name": found.name}, organization=found.organization)


@require_POST
@staff_required(EDITORS)
def contact_remove(request: StaffRequest, pk: int) -> HttpResponse:
    found = access_contact(request, pk)
    services.remove_contact(request.user, request.authority, found)
    messages.success(request, _("איש הקשר %(name)s הוסר; הוא נשאר בהיסטוריה.") % {"name": found.name})
    return redirect("directory:organization", pk=found.organization_id)


@require_GET
@rate_limited("directory", limit=120, window=60)
def public(request: HttpRequest) -> HttpResponse:
    """The partner services by need, for anyone, in the page's language; with a city, its own offices too."""
    lang = translation.get_language() or "he"
    cities = [(a.slug, *a.name(lang)) for a in Authority.objects.filter(is_active=True).order_by("name_he")]
    form = PublicDirectoryForm(request.GET or None, cities=cities)
    authority = None
    if form.is_bound and form.is_valid() and form.cleaned_data["city"]:
        authority = Authority.objects.filter(slug=form.cleaned_data["city"], is_active=True).first()
    context = {"form": form, "authority": authority, "needs": services.public_directory(authority, lang)}
    return render(request, "directory/public.html", context)
