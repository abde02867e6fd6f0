"""Trainings: what each course unlocks. A volunteer's tier and a trustee's recruitment stage follow from them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import TIER_ORDER, AccessAction, Membership, User, VolunteerTier
from mizui.community.models import (
    TIER_COURSES,
    TRUSTEE_COURSES,
    Course,
    Recruitment,
    RightsTrustee,
    TrainingCompletion,
    Volunteer,
)


class CommunityError(ValueError):
    """A change community refuses, with a message for the user (Hebrew first)."""


def courses_done(membership: Membership) -> set[str]:
    return set(TrainingCompletion.objects.filter(membership=membership).values_list("course", flat=True))


def tier_for(done: set[str]) -> VolunteerTier:
    """The highest tier whose courses are all done."""
    reached = VolunteerTier.NONE
    for tier in TIER_ORDER[1:]:
        if TIER_COURSES[tier] <= done:
            reached = tier
    return reached


def next_courses(done: set[str]) -> tuple[VolunteerTier | None, list[Course]]:
    """The next tier to unlock and the courses still missing for it (None at the top)."""
    current = TIER_ORDER.index(tier_for(done))
    if current + 1 >= len(TIER_ORDER):
        return None, []
    tier = TIER_ORDER[current + 1]
    return tier, [Course(c) for c in Course.values if c in TIER_COURSES[tier] and c not in done]


def update_tier(membership: Membership) -> VolunteerTier:
    """Write the tier the trainings unlock onto the membership, where cases reads it; one tier lower while a
    quality review holds the volunteer back (until a re-training is recorded)."""
    tier = tier_for(courses_done(membership))
    if Volunteer.objects.filter(membership=membership, held_back_since__isnull=False).exists():
        tier = TIER_ORDER[max(0, TIER_ORDER.index(tier) - 1)]
    if membership.volunteer_tier != tier:
        membership.volunteer_tier = tier
        membership.save(update_fields=["volunteer_tier"])
    return tier


def record_training(
    actor: User, membership: Membership, *, course: Course, completed_on: dt.date, trainer: str = ""
) -> TrainingCompletion:
    """A volunteer or trustee finished a course; for a volunteer with a profile, the tier may go up."""
    if completed_on > timezone.localdate():
        raise CommunityError(_("תאריך ההכשרה לא יכול להיות בעתיד."))
    if TrainingCompletion.objects.filter(membership=membership, course=course).exists():
        raise CommunityError(_("ההכשרה הזו כבר נרשמה."))
    with transaction.atomic():
        done = TrainingCompletion.objects.create(
            authority=membership.authority,
            membership=membership,
            course=course,
            completed_on=completed_on,
            trainer=trainer.strip(),
            recorded_by=actor,
        )
        if Volunteer.objects.filter(membership=membership).exists():
            update_tier(membership)
        trustee = RightsTrustee.objects.filter(membership=membership).first()
        if trustee is not None:
            progress(trustee)
        record(
            actor=actor,
            authority=membership.authority,
            action=AccessAction.CREATE,
            object_type="training",
            object_id=done.pk,
        )
    return done


def progress(trustee: RightsTrustee) -> None:
    """A candidate moves to training with the first course and becomes active when the trustee courses are done."""
    if trustee.status not in {Recruitment.CANDIDATE, Recruitment.TRAINING}:
        return
    done = courses_done(trustee.membership)
    status = Recruitment.ACTIVE if done >= TRUSTEE_COURSES else Recruitment.TRAINING if done else trustee.status
    if status != trustee.status:
        trustee.status = status
        trustee.save(update_fields=["status"])
