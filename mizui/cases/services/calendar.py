"""A person's deadline calendar: their own open tasks and the appeal windows of their cases, on a page and as an
iCal feed (RFC 5545) a calendar app subscribes to without signing in.

The feed's link carries the authority, the person and a random secret whose hash is on their CalendarFeed row,
signed with Django's signing: a tampered link is refused before any query, and a new link replaces the secret, so
the old one stops working. The feed says no more than the person needs: each task's title (it names the right,
never an ID number) and, in its description, only the case number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from mizui.accounts.models import Authority, Membership, User
from mizui.cases.models import CalendarFeed, Case, CaseStatus, Decision, Entitlement, Stage, Task, TaskKind
from mizui.cases.services.casework import appeal_deadline, program_label
from mizui.cases.templatetags.rights import rights_named

SALT = "mizui.cases.calendar-feed"
# An appeal window that closed longer ago than this leaves the calendar: the right is then the ledger's business.
APPEAL_PAST = dt.timedelta(days=60)
LINE_OCTETS = 75  # RFC 5545 §3.1: a content line is folded after 75 octets, not counting its CRLF


class FeedInvalid(Exception):
    """A link that was tampered with, replaced by a newer one, or whose person left the authority."""


@dataclass(frozen=True)
class Entry:
    uid: str
    on: dt.date
    title: str
    case_id: int
    kind: str  # "task" or "appeal"
    late_days: int = 0  # > 0: the date passed this many days ago


@dataclass(frozen=True)
class FeedClaim:
    authority_id: int
    user_id: int
    secret: str


def _late(on: dt.date, today: dt.date) -> int:
    return (today - on).days if on < today else 0


def entries(user: User, authority: Authority, today: dt.date) -> list[Entry]:
    """The person's open tasks, and the last day to appeal each denied right not yet appealed on the open cases where
    they are the lawyer or the coordinator, by date. A denial whose appeal task the person holds (open or done) is
    that task, not a second entry."""
    tasks = Task.objects.for_authority(authority).filter(owner=user, done_at__isnull=True)
    found = [
        Entry(f"task-{t.pk}", t.due_on, rights_named(t.title), t.case_id, "task", _late(t.due_on, today))
        for t in tasks.only("pk", "due_on", "title", "case_id")
    ]
    cases = (
        Case.objects.for_authority(authority)
        .filter(Q(lawyer=user) | Q(coordinator=user))
        .exclude(status=CaseStatus.CLOSED)
    )
    held = set(
        Task.objects.for_authority(authority)
        .filter(owner=user, kind=TaskKind.APPEAL_DEADLINE, entitlement__isnull=False)
        .values_list("entitlement_id", flat=True)
    )
    denied = Entitlement.objects.for_authority(authority).filter(
        case__in=cases,
        stage=Stage.DECIDED,
        decision=Decision.DENIED,
        decided_on__isnull=False,
        appealed_on__isnull=True,
    )
    for right in denied.exclude(pk__in=held).only("pk", "program", "agency", "decided_on", "case_id"):
        assert right.decided_on is not None
        last = appeal_deadline(right.agency, right.decided_on)
        if last is None or last < today - APPEAL_PAST:
            continue
        title = _("מועד אחרון לערר על דחיית %(program)s") % {"program": program_label(right.program)}
        found.append(Entry(f"appeal-{right.pk}", last, title, right.case_id, "appeal", _late(last, today)))
    return sorted(found, key=lambda e: (e.on, e.kind, e.uid))


# The link ------------------------------------------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_link(actor: User, authority: Authority) -> str:
    """A new signed link to the actor's feed; the link they had before stops working. Returns the link's token."""
    secret = secrets.token_urlsafe(24)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(authority=authority, user=actor, defaults={"secret_hash": _hash(secret)})
    payload = {"a": authority.pk, "u": actor.pk, "s": secret}
    return signing.Signer(salt=SALT).sign_object(payload, compress=True)


def stop_link(actor: User, authority: Authority) -> bool:
    """Stop the actor's feed altogether; False when they had none."""
    deleted, _rows = CalendarFeed.objects.for_authority(authority).filter(user=actor).delete()
    return deleted > 0


def read_token(token: str) -> FeedClaim:
    """Check the signature without the database; raises FeedInvalid."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
        return FeedClaim(int(data["a"]), int(data["u"]), str(data["s"]))
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        raise FeedInvalid from None


def find_feed(claim: FeedClaim) -> CalendarFeed:
    """The feed the claim names, if its secret is the current one and its person still works in the authority; the
    caller has set that authority as the tenant."""
    feed = (
        CalendarFeed.objects.filter(authority_id=claim.authority_id, user_id=claim.user_id)
        .select_related("user", "authority")
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.secret_hash, _hash(claim.secret)):
        raise FeedInvalid
    if not Membership.objects.active().filter(authority_id=claim.authority_id, user_id=claim.user_id).exists():
        raise FeedInvalid
    return feed


# iCalendar, by hand (RFC 5545) --------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded (§3.1): at most 75 octets a line, continuations opening with a space, never splitting
    a UTF-8 character (Hebrew letters are two octets each)."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def to_ical(
    items: Iterable[Entry], *, calendar_name: str, host: str, now: dt.datetime, case_url: str | None = None
) -> str:
    """The feed: one all-day VEVENT per entry, UID stable per task or per ledger row, CRLF line ends.

    `case_url` is a URL pattern with `{case}` for the case number (the staff page, behind a login), or None.
    """
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mizui//Deadline calendar//HE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
        "X-PUBLISHED-TTL:PT1H",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    ]
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(item.on)}",
            f"DTEND;VALUE=DATE:{_date(item.on + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(item.title)}",
            f"DESCRIPTION:{escape_text(_('תיק מס׳ %(case)s') % {'case': item.case_id})}",
            "TRANSP:TRANSPARENT",
        ]
        if case_url:
            lines.append(f"URL:{case_url.format(case=item.case_id)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
