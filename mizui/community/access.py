"""access_* helpers of community (docs/decisions/0006): 404 for another authority's object, and for a trustee,
for any lead that is not their own."""

from __future__ import annotations

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import Role
from mizui.community.models import (
    AgencyLink,
    CaseStory,
    ChecklistItem,
    Commitment,
    Initiative,
    Lead,
    QualityReview,
    RightsTrustee,
    SupervisionSession,
    Volunteer,
)


def access_volunteer(request: StaffRequest, pk: int) -> Volunteer:
    return fetch_for_authority(
        request, Volunteer.objects.select_related("membership__user"), pk, object_type="volunteer"
    )


def access_trustee(request: StaffRequest, pk: int) -> RightsTrustee:
    return fetch_for_authority(
        request, RightsTrustee.objects.select_related("membership__user"), pk, object_type="trustee"
    )


def access_lead(request: StaffRequest, pk: int) -> Lead:
    leads = Lead.objects.select_related("inquiry__case", "trustee")
    if request.membership.role == Role.TRUSTEE:
        leads = leads.filter(trustee__membership=request.membership)
    return fetch_for_authority(request, leads, pk, object_type="lead")


def access_initiative(request: StaffRequest, pk: int) -> Initiative:
    return fetch_for_authority(request, Initiative.objects.select_related("organizer"), pk, object_type="initiative")


def access_commitment(request: StaffRequest, pk: int) -> Commitment:
    return fetch_for_authority(request, Commitment.objects.select_related("meeting"), pk, object_type="commitment")


def access_session(request: StaffRequest, pk: int) -> SupervisionSession:
    return fetch_for_authority(
        request, SupervisionSession.objects.select_related("supervisor"), pk, object_type="supervision"
    )


def access_checklist_item(request: StaffRequest, pk: int) -> ChecklistItem:
    return fetch_for_authority(request, ChecklistItem.objects.all(), pk, object_type="checklist_item")


def access_review(request: StaffRequest, pk: int) -> QualityReview:
    """A quality review; a volunteer reaches only the reviews of their own work (their feedback)."""
    reviews = QualityReview.objects.select_related("volunteer__membership__user", "reviewer", "case")
    if request.membership.role == Role.VOLUNTEER:
        reviews = reviews.filter(volunteer__membership=request.membership)
    return fetch_for_authority(request, reviews, pk, object_type="quality_review")


def access_agency_link(request: StaffRequest, pk: int) -> AgencyLink:
    return fetch_for_authority(
        request, AgencyLink.objects.select_related("organization"), pk, object_type="agency_link"
    )


def own_volunteer(request: StaffRequest) -> Volunteer | None:
    """The signed-in volunteer's own profile in this authority, if the center created one."""
    return Volunteer.objects.for_authority(request.authority).filter(membership=request.membership).first()


def own_trustee(request: StaffRequest) -> RightsTrustee | None:
    return RightsTrustee.objects.for_authority(request.authority).filter(membership=request.membership).first()


def access_story(request: StaffRequest, pk: int) -> CaseStory:
    """A case story of this authority; every view is in the access log."""
    return fetch_for_authority(
        request, CaseStory.objects.select_related("case", "author", "approved_by", "meeting"), pk, object_type="story"
    )
