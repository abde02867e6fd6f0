"""Between the directory's rows and an HSDS document (hsds.py): export, and checked parsing for import."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import eligibility
from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.directory import taxonomy
from mizui.directory.hsds import (
    CHANNEL_TAXONOMY,
    HSDS_VERSION,
    OPEN_ELIGIBILITY,
    PROGRAM_TAXONOMY,
    SMS_PHONE_TYPES,
    Document,
)
from mizui.directory.models import (
    AuthorityLocation,
    Channel,
    Contact,
    Location,
    Organization,
    Service,
    ServiceStatus,
)

KEY = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


class DirectoryImportError(Exception):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def _phones(number: str) -> list[dict[str, str]]:
    return [{"number": number}] if number else []


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """HSDS leaves out what is not known: no empty strings, no empty lists."""
    return {k: v for k, v in obj.items() if v not in ("", [], None)}


def _translations(row: Organization | Service | Location | AuthorityLocation) -> dict[str, dict[str, str]]:
    """A row's texts in other languages, as our HSDS extension ``x_translations`` carries them (HSDS has no field
    for them): {"ar": {"name": "..."}}, each language's empty texts left out."""
    out = {lang: {k: v for k, v in texts.items() if v} for lang, texts in sorted((row.translations or {}).items())}
    return {lang: texts for lang, texts in out.items() if texts}


def _organization(o: Organization) -> dict[str, Any]:
    return _compact(
        {
            "id": o.key,
            "name": o.name_he,
            "alternate_name": o.name_en,
            "description": o.description,
            "website": o.url,
            "email": o.email,
            "phones": _phones(o.phone) + ([{"number": o.mobile, "type": "text"}] if o.mobile else []),
            "attributes": [{"taxonomy_term_id": f"{CHANNEL_TAXONOMY}/{c}"} for c in o.channels],
            "x_sla_days": str(o.sla_days),
            "x_translations": _translations(o),
        }
    )


def _service(s: Service) -> dict[str, Any]:
    attributes = [{"taxonomy_term_id": f"{PROGRAM_TAXONOMY}/{p}"} for p in s.programs]
    attributes += [{"taxonomy_term_id": f"{OPEN_ELIGIBILITY}/{t}"} for t in s.taxonomy_terms]
    return _compact(
        {
            "id": s.key,
            "organization_id": s.organization.key,
            "name": s.name_he,
            "alternate_name": s.name_en,
            "description": s.description,
            "url": s.url,
            "email": s.email,
            "status": s.status,
            "application_process": s.application_process,
            "required_documents": [{"document": d} for d in s.documents],
            "attributes": attributes,
            "service_at_locations": [{"location_id": loc.key} for loc in s.locations.all()],
            "x_translations": _translations(s),
        }
    )


def _location(loc: Location | AuthorityLocation, organization_key: str) -> dict[str, Any]:
    common = {
        "id": loc.key,
        "organization_id": organization_key,
        "location_type": "physical",
        "name": loc.name,
        "addresses": [_compact({"address_1": loc.address, "city": loc.city, "country": "IL"})],
        "phones": _phones(loc.phone),
        "schedules": [{"description": loc.hours}] if loc.hours else [],
        "accessibility": [{"description": loc.accessibility}] if loc.accessibility else [],
        "x_translations": _translations(loc),
    }
    if isinstance(loc, AuthorityLocation):
        return _compact({**common, "url": loc.url, "x_authority": loc.authority.slug})
    cbs = {"external_identifier": str(loc.cbs_code), "external_identifier_type": "cbs_locality"} if loc.cbs_code else {}
    return _compact({**common, **cbs})


def _contact(c: Contact) -> dict[str, Any]:
    return _compact(
        {
            "id": c.key,
            "organization_id": c.organization.key,
            "service_id": c.service.key if c.service else "",
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
            "phones": _phones(c.phone),
        }
    )


def authority_locations() -> list[AuthorityLocation]:
    """Every authority's local offices: each read inside its own tenant (row-level security)."""
    found: list[AuthorityLocation] = []
    for authority in Authority.objects.order_by("slug"):
        with tenant_context(authority):
            rows = AuthorityLocation.objects.for_authority(authority).select_related("organization", "authority")
            found.extend(rows.order_by("key"))
    return found


