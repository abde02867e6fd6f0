"""Writing the directory (an HSDS import, or a manager's edit with its history) and answering "where does a
resident apply for this right?"."""

from __future__ import annotations

import json
import secrets
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.directory import taxonomy
from mizui.directory.exchange import DirectoryImportError, Parsed, parse
from mizui.directory.models import (
    PLACE_TEXTS,
    AuthorityLocation,
    Change,
    ChangeAction,
    Contact,
    Location,
    OfficeChange,
    Organization,
    Service,
    ServiceStatus,
)


def _save(
    model: type[models.Model], label: str, fields: dict[str, Any], *, actor: User | None = None, **lookup: Any
) -> Any:
    existing = model._default_manager.filter(**lookup).first()
    obj = existing or model(**lookup)
    names = [name for name in fields if name != "key"]
    before = _snapshot(existing, names) if existing is not None else None
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise DirectoryImportError([f"{label} {fields.get('key', '')}: {problems}"]) from error
    obj.save()
    if before is not None:
        _record_import(actor, obj, before, _snapshot(obj, names))
    return obj


def _record_import(actor: User | None, obj: Any, before: dict[str, str], after: dict[str, str]) -> None:
    """An import that changes a row already in the directory (a manager's edit overwritten by the reviewed file,
    say) is in the row's history too; rows the import creates are not (the file is their history)."""
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if not changed:
        return
    if isinstance(obj, AuthorityLocation):
        OfficeChange.objects.create(
            authority=obj.authority, user=actor, office=obj, action=ChangeAction.IMPORT, changed=changed
        )
        return
    Change.objects.create(
        user=actor,
        made_in=None,
        organization=obj if isinstance(obj, Organization) else obj.organization,
        object_type=OBJECT_TYPES[type(obj)],
        object_key=obj.key,
        object_name=str(obj),
        action=ChangeAction.IMPORT,
        changed=changed,
    )


def import_directory(actor: User | None, *, data: Any) -> dict[str, int]:
    """Create or update the directory from an HSDS document, matched on HSDS ids; all or nothing.

    Raises DirectoryImportError listing every problem found; then nothing is written.
    """
    parsed = parse(data)
    with transaction.atomic():
        orgs = {
            f["key"]: _save(Organization, "organization", f, actor=actor, key=f["key"]) for f in parsed.organizations
        }
        org = _resolver(orgs, Organization)
        locations = {
            f["key"]: _save(
                Location, "location", {**f, "organization": org(f["organization"])}, actor=actor, key=f["key"]
            )
            for f in parsed.locations
        }
        services = {}
        for f in parsed.services:
            fields = {**f, "organization": org(f["organization"])}
            service = _save(Service, "service", fields, actor=actor, key=f["key"])
            service.locations.set([_resolver(locations, Location)(k) for k in parsed.service_locations[f["key"]]])
            services[f["key"]] = service
        service_of = _resolver(services, Service)
        for f in parsed.contacts:
            fields = {**f, "organization": org(f["organization"]), "service": service_of(f["service"])}
            _save(Contact, "contact", fields, actor=actor, key=f["key"])
        local = _import_authority_locations(parsed, org, actor)
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


def _import_authority_locations(parsed: Parsed, org: Any, actor: User | None) -> int:
    count = 0
    for slug, rows in parsed.authority_locations.items():
        authority = Authority.objects.get(slug=slug)
        with tenant_context(authority):
            for f in rows:
                fields = {**f, "organization": org(f["organization"])}
                _save(AuthorityLocation, "location", fields, actor=actor, authority=authority, key=f["key"])
                count += 1
    return count


def _branch(loc: Location | AuthorityLocation, lang: str, *, local: bool) -> dict[str, Any]:
    """Where to go, in ``lang`` where a translation is stored, else in Hebrew (each text knows which: Localized)."""
    return {**{name: loc.text(name, lang) for name in PLACE_TEXTS}, "phone": loc.phone, "local": local}


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
        where = _branch(office, lang, local=True) if office is not None else None
        if where is None and branch is not None:
            where = _branch(branch, lang, local=False)
        organization = s.organization.name(lang)
        entry = {
            "service_id": s.pk,
            # Each text knows the language it is in (Localized): a page marks the Hebrew of one with no translation.
            "service": s.name(lang),
            "organization": organization,
            "lang": organization.lang,
            "phone": s.organization.phone,
            "url": s.url or s.organization.url,
            "application_process": s.text("application_process", lang),
            "documents": list(s.documents),
            "branch": where,
        }
        for pid in wanted & set(s.programs):
            found[pid].append(entry)
    return {pid: sorted(items, key=lambda item: item["branch"] is None) for pid, items in found.items()}


# What a row is called in the change log and the access log.
OBJECT_TYPES: dict[type[models.Model], str] = {
    Organization: "organization",
    Service: "service",
    Location: "location",
    Contact: "contact",
    AuthorityLocation: "office",
}


