"""Initiatives (events, kiosks, workshops, WhatsApp groups, forum meetings), their codes, partners and decisions."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.cases.models import Barrier, BarrierKind
from mizui.cases.services.barriers import AGENCY_OF_ORGANIZATION, agency_labels
from mizui.community.models import CODE_PREFIX, Commitment, Initiative, Kind, PartnerAttendance
from mizui.community.services.training import CommunityError
from mizui.directory.models import Organization

# Letters and digits nobody confuses when reading a code off a poster (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
# How far back intake offers event codes: people come to the center weeks after a kiosk.
CODES_OFFERED_FOR = dt.timedelta(days=365)
# The forum's evidence covers barriers since the last forum meeting, or this long when there was none.
EVIDENCE_DEFAULT_PERIOD = dt.timedelta(days=90)


@dataclass(frozen=True)
class Details:
    kind: Kind
    title: str
    held_on: dt.date
    place: str = ""
    audience: str = ""
    attendance: int | None = None
    materials: str = ""
    summary: str = ""


def _new_code(kind: Kind) -> str:
    return f"{CODE_PREFIX[kind]}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))


def create_initiative(actor: User, authority: Authority, details: Details) -> Initiative:
    """A new activity with a fresh attribution code, unique in the authority."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                initiative = Initiative.objects.create(
                    authority=authority, organizer=actor, code=_new_code(details.kind), **vars(details)
                )
        except IntegrityError:
            continue
        record(
            actor=actor,
            authority=authority,
            action=AccessAction.CREATE,
            object_type="initiative",
            object_id=initiative.pk,
        )
        return initiative
    raise CommunityError(_("לא הצלחנו ליצור קוד ייחוס. נסו שוב."))


def update_initiative(actor: User, initiative: Initiative, details: Details) -> Initiative:
    if details.kind != initiative.kind:
        raise CommunityError(_("אי אפשר לשנות את סוג הפעילות אחרי שנוצרה (הקוד שלה כבר בשימוש)."))
    for name, value in vars(details).items():
        setattr(initiative, name, value)
    initiative.save(update_fields=[name for name in vars(details) if name != "kind"])
    record(
        actor=actor,
        authority=initiative.authority,
        action=AccessAction.UPDATE,
        object_type="initiative",
        object_id=initiative.pk,
    )
    return initiative


def add_partner(actor: User, initiative: Initiative, organization: Organization, *, representative: str = "") -> None:
    PartnerAttendance.objects.update_or_create(
        authority=initiative.authority,
        initiative=initiative,
        organization=organization,
        defaults={"representative": representative.strip()},
    )
    record(
        actor=actor,
        authority=initiative.authority,
        action=AccessAction.UPDATE,
        object_type="initiative",
        object_id=initiative.pk,
    )


def code_choices(authority: Authority) -> list[tuple[str, str]]:
    """The provider cases.event_codes asks at intake: this year's activities, newest first."""
    since = timezone.localdate() - CODES_OFFERED_FOR
    rows = Initiative.objects.for_authority(authority).filter(held_on__gte=since).order_by("-held_on", "-pk")
    return [
        (code, f"{code} · {title} ({held:%d.%m.%Y})")
        for code, title, held in rows.values_list("code", "title", "held_on")
    ]


# --- The forum: decisions, commitments and the barrier evidence ------------------------------------------------


def add_commitment(
    actor: User,
    meeting: Initiative,
    *,
    text: str,
    due_on: dt.date,
    owner: User | None = None,
    owner_organization: Organization | None = None,
) -> Commitment:
    if not meeting.is_forum:
        raise CommunityError(_("החלטות והתחייבויות נרשמות בפגישות פורום."))
    if owner is None and owner_organization is None:
        raise CommunityError(_("נא לבחור מי אחראי/ת: איש/אשת צוות או גוף שותף."))
    if due_on < meeting.held_on:
        raise CommunityError(_("תאריך היעד מוקדם מתאריך הפגישה."))
    commitment = Commitment.objects.create(
        authority=meeting.authority,
        meeting=meeting,
        text=text.strip(),
        due_on=due_on,
        owner=owner,
        owner_organization=owner_organization,
        created_by=actor,
    )
    record(
        actor=actor,
        authority=meeting.authority,
        action=AccessAction.CREATE,
        object_type="commitment",
        object_id=commitment.pk,
    )
    return commitment


def complete_commitment(actor: User, commitment: Commitment, *, on: dt.date | None = None) -> None:
    if commitment.done_on is not None:
        raise CommunityError(_("ההתחייבות כבר סומנה כבוצעה."))
    commitment.done_on = on or timezone.localdate()
    commitment.save(update_fields=["done_on"])
    record(
        actor=actor,
        authority=commitment.authority,
        action=AccessAction.UPDATE,
        object_type="commitment",
        object_id=commitment.pk,
    )


def evidence_period(meeting: Initiative) -> tuple[dt.date, dt.date]:
    """From the previous forum meeting (or 90 days) up to this one."""
    previous = (
        Initiative.objects.for_authority(meeting.authority)
        .filter(kind=Kind.FORUM, held_on__lt=meeting.held_on)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return previous or meeting.held_on - EVIDENCE_DEFAULT_PERIOD, meeting.held_on


def meeting_agencies(meeting: Initiative) -> list[str]:
    keys = meeting.partners.values_list("organization__key", flat=True)
    # An organization outside the catalogue (probation, Shil, the welfare department) codes its barriers by its key.
    return sorted({AGENCY_OF_ORGANIZATION.get(k, k) for k in keys})


def attach_evidence(actor: User, meeting: Initiative, *, lang: str = "he") -> dict[str, Any]:
    """Freeze the barrier counts (agency × kind, open and total) the forum discusses: coded columns only."""
    if not meeting.is_forum:
        raise CommunityError(_("ראיות על חסמים מצורפות לפגישות פורום."))
    start, end = evidence_period(meeting)
    wanted = meeting_agencies(meeting)
    rows = Barrier.objects.for_authority(meeting.authority).filter(occurred_on__gte=start, occurred_on__lte=end)
    if wanted:
        rows = rows.filter(agency__in=wanted)
    facts = list(rows.values_list("agency", "kind", "resolved_on"))
    names = agency_labels(lang)
    by_agency: dict[str, Counter[str]] = {}
    open_by_agency: Counter[str] = Counter()
    for agency, kind, resolved in facts:
        by_agency.setdefault(agency, Counter())[kind] += 1
        open_by_agency[agency] += resolved is None
    evidence = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "agencies": wanted,
        "kinds": [[kind, str(label)] for kind, label in BarrierKind.choices],
        "rows": [
            {
                "agency": agency,
                "name": str(names.get(agency, agency)),
                "counts": [counts[kind] for kind in BarrierKind.values],
                "total": sum(counts.values()),
                "open": open_by_agency[agency],
            }
            for agency, counts in sorted(by_agency.items(), key=lambda item: -sum(item[1].values()))
        ],
        "total": len(facts),
        "attached_at": timezone.now().isoformat(),
    }
    meeting.barrier_evidence = evidence
    meeting.save(update_fields=["barrier_evidence"])
    record(
        actor=actor,
        authority=meeting.authority,
        action=AccessAction.UPDATE,
        object_type="initiative",
        object_id=meeting.pk,
    )
    return evidence
