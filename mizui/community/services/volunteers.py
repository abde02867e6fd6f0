"""Volunteers: profiles, trainings that unlock tiers, matching and assignment to cases, hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import TIER_ORDER, AccessAction, Membership, Role, User, VolunteerTier
from mizui.cases import services as cases
from mizui.cases.models import Case, CaseEvent, CaseStatus, EventKind
from mizui.community.models import Activity, HoursEntry, Initiative, Volunteer
from mizui.community.services.training import CommunityError, update_tier


@dataclass(frozen=True)
class Profile:
    languages: list[str]
    neighbourhood: str
    available_days: list[str]
    availability_note: str
    skills: list[str]


def register_volunteer(actor: User, membership: Membership, *, profile: Profile) -> Volunteer:
    """Give a volunteer member a profile; from now on their tier follows their trainings."""
    if membership.role != Role.VOLUNTEER:
        raise CommunityError(_("אפשר ליצור פרופיל מתנדב/ת רק לחבר/ת צוות בתפקיד מתנדב/ת."))
    if Volunteer.objects.filter(membership=membership).exists():
        raise CommunityError(_("למתנדב/ת הזה/זו כבר יש פרופיל."))
    with transaction.atomic():
        volunteer = Volunteer.objects.create(authority=membership.authority, membership=membership, **vars(profile))
        update_tier(membership)
        record(
            actor=actor,
            authority=membership.authority,
            action=AccessAction.CREATE,
            object_type="volunteer",
            object_id=volunteer.pk,
        )
    return volunteer


def update_profile(actor: User, volunteer: Volunteer, *, profile: Profile) -> Volunteer:
    for name, value in vars(profile).items():
        setattr(volunteer, name, value)
    volunteer.save(update_fields=list(vars(profile)))
    record(
        actor=actor,
        authority=volunteer.authority,
        action=AccessAction.UPDATE,
        object_type="volunteer",
        object_id=volunteer.pk,
    )
    return volunteer


# --- Matching and assignment ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    volunteer: Volunteer
    speaks: bool  # the resident's language
    nearby: bool  # the chosen area
    open_cases: int

    @property
    def score(self) -> int:
        return 2 * self.speaks + 2 * self.nearby


def area_of(case: Case, areas: list[str]) -> str:
    """The volunteers' neighbourhood named in the resident's address, if any (the address stays encrypted)."""
    address = case.resident.address
    return next((area for area in sorted(areas, key=len, reverse=True) if area and area in address), "")


def neighbourhoods(authority_volunteers: list[Volunteer]) -> list[str]:
    return sorted({v.neighbourhood for v in authority_volunteers if v.neighbourhood})


def matches(case: Case, *, area: str, tier: VolunteerTier) -> list[Match]:
    """Active volunteers whose tier allows the work, best first: speaks the resident's language, lives nearby,
    then the fewest open cases."""
    volunteers = (
        Volunteer.objects.for_authority(case.authority)
        .filter(is_active=True, membership__is_active=True, membership__user__is_active=True)
        .select_related("membership__user")
    )
    allowed = {t.value for t in TIER_ORDER[TIER_ORDER.index(tier) :]}
    volunteers = volunteers.filter(membership__volunteer_tier__in=allowed)
    users = [v.membership.user_id for v in volunteers]
    load = dict(
        Case.objects.for_authority(case.authority)
        .filter(volunteer__in=users)
        .exclude(status=CaseStatus.CLOSED)
        .values_list("volunteer")
        .annotate(n=Count("id"))
        .values_list("volunteer", "n")
    )
    language = case.resident.preferred_language
    found = [
        Match(v, language in v.languages, bool(area) and v.neighbourhood == area, load.get(v.membership.user_id, 0))
        for v in volunteers
    ]
    return sorted(found, key=lambda m: (-m.score, m.open_cases, m.volunteer.membership.user.full_name))


def assign_volunteer(actor: User, case: Case, volunteer: Volunteer) -> None:
    if volunteer.authority_id != case.authority_id or not volunteer.is_active:
        raise CommunityError(_("המתנדב/ת אינו/ה פעיל/ה ברשות הזו."))
    if not volunteer.membership.reaches(VolunteerTier.SCREEN):
        raise CommunityError(_("המתנדב/ת עוד לא סיים/ה את ההכשרה הבסיסית, ולכן אי אפשר לשייך אליו/ה תיק."))
    cases.assign(actor, case, lawyer=case.lawyer, coordinator=case.coordinator, volunteer=volunteer.user)


def assigned_cases(volunteer: Volunteer) -> list[Case]:
    return list(
        Case.objects.for_authority(volunteer.authority)
        .filter(volunteer=volunteer.membership.user)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-opened_at")
    )


# --- Hours ---------------------------------------------------------------------------------------------------


def log_hours(
    actor: User,
    volunteer: Volunteer,
    *,
    on: dt.date,
    hours: Decimal,
    activity: Activity,
    case: Case | None = None,
    initiative: Initiative | None = None,
) -> HoursEntry:
    if on > timezone.localdate():
        raise CommunityError(_("אי אפשר לרשום שעות לתאריך עתידי."))
    if not Decimal("0.25") <= hours <= 12:
        raise CommunityError(_("מספר השעות צריך להיות בין רבע שעה ל-12 שעות."))
    if case is not None and case.volunteer_id != volunteer.membership.user_id:
        raise CommunityError(_("התיק אינו משויך למתנדב/ת הזה/זו."))
    entry = HoursEntry.objects.create(
        authority=volunteer.authority,
        volunteer=volunteer,
        on=on,
        hours=hours,
        activity=activity,
        case=case,
        initiative=initiative,
        recorded_by=actor,
    )
    record(
        actor=actor, authority=volunteer.authority, action=AccessAction.CREATE, object_type="hours", object_id=entry.pk
    )
    return entry


def hours_between(volunteer: Volunteer, start: dt.date, end: dt.date) -> Decimal:
    entries = HoursEntry.objects.filter(volunteer=volunteer, on__gte=start, on__lte=end)
    return sum((e.hours for e in entries), start=Decimal(0))


def without_profile(authority_memberships: list[Membership]) -> list[Membership]:
    """Volunteer members of the authority who have no profile yet (to offer in the "add" form)."""
    taken = set(Volunteer.objects.filter(membership__in=authority_memberships).values_list("membership", flat=True))
    return [m for m in authority_memberships if m.pk not in taken]


def escalations(volunteer: Volunteer) -> int:
    """How often this volunteer handed a case to a lawyer (cases.services.escalate)."""
    events = CaseEvent.objects.for_authority(volunteer.authority)
    return events.filter(kind=EventKind.ESCALATED, actor=volunteer.membership.user).count()
