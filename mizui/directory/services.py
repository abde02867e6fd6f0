"""Writing the directory (an HSDS import) and answering "where does a resident apply for this right?"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.directory.exchange import DirectoryImportError, Parsed, parse
from mizui.directory.models import AuthorityLocation, Contact, Location, Organization, Service, ServiceStatus


def _save(model: type[models.Model], label: str, fields: dict[str, Any], **lookup: Any) -> Any:
    obj = model._default_manager.filter(**lookup).first() or model(**lookup)
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise DirectoryImportError([f"{label} {fields.get('key', '')}: {problems}"]) from error
    obj.save()
    return obj


def import_directory(actor: User | None, *, data: Any) -> dict[str, int]:
    """Create or update the directory from an HSDS document, matched on HSDS ids; all or nothing.

    Raises DirectoryImportError listing every problem found; then nothing is written.
    """
    parsed = parse(data)
    with transaction.atomic():
        orgs = {f["key"]: _save(Organization, "organization", f, key=f["key"]) for f in parsed.organizations}
        org = _resolver(orgs, Organization)
        locations = {
            f["key"]: _save(Location, "location", {**f, "organization": org(f["organization"])}, key=f["key"])
            for f in parsed.locations
        }
        services = {}
        for f in parsed.services:
            service = _save(Service, "service", {**f, "organization": org(f["organization"])}, key=f["key"])
            service.locations.set([_resolver(locations, Location)(k) for k in parsed.service_locations[f["key"]]])
            services[f["key"]] = service
        service_of = _resolver(services, Service)
        for f in parsed.contacts:
            fields = {**f, "organization": org(f["organization"]), "service": service_of(f["service"])}
            _save(Contact, "contact", fields, key=f["key"])
        local = _import_authority_locations(parsed, org)
    return {
        "organizations": len(orgs),
        "services": len(services),
        "locations": len(locations) + local,
        "contacts": len(parsed.contacts),
    }


def _resolver(known: dict[str, Any], model: type[models.Model]) -> Any:
    """key → the object just written, or the one already in the directory."""

    def resolve(key: str | None) -> Any:
        if not key:
            return None
        return known.get(key) or model._default_manager.get(key=key)

    return resolve


def _import_authority_locations(parsed: Parsed, org: Any) -> int:
    count = 0
    for slug, rows in parsed.authority_locations.items():
        authority = Authority.objects.get(slug=slug)
        with tenant_context(authority):
            for f in rows:
                fields = {**f, "organization": org(f["organization"])}
                _save(AuthorityLocation, "location", fields, authority=authority, key=f["key"])
                count += 1
    return count


def _branch(loc: Location | AuthorityLocation, *, local: bool) -> dict[str, Any]:
    return {
        "name": loc.name,
        "address": loc.address,
        "city": loc.city,
        "hours": loc.hours,
        "phone": loc.phone,
        "accessibility": loc.accessibility,
        "local": local,
    }


def where_to_apply(authority: Authority | None, program_id: str, lang: str) -> list[dict[str, Any]]:
    """The services that grant `program_id`, each with the branch a resident of `authority` should go to.

    The branch is the authority's own office of the organization (its arnona department, its water
    corporation) when there is one, else a national branch in the same locality (CBS code), else None.
    Services with a branch come first.
    """
    return where_to_apply_many(authority, [program_id], lang)[program_id]


def where_to_apply_many(
    authority: Authority | None, program_ids: list[str], lang: str
) -> dict[str, list[dict[str, Any]]]:
    """`where_to_apply` for several rights at once (a results page): three reads of the directory in all."""
    wanted = set(program_ids)
    services = [
        s
        for s in Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")
        if wanted & set(s.programs)
    ]
    local: dict[int, AuthorityLocation] = {}
    national: dict[int, Location] = {}
    if authority is not None and services:
        # Directory rows are public information; reading this authority's offices needs its tenant (RLS).
        with tenant_context(authority):
            offices = AuthorityLocation.objects.for_authority(authority).filter(
                organization__in={s.organization_id for s in services}
            )
            for row in offices.order_by("key"):
                local.setdefault(row.organization_id, row)
        links = Location.services.through.objects.filter(
            service__in=services, location__cbs_code=authority.cbs_code
        ).select_related("location")
        for link in links.order_by("location__key"):
            national.setdefault(link.service_id, link.location)
    found: dict[str, list[dict[str, Any]]] = {pid: [] for pid in program_ids}
    for s in services:
        office, branch = local.get(s.organization_id), national.get(s.pk)
        where = _branch(office, local=True) if office is not None else None
        if where is None and branch is not None:
            where = _branch(branch, local=False)
        entry = {
            "service_id": s.pk,
            "service": s.name(lang),
            "organization": s.organization.name(lang),
            # The directory holds Hebrew and English names: the language the names above are in, so a page in
            # Arabic or Russian marks a Hebrew run as Hebrew (branches, addresses and hours are Hebrew).
            "lang": "en" if lang == "en" and s.organization.name_en else "he",
            "phone": s.organization.phone,
            "url": s.url or s.organization.url,
            "application_process": s.application_process,
            "documents": list(s.documents),
            "branch": where,
        }
        for pid in wanted & set(s.programs):
            found[pid].append(entry)
    return {pid: sorted(items, key=lambda item: item["branch"] is None) for pid, items in found.items()}
