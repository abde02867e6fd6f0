"""Residents: creation with blind indexes, duplicate detection and merging, consent."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.cases.models import (
    Case,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Entitlement,
    Household,
    HouseholdRole,
    Inquiry,
    NameToken,
    Resident,
)
from mizui.directory.models import Organization
from mizui.lib.crypto import blind_index

NAME_PREFIX = 2  # the shortest start of a name that finds it ("כה" finds כהן)
DIGITS_PREFIX = 4  # the shortest start of an ID number or a phone that finds it


def _words(name: str) -> set[str]:
    """Words of a name, normalized (case, niqqud, punctuation)."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return {w for w in re.split(r"[\s\-'\"׳״.,]+", text) if len(w) >= NAME_PREFIX}


def name_tokens(name: str) -> set[str]:
    """What a name is found by, as blind indexes: each start of each of its words, from two letters."""
    return {blind_index(w[:n], "name-prefix") for w in _words(name) for n in range(NAME_PREFIX, len(w) + 1)}


def number_tokens(id_number: str, phone: str) -> set[str]:
    """Each start of the ID number and the phone, from four digits, as blind indexes (the whole numbers have
    their own exact indexes on the resident)."""
    out = set()
    for value in (id_number, phone):
        digits = re.sub(r"\D", "", value or "")
        out |= {blind_index(digits[:n], "digits-prefix") for n in range(DIGITS_PREFIX, len(digits))}
    return out


def _query_tokens(word: str) -> list[str]:
    # A resident indexed before starts were (whole words only) is still found by a whole word.
    return [blind_index(word, "name-prefix"), blind_index(word, "name")]


@dataclass(frozen=True)
class ResidentData:
    full_name: str
    id_number: str = ""
    phone: str = ""
    birth_date: dt.date | None = None
    name_ar: str = ""
    name_ru: str = ""
    name_latin: str = ""
    address: str = ""
    preferred_language: str = "he"
    no_letters: bool = False
    no_sms: bool = False
    sensitivity: str = ""


def _index_names(resident: Resident) -> None:
    NameToken.objects.filter(resident=resident).delete()
    tokens = set().union(
        *(name_tokens(n) for n in (resident.full_name, resident.name_ar, resident.name_ru, resident.name_latin)),
        number_tokens(resident.id_number, resident.phone),
    )
    NameToken.objects.bulk_create(NameToken(authority=resident.authority, resident=resident, token=t) for t in tokens)


def create_resident(
    actor: User | None,
    *,
    authority: Authority,
    data: ResidentData,
    household: Household | None = None,
    role: HouseholdRole = HouseholdRole.APPLICANT,
) -> Resident:
    with transaction.atomic():
        household = household or Household.objects.create(authority=authority)
        resident = Resident.objects.create(
            authority=authority,
            household=household,
            household_role=role,
            full_name=data.full_name,
            name_ar=data.name_ar,
            name_ru=data.name_ru,
            name_latin=data.name_latin,
            id_number=data.id_number,
            id_index=blind_index(data.id_number, "id") if data.id_number else "",
            birth_date=data.birth_date,
            phone=data.phone,
            phone_index=blind_index(data.phone, "phone") if data.phone else "",
            address=data.address,
            preferred_language=data.preferred_language,
            no_letters=data.no_letters,
            no_sms=data.no_sms,
            sensitivity=data.sensitivity,
        )
        _index_names(resident)
        record(
            actor=actor, authority=authority, action=AccessAction.CREATE, object_type="resident", object_id=resident.pk
        )
    return resident


def find_duplicates(authority: Authority, *, id_number: str = "", phone: str = "") -> list[Resident]:
    """Residents of this authority with the same ID number or phone (exact, through the blind indexes)."""
    match = Q()
    if id_number:
        match |= Q(id_index=blind_index(id_number, "id"))
    if phone:
        match |= Q(phone_index=blind_index(phone, "phone"))
    if not match:
        return []
    return list(Resident.objects.for_authority(authority).active().filter(match).order_by("pk"))


def search_residents(authority: Authority, query: str, *, limit: int = 50) -> list[Resident]:
    """By ID number or phone (exact), by the start of either (four digits or more), or by the start of each word of
    a name ("מרי כה" finds מרים כהן); every word must match."""
    from mizui.lib.phone import normalize_il_phone
    from mizui.lib.teudat_zehut import normalize_id_number

    residents = Resident.objects.for_authority(authority).active()
    if (idn := normalize_id_number(query.strip())) is not None:
        return list(residents.filter(id_index=blind_index(idn, "id"))[:limit])
    if (phone := normalize_il_phone(query)) is not None:
        return list(residents.filter(phone_index=blind_index(phone, "phone"))[:limit])
    digits = re.sub(r"[\s\-]", "", query)
    if digits.isdigit():
        if len(digits) < DIGITS_PREFIX:
            return []
        start = NameToken.objects.filter(token=blind_index(digits, "digits-prefix")).values("resident_id")
        return list(residents.filter(pk__in=start).order_by("-pk")[:limit])
    words = _words(query)
    if not words:
        return []
    for word in words:
        found = NameToken.objects.filter(token__in=_query_tokens(word)).values("resident_id")
        residents = residents.filter(pk__in=found)
    return list(residents.order_by("-pk")[:limit])


def merge_residents(actor: User, *, keep: Resident, duplicate: Resident) -> Resident:
    """Move everything of `duplicate` to `keep` (after the user confirmed they are one person)."""
    if keep.pk == duplicate.pk or keep.authority_id != duplicate.authority_id:
        raise ValueError("merge needs two different residents of one authority")
    with transaction.atomic():
        Inquiry.objects.filter(resident=duplicate).update(resident=keep)
        Case.objects.filter(resident=duplicate).update(resident=keep)
        Consent.objects.filter(resident=duplicate).update(resident=keep)
        Entitlement.objects.filter(household=duplicate.household).exclude(
            program__in=Entitlement.objects.filter(household=keep.household).values("program")
        ).update(household=keep.household)
        Case.objects.filter(household=duplicate.household).update(household=keep.household)
        for field in ("id_number", "phone", "address", "name_ar", "name_ru", "name_latin"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        if not keep.id_index:
            keep.id_index = duplicate.id_index
        if not keep.phone_index:
            keep.phone_index = duplicate.phone_index
        keep.birth_date = keep.birth_date or duplicate.birth_date
        duplicate.merged_into = keep
        duplicate.id_index = ""
        duplicate.save(update_fields=["merged_into", "id_index"])
        keep.save(
            update_fields=[
                "id_number",
                "phone",
                "address",
                "name_ar",
                "name_ru",
                "name_latin",
                "id_index",
                "phone_index",
                "birth_date",
            ]
        )
        _index_names(keep)
        record(
            actor=actor,
            authority=keep.authority,
            action=AccessAction.UPDATE,
            object_type="resident",
            object_id=f"{duplicate.pk}→{keep.pk}",
        )
    return keep


def give_consent(
    actor: User | None,
    *,
    resident: Resident,
    purpose: ConsentPurpose,
    method: ConsentMethod,
    expires_on: dt.date | None = None,
    partner: str = "",
    organization: Organization | None = None,
    agency_type: str = "",
    reason: str = "",
    identifiers: Iterable[str] = (),
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record a consent. One to share names its recipient from the directory (`organization`, or `agency_type`, an
    Open Eligibility need); `partner` then keeps the name it had, as the resident was told it."""
    if organization is not None and not partner:
        partner = organization.name_he
    consent = Consent.objects.create(
        authority=resident.authority,
        resident=resident,
        purpose=purpose,
        method=method,
        expires_on=expires_on,
        partner=partner,
        organization=organization,
        agency_type=agency_type,
        reason=reason,
        identifiers=sorted(set(identifiers)),
        given_at=given_at or timezone.now(),
    )
    record(
        actor=actor,
        authority=resident.authority,
        action=AccessAction.CREATE,
        object_type="consent",
        object_id=consent.pk,
    )
    return consent


def has_consent(resident: Resident, purpose: ConsentPurpose, *, partner: str = "", on: dt.date | None = None) -> bool:
    consents = Consent.objects.filter(resident=resident, purpose=purpose)
    if partner:
        consents = consents.filter(partner=partner)
    return any(c.is_valid(on) for c in consents)
