"""access_* helpers of community (docs/decisions/0006): 404 for another authority's object, and for a trustee,
for any lead that is not their own."""

from __future__ import annotations

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import Role
from mizui.community.models import Commitment, Initiative, Lead, RightsTrustee, Volunteer


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


def own_volunteer(request: StaffRequest) -> Volunteer | None:
    """The signed-in volunteer's own profile in this authority, if the center created one."""
    return Volunteer.objects.for_authority(request.authority).filter(membership=request.membership).first()


def own_trustee(request: StaffRequest) -> RightsTrustee | None:
    return RightsTrustee.objects.for_authority(request.authority).filter(membership=request.membership).first()
