"""access_* helpers for the cases app, built on accounts.access.fetch_for_authority.

They live here rather than in accounts/access.py because accounts sits below cases in the layers
contract (docs/decisions/0006-access-helpers-per-app.md). Each answers 404 for another authority's object
and, for volunteers, for any case not assigned to them.
"""

from __future__ import annotations

from django.http import Http404

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.audit import log_access
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Role, VolunteerTier
from mizui.cases.models import Barrier, Case, Document, Entitlement, Inquiry, Referral, Resident, Task


def is_volunteer(request: StaffRequest) -> bool:
    return request.membership.role in {Role.VOLUNTEER, Role.TRUSTEE}


def volunteer_may(request: StaffRequest, tier: VolunteerTier) -> bool:
    """Staff may everything their role allows; a volunteer only what their training tier unlocked.

    Tiers (accounts.VolunteerTier, set by community from trainings): screen a resident → gather documents →
    fill forms. A volunteer with no tier yet reaches no case at all.
    """
    return not is_volunteer(request) or request.membership.reaches(tier)


def _deny(request: StaffRequest, object_type: str, pk: int) -> Http404:
    log_access(request, AccessAction.DENIED, object_type, pk)
    return Http404()


def access_case(request: StaffRequest, pk: int) -> Case:
    cases = Case.objects.select_related("resident", "household", "lawyer", "coordinator", "volunteer")
    if is_volunteer(request):
        if not volunteer_may(request, VolunteerTier.SCREEN):
            raise _deny(request, "case", pk)
        cases = cases.filter(volunteer=request.user)
    return fetch_for_authority(request, cases, pk, object_type="case")


def access_inquiry(request: StaffRequest, pk: int) -> Inquiry:
    if is_volunteer(request):
        raise _deny(request, "inquiry", pk)
    return fetch_for_authority(request, Inquiry.objects.select_related("screening"), pk, object_type="inquiry")


def access_resident(request: StaffRequest, pk: int) -> Resident:
    if is_volunteer(request):
        raise _deny(request, "resident", pk)
    return fetch_for_authority(request, Resident.objects.select_related("household"), pk, object_type="resident")


def access_entitlement(request: StaffRequest, pk: int) -> Entitlement:
    entitlement = fetch_for_authority(
        request, Entitlement.objects.select_related("case"), pk, object_type="entitlement"
    )
    if is_volunteer(request) and (
        entitlement.case.volunteer_id != request.user.pk or not volunteer_may(request, VolunteerTier.FORMS)
    ):
        raise _deny(request, "entitlement", pk)
    return entitlement


def access_task(request: StaffRequest, pk: int) -> Task:
    task = fetch_for_authority(request, Task.objects.select_related("case"), pk, object_type="task")
    if is_volunteer(request) and task.case.volunteer_id != request.user.pk:
        raise _deny(request, "task", pk)
    return task


def access_document(request: StaffRequest, pk: int) -> Document:
    document = fetch_for_authority(request, Document.objects.select_related("case"), pk, object_type="document")
    if is_volunteer(request) and (
        document.case.volunteer_id != request.user.pk or not volunteer_may(request, VolunteerTier.DOCUMENTS)
    ):
        raise _deny(request, "document", pk)
    return document


def access_barrier(request: StaffRequest, pk: int) -> Barrier:
    # Staff only (the barrier views refuse volunteers by role), so no assignment check as for cases.
    return fetch_for_authority(request, Barrier.objects.select_related("case"), pk, object_type="barrier")


def access_referral(request: StaffRequest, pk: int) -> Referral:
    """A referral of this authority, for staff who work cases (volunteers do not see referrals)."""
    if is_volunteer(request):
        raise _deny(request, "referral", pk)
    referrals = Referral.objects.select_related(
        "case", "case__resident", "service", "service__organization", "sent_by", "authority"
    )
    return fetch_for_authority(request, referrals, pk, object_type="referral")