def _text(value: Any) -> str:
    """A field's value as the change log keeps it: text a person reads."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, models.QuerySet):
        return ", ".join(sorted(str(v) for v in value))
    if isinstance(value, dict):  # the translations: PostgreSQL's jsonb gives the keys back in its own order
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _snapshot(obj: models.Model, names: list[str]) -> dict[str, str]:
    values = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = _text(getattr(obj, name).all()) if obj.pk else ""
        elif isinstance(field, models.Field) and field.choices:
            value = getattr(obj, name)
            values[name] = _text(dict(field.flatchoices).get(value, value))
        else:
            values[name] = _text(getattr(obj, name))
    return values


def _new_key(model: type[models.Model], name: str, **scope: Any) -> str:
    """An HSDS id for a row added by hand: from its English (or transliterable) name, else random; never reused."""
    base = slugify(name)[:60] or OBJECT_TYPES[model]
    key = base
    while model._default_manager.filter(key=key, **scope).exists():
        key = f"{base}-{secrets.token_hex(3)}"
    return key


def save_edit(actor: User, authority: Authority, form: forms.ModelForm[Any]) -> Any:
    """Save a valid directory form (a new row, its organization already set, or an edit) with its history: who, from
    which authority, when, and each changed field before and after. A national row's history is seen by every
    authority; an office's (the authority's own AuthorityLocation) only by its authority."""
    obj = form.instance
    names = list(form.fields)
    creating = obj.pk is None
    before = {} if creating else _snapshot(type(obj)._default_manager.get(pk=obj.pk), names)
    object_type = OBJECT_TYPES[type(obj)]
    with transaction.atomic():
        if creating:
            name = getattr(obj, "name_en", "") or getattr(obj, "name_he", "") or getattr(obj, "name", "")
            scope = {"authority": authority} if isinstance(obj, AuthorityLocation) else {}
            obj.key = _new_key(type(obj), name, **scope)
        saved = form.save()
        after = _snapshot(saved, names)
        changed = {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}
        if not changed and not creating:
            return saved
        action = ChangeAction.CREATE if creating else ChangeAction.UPDATE
        if isinstance(saved, AuthorityLocation):
            OfficeChange.objects.create(authority=authority, user=actor, office=saved, action=action, changed=changed)
        else:
            Change.objects.create(
                user=actor,
                made_in=authority,
                organization=saved if isinstance(saved, Organization) else saved.organization,
                object_type=object_type,
                object_key=saved.key,
                object_name=str(saved),
                action=action,
                changed=changed,
            )
        record(
            actor=actor,
            authority=authority,
            action=AccessAction.CREATE if creating else AccessAction.UPDATE,
            object_type=f"directory_{object_type}",
            object_id=saved.pk,
        )
    return saved


def _reach(loc: Location | AuthorityLocation, lang: str) -> dict[str, Any]:
    return {**_branch(loc, lang, local=isinstance(loc, AuthorityLocation)), "url": getattr(loc, "url", "")}


def public_directory(authority: Authority | None, lang: str) -> list[dict[str, Any]]:
    """The partner services by need (Open Eligibility), for the public page: each with the rights it grants in
    `lang`, how to reach it (phone, e-mail, site) and its branches: with an authority, that authority's own offices
    and the national branches in its locality; without one, every national branch."""
    programs = {p["id"]: p["label"] for p in eligibility.programs(lang)}
    services = (
        Service.objects.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])
        .select_related("organization")
        .prefetch_related("locations")
        .order_by("organization__name_he", "name_he", "pk")
    )
    offices: dict[int, list[AuthorityLocation]] = {}
    if authority is not None:
        with tenant_context(authority):
            for office in AuthorityLocation.objects.for_authority(authority).order_by("name", "pk"):
                offices.setdefault(office.organization_id, []).append(office)
    by_need: dict[str, list[dict[str, Any]]] = {need: [] for need in [*taxonomy.NEEDS, taxonomy.OTHER_NEED]}
    for s in services:
        org = s.organization
        branches = [loc for loc in s.locations.all() if authority is None or loc.cbs_code == authority.cbs_code]
        rights = [programs[p] for p in s.programs if p in programs]
        name = s.name(lang)
        # A name not translated into the page's language is shown in Hebrew, marked as such. Then a service that
        # grants one right is titled by the right, in the page's language, its Hebrew name below (what the
        # resident will see on the agency's own forms).
        name_lang = name.lang
        by_right = name_lang != lang and len(rights) == 1
        entry = {
            "pk": s.pk,
            "title": rights[0] if by_right else name,
            "title_lang": lang if by_right else name_lang,
            "service": name if by_right else "",
            "organization": org.name(lang),
            "organization_lang": org.name(lang).lang,
            "lang": name_lang,
            "closed": s.status == ServiceStatus.TEMPORARILY_CLOSED,
            "rights": [r for r in rights if r not in (name, rights[0] if by_right else None)],
            "phone": org.phone,
            "email": s.email or org.email,
            "url": s.url or org.url,
            "site": urlsplit(s.url or org.url).netloc,
            "how": s.text("application_process", lang),
            "branches": [_reach(o, lang) for o in offices.get(org.pk, [])] + [_reach(b, lang) for b in branches],
        }
        for need in taxonomy.needs_of(s.taxonomy_terms):
            by_need[need].append(entry)
    labels = {**taxonomy.NEEDS, taxonomy.OTHER_NEED: _("שירותים נוספים")}
    return [
        {"slug": need.replace(":", "-"), "label": labels[need], "services": items}
        for need, items in by_need.items()
        if items
    ]


def remove_contact(actor: User, authority: Authority, contact: Contact) -> None:
    """Remove a contact who no longer takes referrals (a referral's SMS goes to the first contact's mobile), keeping
    who it was in the organization's history."""
    fields = ("name", "title", "service", "email", "phone")
    before = _snapshot(contact, list(fields))
    with transaction.atomic():
        Change.objects.create(
            user=actor,
            made_in=authority,
            organization=contact.organization,
            object_type="contact",
            object_key=contact.key,
            object_name=str(contact),
            action=ChangeAction.DELETE,
            changed={name: [value, ""] for name, value in before.items() if value},
        )
        record(
            actor=actor,
            authority=authority,
            action=AccessAction.UPDATE,
            object_type="directory_contact",
            object_id=contact.pk,
        )
        contact.delete()
