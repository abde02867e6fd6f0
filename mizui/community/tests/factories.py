"""Small make_* helpers for community's tests (and the access matrix, which names them by string)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import ConsentMethod
from mizui.community.models import (
    CaseStory,
    ChecklistItem,
    Commitment,
    Course,
    Initiative,
    Kind,
    Lead,
    QualityReview,
    RecruitedVia,
    RightsTrustee,
    SupervisionSession,
    Volunteer,
)
from mizui.community.services import initiatives, stories, supervision, trustees, volunteers
from mizui.community.services.training import record_training
from mizui.test import make_case, make_membership, make_user

TIER_COURSES = {
    "none": (),
    "screen": (Course.ORIENTATION, Course.SCREENING),
    "documents": (Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS),
    "forms": (Course.ORIENTATION, Course.SCREENING, Course.DOCUMENTS, Course.FORMS),
}


def _actor(authority: Authority) -> User:
    membership = Membership.objects.for_authority(authority).filter(role=Role.MANAGER).select_related("user").first()
    assert membership is not None, "the authority needs a manager to record community work"
    return membership.user


def make_volunteer(
    authority: Authority,
    *,
    user: User | None = None,
    tier: str = "screen",
    languages: tuple[str, ...] = ("he",),
    neighbourhood: str = "רובע ג׳",
    email: str = "",
) -> Volunteer:
    """A volunteer with a profile and the trainings of `tier` (existing user: their membership is reused)."""
    with tenant_context(authority):
        if user is None:
            user = make_user(email or f"v{Volunteer.objects.count()}-{authority.slug}@v.test", "מתנדבת בדיקה")
            membership = make_membership(user, authority, Role.VOLUNTEER)
        else:
            membership = Membership.objects.for_authority(authority).get(user=user)
        actor = _actor(authority)
        profile = volunteers.Profile(list(languages), neighbourhood, ["0"], "", [])
        volunteer = volunteers.register_volunteer(actor, membership, profile=profile)
        for course in TIER_COURSES[tier]:
            record_training(actor, membership, course=course, completed_on=dt.date(2026, 1, 1))
        volunteer.membership.refresh_from_db()
        return volunteer


def make_trustee(authority: Authority, *, user: User | None = None, trained: bool = True) -> RightsTrustee:
    with tenant_context(authority):
        if user is None:
            user = make_user(f"t{RightsTrustee.objects.count()}-{authority.slug}@t.test", "נאמנת בדיקה")
            membership = make_membership(user, authority, Role.TRUSTEE)
        else:
            membership = Membership.objects.for_authority(authority).get(user=user)
        actor = _actor(authority)
        trustee = trustees.register_trustee(
            actor, membership, neighbourhood="רובע א׳", languages=["he"], recruited_via=RecruitedVia.WORD
        )
        if trained:
            for course in (Course.ORIENTATION, Course.TRUSTEE):
                record_training(actor, membership, course=course, completed_on=dt.date(2026, 1, 1))
        trustee.refresh_from_db()
        return trustee


def make_lead(authority: Authority, trustee: RightsTrustee | None = None, **overrides: Any) -> Lead:
    trustee = trustee or make_trustee(authority)
    fields = {
        "full_name": "ולנטינה אורלוב",
        "phone": "0527770001",
        "language": "ru",
        "need": "השלמת הכנסה",
        "consent_method": ConsentMethod.VERBAL,
        **overrides,
    }
    with tenant_context(authority):
        return trustees.register_lead(trustee.user, trustee, **fields)


def make_initiative(authority: Authority, kind: Kind = Kind.KIOSK, **overrides: Any) -> Initiative:
    fields = {"kind": kind, "title": "עמדת מידע בשוק", "held_on": timezone.localdate(), **overrides}
    with tenant_context(authority):
        return initiatives.create_initiative(_actor(authority), authority, initiatives.Details(**fields))


def make_commitment(authority: Authority, meeting: Initiative | None = None, **overrides: Any) -> Commitment:
    meeting = meeting or make_initiative(authority, Kind.FORUM, title="פורום רבעוני")
    with tenant_context(authority):
        actor = _actor(authority)
        fields = {"text": "לקבוע איש קשר קבוע", "due_on": meeting.held_on + dt.timedelta(days=14), "owner": actor}
        return initiatives.add_commitment(actor, meeting, **{**fields, **overrides})


def make_checklist_item(authority: Authority, text: str = "המסמכים תואמים את הזכות") -> ChecklistItem:
    with tenant_context(authority):
        return supervision.add_item(_actor(authority), authority, text)


def make_session(authority: Authority, volunteer: Volunteer | None = None) -> SupervisionSession:
    volunteer = volunteer or make_volunteer(authority)
    with tenant_context(authority):
        actor = _actor(authority)
        return supervision.record_session(
            actor,
            authority,
            supervisor=actor,
            held_on=timezone.localdate(),
            volunteers=[volunteer],
            topics=["documents"],
            notes="דיברנו על מסמכי הבנק",
        )


def make_review(
    authority: Authority, volunteer: Volunteer | None = None, *, feedback: str = "לצרף תמיד את אישור הבנק"
) -> QualityReview:
    volunteer = volunteer or make_volunteer(authority)
    case = make_case(authority, volunteer=volunteer.user)
    with tenant_context(authority):
        items = list(ChecklistItem.objects.for_authority(authority).current()) or [make_checklist_item(authority)]
        return supervision.record_review(
            _actor(authority),
            volunteer,
            case=case,
            reviewed_on=timezone.localdate(),
            answers={item.pk: "not_met" for item in items},
            outcome="improve",
            feedback=feedback,
        )


def make_agency_link(authority: Authority, organization: Any = None) -> tuple[Any, str]:
    """An agency link of `authority` (default: a new organization) and its token."""
    from mizui.community.models import AgencyLink
    from mizui.community.services.agencies import issue_link
    from mizui.directory.models import Organization

    if organization is None:
        organization = Organization.objects.create(key=f"org-{Organization.objects.count()}", name_he="גוף בדיקה")
    with tenant_context(authority):
        token = issue_link(_actor(authority), authority, organization, contact="מנהלת הסניף")
        return AgencyLink.objects.for_authority(authority).filter(organization=organization).latest("pk"), token


def make_story(authority: Authority, text: str = "התושבת קיבלה השלמת הכנסה אחרי ערעור.") -> CaseStory:
    """A draft story from a closed case, written by the authority's manager."""
    from mizui.cases.models import Case, CaseStatus

    case = make_case(authority)
    with tenant_context(authority):
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
        case.refresh_from_db()
        return stories.write_story(_actor(authority), case, text=text, consent_method=ConsentMethod.SIGNATURE)
