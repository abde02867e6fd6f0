"""Forum follow-up: a commitment due within FOLLOW_UP_DAYS (or overdue) and not done is reminded once.

The reminder goes to its staff owner; a commitment a partner agency took goes to the meeting's organizer, who
follows up with the agency. The email names the decision and the date, never a resident (forum decisions are
about agencies and procedures). `reminded_at` is set in the same transaction as the sending, and only when it
was empty, so running the job twice, or two workers at once, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.community.models import Commitment
from mizui.lib import messaging

logger = logging.getLogger(__name__)

FOLLOW_UP_DAYS = 3


def _recipient(commitment: Commitment) -> User | None:
    for user in (commitment.owner, commitment.meeting.organizer):
        if user is not None and user.is_active:
            return user
    return None


def _message(commitment: Commitment, to: User) -> messaging.Message:
    link = f"{settings.SITE_ROOT.rstrip('/')}{reverse('community:event', kwargs={'pk': commitment.meeting_id})}"
    language = to.preferred_language if to.preferred_language in dict(settings.LANGUAGES) else "he"
    with translation.override(language):
        values = {
            "text": commitment.text,
            "due": commitment.due_on.strftime("%d.%m.%Y"),
            "meeting": commitment.meeting.title,
        }
        if commitment.owner_id == to.pk:
            body = _('תזכורת: התחייבת בפורום "%(meeting)s": %(text)s. תאריך היעד: %(due)s.') % values
        else:
            values["owner"] = commitment.owner_organization.name_he if commitment.owner_organization else "—"
            body = _('תזכורת למעקב: %(owner)s התחייב/ה בפורום "%(meeting)s": %(text)s. תאריך היעד: %(due)s.') % values
        subject = _("מעקב החלטות הפורום: יעד ב-%(due)s") % values
    return messaging.Message(to.email, f"{body}\n{link}", subject=subject, language=language)


def due(authority: Authority, today: dt.date) -> list[Commitment]:
    horizon = today + dt.timedelta(days=FOLLOW_UP_DAYS)
    rows = Commitment.objects.for_authority(authority).open().filter(reminded_at__isnull=True, due_on__lte=horizon)
    return list(rows.select_related("owner", "owner_organization", "meeting__organizer").order_by("due_on", "pk"))


def send_due(authority: Authority, today: dt.date | None = None) -> int:
    """Send each follow-up of `authority` not sent before; the caller sets the tenant."""
    day = today or timezone.localdate()
    sent = 0
    for commitment in due(authority, day):
        to = _recipient(commitment)
        if to is None:
            continue
        try:
            with transaction.atomic():
                claimed = Commitment.objects.filter(pk=commitment.pk, reminded_at__isnull=True).update(
                    reminded_at=timezone.now()
                )
                if not claimed:  # another run got there first
                    continue
                messaging.send("email", _message(commitment, to))
        except Exception:
            logger.exception("follow-up of commitment %s (authority %s) was not sent", commitment.pk, authority.pk)
            continue
        sent += 1
    return sent


@task()
def send_follow_ups(authority_id: int) -> int:
    """Background task (django-tasks): today's forum follow-ups of one authority, under its tenant."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return send_due(authority)