def to_document() -> Document:
    services = Service.objects.select_related("organization").prefetch_related("locations").order_by("key")
    locations = Location.objects.select_related("organization").order_by("key")
    return {
        "hsds_version": HSDS_VERSION,
        "organizations": [_organization(o) for o in Organization.objects.order_by("key")],
        "services": [_service(s) for s in services],
        "locations": [_location(loc, loc.organization.key) for loc in locations]
        + [_location(loc, loc.organization.key) for loc in authority_locations()],
        "contacts": [_contact(c) for c in Contact.objects.select_related("organization", "service").order_by("key")],
    }


@dataclass
class Parsed:
    """An HSDS document checked and turned into model field values, ready to write."""

    organizations: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    # authority slug → that authority's offices
    authority_locations: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    contacts: list[dict[str, Any]] = field(default_factory=list)
    # service key → location keys (HSDS service_at_location)
    service_locations: dict[str, list[str]] = field(default_factory=dict)


class _Checker:
    def __init__(self, data: Any) -> None:
        self.errors: list[str] = []
        if not isinstance(data, dict):
            raise DirectoryImportError(["the file is not an HSDS JSON object"])
        self.data = data
        self.programs = {p["id"] for p in eligibility.programs()}
        self.terms = taxonomy.terms()
        self.authorities = set(Authority.objects.values_list("slug", flat=True))
        self.seen: dict[str, set[str]] = defaultdict(set)

    def rows(self, plural: str) -> list[dict[str, Any]]:
        rows = self.data.get(plural, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            self.errors.append(f"{plural}: must be a list of objects")
            return []
        return rows

    def key(self, table: str, row: dict[str, Any]) -> str:
        key = str(row.get("id", ""))
        if not KEY.match(key):
            self.errors.append(f"{table} {key or '(no id)'}: id must be 1-80 letters, digits, '-' or '_'")
        elif key in self.seen[table]:
            self.errors.append(f"{table} {key}: the id appears twice")
        self.seen[table].add(key)
        if not str(row.get("name", "")).strip():
            self.errors.append(f"{table} {key}: name is missing")
        return key

    def ref(self, table: str, key: str, target: str, value: Any, existing: set[str]) -> str:
        found = str(value or "")
        if found not in self.seen[target] and found not in existing:
            self.errors.append(f"{table} {key}: {target}_id {found or '(empty)'} is not in the file or the directory")
        return found


def _parse_translations(c: _Checker, table: str, key: str, row: dict[str, Any]) -> dict[str, Any]:
    """``x_translations`` as stored; its languages and names are checked when the row is (Translated.clean)."""
    found = row.get("x_translations") or {}
    if isinstance(found, str):  # a CSV cell holds it as JSON text
        try:
            found = json.loads(found)
        except ValueError:
            found = None
    if not isinstance(found, dict):
        c.errors.append(f"{table} {key}: x_translations must be an object of languages")
        return {}
    return found


def _first(row: dict[str, Any], plural: str, name: str) -> str:
    items = row.get(plural) or []
    return str(items[0].get(name, "")) if items and isinstance(items[0], dict) else ""


def _phone_numbers(row: dict[str, Any]) -> tuple[str, str]:
    """(the first voice number, the first number that takes SMS) of a row's HSDS phones."""
    phones = [p for p in row.get("phones") or [] if isinstance(p, dict)]
    sms = [str(p.get("number", "")) for p in phones if p.get("type") in SMS_PHONE_TYPES]
    voice = [str(p.get("number", "")) for p in phones if p.get("type") not in SMS_PHONE_TYPES]
    return (voice[0] if voice else ""), (sms[0] if sms else "")


def _parse_organization(c: _Checker, row: dict[str, Any]) -> dict[str, Any]:
    key = c.key("organization", row)
    channels = []
    for attribute in row.get("attributes") or []:
        taxonomy_name, _, code = str(attribute.get("taxonomy_term_id", "")).partition("/")
        if taxonomy_name == CHANNEL_TAXONOMY and code in Channel.values:
            channels.append(code)
        else:
            c.errors.append(f"organization {key}: unknown attribute {taxonomy_name}/{code}")
    sla = str(row.get("x_sla_days", "") or "14")
    if not sla.isdigit():
        c.errors.append(f"organization {key}: x_sla_days must be a number of days")
    phone, mobile = _phone_numbers(row)
    return {
        "key": key,
        "name_he": str(row.get("name", "")),
        "name_en": str(row.get("alternate_name", "")),
        "description": str(row.get("description", "")),
        "url": str(row.get("website", "")),
        "email": str(row.get("email", "")),
        "phone": phone,
        "mobile": mobile,
        "channels": channels,
        "sla_days": int(sla) if sla.isdigit() else 14,
        "translations": _parse_translations(c, "organization", key, row),
    }


def parse(data: Any) -> Parsed:
    """Check a whole HSDS document; raise DirectoryImportError listing every problem, or return it parsed."""
    c = _Checker(data)
    out = Parsed()
    orgs = set(Organization.objects.values_list("key", flat=True))
    for row in c.rows("organizations"):
        out.organizations.append(_parse_organization(c, row))
    for row in c.rows("locations"):
        key = c.key("location", row)
        fields = {
            "key": key,
            "organization": c.ref("location", key, "organization", row.get("organization_id"), orgs),
            "name": str(row.get("name", "")),
            "address": _first(row, "addresses", "address_1"),
            "city": _first(row, "addresses", "city"),
            "hours": _first(row, "schedules", "description"),
            "phone": _first(row, "phones", "number"),
            "accessibility": _first(row, "accessibility", "description"),
            "translations": _parse_translations(c, "location", key, row),
        }
        authority = str(row.get("x_authority", ""))
        if authority:
            if authority not in c.authorities:
                c.errors.append(f"location {key}: x_authority {authority} is not an authority here")
            out.authority_locations[authority].append({**fields, "url": str(row.get("url", ""))})
            continue
        cbs = str(row.get("external_identifier", ""))
        if cbs and not cbs.isdigit():
            c.errors.append(f"location {key}: external_identifier must be a CBS locality code (digits)")
        out.locations.append({**fields, "cbs_code": int(cbs) if cbs.isdigit() else None})
    locations = set(Location.objects.values_list("key", flat=True))
    for row in c.rows("services"):
        out.services.append(_parse_service(c, row, orgs, locations, out))
    services = set(Service.objects.values_list("key", flat=True))
    for row in c.rows("contacts"):
        key = c.key("contact", row)
        service = str(row.get("service_id", ""))
        out.contacts.append(
            {
                "key": key,
                "organization": c.ref("contact", key, "organization", row.get("organization_id"), orgs),
                "service": c.ref("contact", key, "service", service, services) if service else None,
                "name": str(row.get("name", "")),
                "title": str(row.get("title", "")),
                "department": str(row.get("department", "")),
                "email": str(row.get("email", "")),
                "phone": _first(row, "phones", "number"),
            }
        )
    if c.errors:
        raise DirectoryImportError(c.errors)
    return out


def _parse_service(
    c: _Checker, row: dict[str, Any], orgs: set[str], locations: set[str], out: Parsed
) -> dict[str, Any]:
    key = c.key("service", row)
    programs, terms = [], []
    for attribute in row.get("attributes") or []:
        taxonomy_name, _, code = str(attribute.get("taxonomy_term_id", "")).partition("/")
        if taxonomy_name == PROGRAM_TAXONOMY and code in c.programs:
            programs.append(code)
        elif taxonomy_name == OPEN_ELIGIBILITY and code in c.terms:
            terms.append(code)
        else:
            c.errors.append(f"service {key}: unknown taxonomy term {taxonomy_name}/{code}")
    status = str(row.get("status", ServiceStatus.ACTIVE))
    if status not in ServiceStatus.values:
        c.errors.append(f"service {key}: status {status} is not one of {', '.join(ServiceStatus.values)}")
    # Only national locations take service_at_location rows: an authority's office serves its organization.
    national = locations | {loc["key"] for loc in out.locations}
    out.service_locations[key] = [str(sal.get("location_id", "")) for sal in row.get("service_at_locations") or []]
    for location in out.service_locations[key]:
        if location not in national:
            c.errors.append(f"service {key}: location_id {location or '(empty)'} is not a national location")
    return {
        "key": key,
        "organization": c.ref("service", key, "organization", row.get("organization_id"), orgs),
        "name_he": str(row.get("name", "")),
        "name_en": str(row.get("alternate_name", "")),
        "description": str(row.get("description", "")),
        "url": str(row.get("url", "")),
        "email": str(row.get("email", "")),
        "status": status,
        "application_process": str(row.get("application_process", "")),
        "programs": programs,
        "documents": [str(d.get("document", "")) for d in row.get("required_documents") or []],
        "taxonomy_terms": terms,
        "translations": _parse_translations(c, "service", key, row),
    }
