"""Supervision (הנחיה) and quality review (בקרת איכות) of volunteers: sessions, the center's checklist, reviews of
a sample of each volunteer's cases with feedback to the volunteer, holding a volunteer back a tier until
re-trained, and the coordinator's list of who is due."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.cases.models import Case
from mizui.community.models import (
    REVIEW_EVERY_DAYS,
    REVIEW_SAMPLE_SIZE,
    SUPERVISION_EVERY_DAYS,
    ChecklistItem,
    CheckResult,
    QualityReview,
    ReviewAnswer,
    ReviewOutcome,
    SupervisionCase,
    SupervisionParticipant,
    SupervisionSession,
    SupervisionTopic,
    Volunteer,
)
from mizui.community.services.training import CommunityError, update_tier

# What a center starts from when its checklist is empty (it edits and retires them afterwards).
SUGGESTED_CHECKLIST = (
    gettext_lazy("בדיקת הזכאות נעשתה עם השאלון, וכל זכות ״אולי״ קיבלה משימת בירור"),
    gettext_lazy("המסמכים שנאספו תואמים את רשימת המסמכים של הזכות"),
    gettext_lazy("התושב/ת קיבל/ה הסבר בשפתו/ה על הצעד הבא ועל המועד"),
    gettext_lazy("הערות התיק עניינית, בלי פרטים רפואיים מיותרים"),
    gettext_lazy("שאלה משפטית או דחייה הועברה לעו״ד בזמן"),
    gettext_lazy("יומן הזכויות מעודכן לשלב שבו התיק נמצא"),
)


def volunteer_cases(volunteer: Volunteer) -> list[Case]:
    """Every case assigned to the volunteer in their authority, open or closed, newest first."""
    return list(
        Case.objects.for_authority(volunteer.authority).filter(volunteer=volunteer.membership.user).order_by("-pk")
    )


# --- Sessions ----------------------------------------------------------------------------------------------


def record_session(
    actor: User,
    authority: Authority,
    *,
    supervisor: User,
    held_on: dt.date,
    volunteers: Sequence[Volunteer],
    topics: Iterable[str],
    cases: Sequence[Case] = (),
    notes: str = "",
) -> SupervisionSession:
    """A supervision session; a case discussed must be assigned to one of the volunteers supervised."""
    if held_on > timezone.localdate():
        raise CommunityError(_("תאריך המפגש לא יכול להיות בעתיד."))
    if not volunteers:
        raise CommunityError(_("נא לבחור לפחות מתנדב/ת אחד/ת."))
    if any(v.authority_id != authority.pk for v in volunteers) or any(c.authority_id != authority.pk for c in cases):
        raise CommunityError(_("המתנדב/ת או התיק אינם של הרשות הזו."))
    people = {v.membership.user_id for v in volunteers}
    if any(c.volunteer_id not in people for c in cases):
        raise CommunityError(_("אפשר לדון רק בתיקים ששויכו למתנדבים שבמפגש."))
    topics = [t for t in topics if t in SupervisionTopic.values]
    with transaction.atomic():
        session = SupervisionSession.objects.create(
            authority=authority,
            supervisor=supervisor,
            held_on=held_on,
            topics=topics,
            notes=notes.strip(),
            recorded_by=actor,
        )
        SupervisionParticipant.objects.bulk_create(
            SupervisionParticipant(authority=authority, session=session, volunteer=v) for v in volunteers
        )
        SupervisionCase.objects.bulk_create(
            SupervisionCase(authority=authority, session=session, case=c) for c in cases
        )
        record(
            actor=actor,
            authority=authority,
            action=AccessAction.CREATE,
            object_type="supervision",
            object_id=session.pk,
        )
    return session


# --- The checklist -----------------------------------------------------------------------------------------


def add_item(actor: User, authority: Authority, text: str) -> ChecklistItem:
    text = text.strip()
    if not text:
        raise CommunityError(_("נא לכתוב את הסעיף."))
    last = ChecklistItem.objects.for_authority(authority).aggregate(last=Max("position"))["last"] or 0
    item = ChecklistItem.objects.create(authority=authority, text=text, position=last + 1, created_by=actor)
    record(
        actor=actor, authority=authority, action=AccessAction.CREATE, object_type="checklist_item", object_id=item.pk
    )
    return item


def add_suggested(actor: User, authority: Authority) -> list[ChecklistItem]:
    if ChecklistItem.objects.for_authority(authority).exists():
        raise CommunityError(_("לרשימה כבר יש סעיפים."))
    return [add_item(actor, authority, str(text)) for text in SUGGESTED_CHECKLIST]


def edit_item(actor: User, item: ChecklistItem, *, text: str, retire: bool) -> ChecklistItem:
    """New wording applies to future reviews (past answers keep the words they were given); retiring is final."""
    text = text.strip()
    if not text:
        raise CommunityError(_("נא לכתוב את הסעיף."))
    item.text = text
    if retire and item.retired_on is None:
        item.retired_on = timezone.localdate()
    item.save(update_fields=["text", "retired_on"])
    record(
        actor=actor,
        authority=item.authority,
        action=AccessAction.UPDATE,
        object_type="checklist_item",
        object_id=item.pk,
    )
    return item


# --- Reviews -----------------------------------------------------------------------------------------------


def review_sample(volunteer: Volunteer, size: int = REVIEW_SAMPLE_SIZE, *, seed: int | None = None) -> list[Case]:
    """A sample of the volunteer's cases not reviewed yet (all reviewed: any of their cases), stable per day so
    the page does not reshuffle on every visit."""
    cases = volunteer_cases(volunteer)
    reviewed = set(QualityReview.objects.filter(volunteer=volunteer).values_list("case_id", flat=True))
    pool = [c for c in cases if c.pk not in reviewed] or cases
    chooser = random.Random(seed if seed is not None else f"{volunteer.pk}-{timezone.localdate()}")  # noqa: S311 (not a secret)
    return sorted(chooser.sample(pool, min(size, len(pool))), key=lambda c: -c.pk)


def record_review(
    actor: User,
    volunteer: Volunteer,
    *,
    case: Case,
    reviewed_on: dt.date,
    answers: dict[int, str],
    outcome: str,
    feedback: str = "",
    hold_back: bool = False,
) -> QualityReview:
    """A review of one case against every current checklist item; a problem may hold the volunteer back a tier."""
    if case.authority_id != volunteer.authority_id or case.volunteer_id != volunteer.membership.user_id:
        raise CommunityError(_("אפשר לבדוק רק תיק ששויך למתנדב/ת הזה/זו."))
    if reviewed_on > timezone.localdate():
        raise CommunityError(_("תאריך הבדיקה לא יכול להיות בעתיד."))
    if outcome not in ReviewOutcome.values:
        raise CommunityError(_("נא לבחור את הממצא."))
    items = list(ChecklistItem.objects.for_authority(volunteer.authority).current().order_by("position", "pk"))
    if not items:
        raise CommunityError(_("לרשימת הבדיקה אין סעיפים. הרכז/ת מוסיף/ה אותם בדף רשימת הבדיקה."))
    if any(answers.get(item.pk) not in CheckResult.values for item in items):
        raise CommunityError(_("נא לענות על כל סעיפי הרשימה."))
    if hold_back and outcome != ReviewOutcome.PROBLEM:
        raise CommunityError(_("אפשר להוריד בשלב רק כשנמצאה בעיה."))
    if outcome != ReviewOutcome.GOOD and not feedback.strip():
        raise CommunityError(_("נא לכתוב משוב למתנדב/ת: מה לשפר."))
    with transaction.atomic():
        review = QualityReview.objects.create(
            authority=volunteer.authority,
            volunteer=volunteer,
            case=case,
            reviewer=actor,
            reviewed_on=reviewed_on,
            outcome=outcome,
            feedback=feedback.strip(),
            held_back=hold_back,
        )
        ReviewAnswer.objects.bulk_create(
            ReviewAnswer(
                authority=volunteer.authority, review=review, item=item, item_text=item.text, result=answers[item.pk]
            )
            for item in items
        )
        if hold_back and volunteer.held_back_since is None:
            volunteer.held_back_since = reviewed_on
            volunteer.save(update_fields=["held_back_since"])
            update_tier(volunteer.membership)
        record(
            actor=actor,
            authority=volunteer.authority,
            action=AccessAction.CREATE,
            object_type="quality_review",
            object_id=review.pk,
        )
    return review


def record_retraining(actor: User, volunteer: Volunteer) -> Volunteer:
    """The volunteer was re-trained after a review held them back: the tier returns to what the trainings unlock."""
    if volunteer.held_back_since is None:
        raise CommunityError(_("המתנדב/ת לא הורד/ה בשלב."))
    with transaction.atomic():
        volunteer.held_back_since = None
        volunteer.save(update_fields=["held_back_since"])
        update_tier(volunteer.membership)
        record(
            actor=actor,
            authority=volunteer.authority,
            action=AccessAction.UPDATE,
            object_type="volunteer",
            object_id=volunteer.pk,
        )
    return volunteer


# --- Who is due --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    volunteer: Volunteer
    last_session: dt.date | None
    last_review: dt.date | None
    supervision_due: bool
    review_due: bool
    held_back: bool


def due_list(authority: Authority, today: dt.date | None = None) -> list[DueRow]:
    """Every active volunteer, those due for supervision or review first: never supervised, or not within
    SUPERVISION_EVERY_DAYS; a review when they have cases and none was reviewed within REVIEW_EVERY_DAYS."""
    today = today or timezone.localdate()
    volunteers = list(
        Volunteer.objects.for_authority(authority)
        .filter(is_active=True)
        .select_related("membership__user")
        .order_by("membership__user__full_name")
    )
    sessions = dict(
        SupervisionParticipant.objects.for_authority(authority)
        .values("volunteer")
        .annotate(last=Max("session__held_on"))
        .values_list("volunteer", "last")
    )
    reviews = dict(
        QualityReview.objects.for_authority(authority)
        .values("volunteer")
        .annotate(last=Max("reviewed_on"))
        .values_list("volunteer", "last")
    )
    with_cases = set(
        Case.objects.for_authority(authority)
        .filter(volunteer__in=[v.membership.user_id for v in volunteers])
        .values_list("volunteer", flat=True)
    )
    rows = []
    for v in volunteers:
        last_session, last_review = sessions.get(v.pk), reviews.get(v.pk)
        rows.append(
            DueRow(
                volunteer=v,
                last_session=last_session,
                last_review=last_review,
                supervision_due=last_session is None or (today - last_session).days > SUPERVISION_EVERY_DAYS,
                review_due=v.membership.user_id in with_cases
                and (last_review is None or (today - last_review).days > REVIEW_EVERY_DAYS),
                held_back=v.held_back_since is not None,
            )
        )
    return sorted(rows, key=lambda r: not (r.supervision_due or r.review_due or r.held_back))
