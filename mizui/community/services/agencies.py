"""Agencies answer the barriers found about them.

A center issues a signed link to its partner contact at one agency (any directory organization). The link is
built the way the partner referral link is (cases/services/referrals.py): the authority, the link's id and a
random nonce whose hash is on the row, signed with a timestamp under a salt of its own, so a referral link opens
no agency page and the other way round. A tampered or expired link is refused before any query; a revoked one, or
one past its own expiry, after it. The authority inside the signature is the tenant the page runs as.

Through it the agency sees (1) its own barriers in that authority, one coded row each (type, right, month, open or
resolved; never a description, a name or a case), and (2) its barriers across every authority as counts by type,
published only as the national rule allows (mizui/lib/disclosure.py: k ≥ 10, with complementary suppression).
It answers a barrier with a response and, if it commits to something, a commitment with a date. The forum meeting
after the answer shows it; the round table counts the answers per ministry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases import barrier_answers
from mizui.cases.models import Barrier, BarrierKind
from mizui.cases.services import outbox
from mizui.cases.services.referrals import LinkExpired, LinkInvalid
from mizui.community.models import AgencyAnswer, AgencyLink, Initiative
from mizui.community.services.initiatives import evidence_period
from mizui.community.services.training import CommunityError
from mizui.directory.models import Organization
from mizui.lib import messaging
from mizui.lib.disclosure import K_ANONYMITY, suppress

SALT = "mizui.community.agency-link"
LINK_DAYS = 60  # a forum's cycle is about a quarter: the link lasts until the next meeting or so

__all__ = ["LinkExpired", "LinkInvalid"]


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@dataclass(frozen=True)
class LinkClaim:
    authority_id: int
    link_id: int
    nonce: str


def make_token(link: AgencyLink, nonce: str) -> str:
    payload = {"a": link.authority_id, "l": link.pk, "n": nonce}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def read_token(token: str) -> LinkClaim:
    """Check signature and age without the database; raises LinkExpired or LinkInvalid."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=dt.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    try:
        return LinkClaim(int(data["a"]), int(data["l"]), str(data["n"]))
    except (KeyError, TypeError, ValueError):
        raise LinkInvalid from None


def find_link(claim: LinkClaim) -> AgencyLink:
    """The link the claim names, in its authority (the caller has set it as the tenant); revoked or past its
    expiry: LinkExpired."""
    link = (
        AgencyLink.objects.filter(authority_id=claim.authority_id, pk=claim.link_id)
        .select_related("organization", "authority")
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, _hash(claim.nonce)):
        raise LinkInvalid
    if not link.is_active(timezone.now()):
        raise LinkExpired
    return link


def link_path(token: str) -> str:
    return reverse("community:agency-barriers", kwargs={"token": token})


def link_message(authority: Authority, organization: Organization, *, to: str, link: str) -> messaging.Message:
    """The e-mail that carries the link, in Hebrew; it names no resident."""
    values = {"city": authority.name_he, "agency": organization.name_he, "days": LINK_DAYS, "link": link}
    with translation.override("he"):
        return messaging.Message(
            to,
            _(
                "מרכז מיצוי הזכויות %(city)s משתף את %(agency)s בחסמים שתושבים נתקלו בהם מולכם, בלי פרטים מזהים. "
                "בקישור אפשר לראות אותם ולהשיב, עם התחייבות ותאריך; התשובות יוצגו בפורום העירוני "
                "(הקישור בתוקף %(days)s ימים):\n%(link)s"
            )
            % values,
            subject=_("חסמים מול %(agency)s: בקשה לתגובה ממרכז מיצוי הזכויות %(city)s") % values,
        )


def issue_link(
    actor: User,
    authority: Authority,
    organization: Organization,
    *,
    contact: str = "",
    email: str = "",
    absolute_url: Callable[[str], str] | None = None,
) -> str:
    """A new link for the agency's contact; the agency's earlier links in this authority stop working. With an
    e-mail address, the link is queued to it (cases' outbox sends and retries it). Returns the token (shown once:
    only its nonce's hash is kept)."""
    nonce = secrets.token_urlsafe(24)
    now = timezone.now()
    with transaction.atomic():
        AgencyLink.objects.for_authority(authority).filter(organization=organization, revoked_at__isnull=True).update(
            revoked_at=now
        )
        link = AgencyLink.objects.create(
            authority=authority,
            organization=organization,
            contact=contact.strip(),
            token_hash=_hash(nonce),
            expires_at=now + dt.timedelta(days=LINK_DAYS),
            created_by=actor,
        )
        record(
            actor=actor, authority=authority, action=AccessAction.CREATE, object_type="agency_link", object_id=link.pk
        )
        token = make_token(link, nonce)
        if email:
            url = absolute_url(link_path(token)) if absolute_url else link_path(token)
            outbox.queue(
                authority,
                "email",
                link_message(authority, organization, to=email, link=url),
                recipient=f"agency:{organization.pk}",
            )
    return token


def revoke_link(actor: User, link: AgencyLink) -> None:
    if link.revoked_at is not None:
        raise CommunityError(_("הקישור כבר בוטל."))
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    record(
        actor=actor, authority=link.authority, action=AccessAction.UPDATE, object_type="agency_link", object_id=link.pk
    )


# --- What the agency sees ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyBarrier:
    """One barrier as the agency sees it: coded columns, and its latest answer."""

    pk: int
    kind: str
    program: str
    month: dt.date
    resolved: bool
    answer: AgencyAnswer | None


def agency_barriers(link: AgencyLink) -> list[AgencyBarrier]:
    """The agency's barriers in the link's authority, newest first; coded columns only."""
    rows = (
        Barrier.objects.for_authority(link.authority)
        .filter(organization=link.organization)
        .order_by("-occurred_on", "-pk")
        .values_list("pk", "kind", "program", "occurred_on", "resolved_on")
    )
    answers: dict[int, AgencyAnswer] = {}
    for answer in (
        AgencyAnswer.objects.for_authority(link.authority)
        .filter(organization=link.organization)
        .order_by("answered_at")
    ):
        answers[answer.barrier_id] = answer
    return [
        AgencyBarrier(pk, kind, program, occurred.replace(day=1), resolved is not None, answers.get(pk))
        for pk, kind, program, occurred, resolved in rows
    ]


@dataclass(frozen=True)
class NationalCounts:
    """The agency's barriers in every authority by type, as they may be published: None is "fewer than k"."""

    kinds: list[tuple[str, str]]
    counts: list[int | None]
    total: int | None
    k: int


def national_counts(organization: Organization) -> NationalCounts:
    """Counts by type across every active authority, each read inside its own tenant; only aggregates leave."""
    counts: Counter[str] = Counter()
    for authority in Authority.objects.filter(is_active=True):
        with tenant_context(authority):
            counts.update(
                Barrier.objects.for_authority(authority)
                .filter(organization=organization)
                .values_list("kind", flat=True)
            )
    row = [counts[kind] for kind in BarrierKind.values]
    shown = suppress([row]).apply([row])
    cells = [None if c is None else int(c) for c in shown.cells[0]]
    total = None if shown.total is None else int(shown.total)
    return NationalCounts([(k, str(label)) for k, label in BarrierKind.choices], cells, total, K_ANONYMITY)


def answer_barrier(
    link: AgencyLink, barrier_pk: int, *, response: str, commitment: str = "", commit_by: dt.date | None = None
) -> AgencyAnswer:
    """The agency's answer to one of its own barriers in the link's authority."""
    barrier = (
        Barrier.objects.for_authority(link.authority).filter(pk=barrier_pk, organization=link.organization).first()
    )
    if barrier is None:
        raise CommunityError(_("החסם הזה אינו ברשימה של הגורם."))
    if not response.strip():
        raise CommunityError(_("נא לכתוב תגובה."))
    if bool(commitment.strip()) != (commit_by is not None):
        raise CommunityError(_("התחייבות צריכה תאריך, ותאריך צריך התחייבות."))
    if commit_by is not None and commit_by < timezone.localdate():
        raise CommunityError(_("תאריך ההתחייבות כבר עבר."))
    with transaction.atomic():
        answer = AgencyAnswer.objects.create(
            authority=link.authority,
            barrier=barrier,
            organization=link.organization,
            link=link,
            response=response.strip(),
            commitment=commitment.strip(),
            commit_by=commit_by,
        )
        link.last_used_at = timezone.now()
        link.save(update_fields=["last_used_at"])
        record(
            actor=None,
            authority=link.authority,
            action=AccessAction.CREATE,
            object_type="agency_answer",
            object_id=answer.pk,
        )
    return answer


def answers_for_barriers(barrier_ids: Sequence[int]) -> dict[int, list[barrier_answers.Answer]]:
    """The provider cases' barrier card asks (cases/barrier_answers.py): one query, in the current tenant."""
    found: dict[int, list[barrier_answers.Answer]] = defaultdict(list)
    for answer in (
        AgencyAnswer.objects.filter(barrier_id__in=list(barrier_ids))
        .select_related("organization")
        .order_by("answered_at", "pk")
    ):
        found[answer.barrier_id].append(
            barrier_answers.Answer(
                answer.organization.name_he, answer.response, answer.commitment, answer.commit_by, answer.answered_at
            )
        )
    return dict(found)


# --- The forum and the round table -------------------------------------------------------------------------


def forum_answers(meeting: Initiative) -> list[AgencyAnswer]:
    """The answers a forum meeting shows: those given since the previous forum meeting, up to this one's day."""
    start, end = evidence_period(meeting)
    previous_exists = Initiative.objects.for_authority(meeting.authority).filter(
        kind=meeting.kind, held_on__lt=meeting.held_on
    )
    answers = AgencyAnswer.objects.for_authority(meeting.authority).filter(answered_at__date__lte=end)
    if previous_exists.exists():
        answers = answers.filter(answered_at__date__gt=start)
    else:
        answers = answers.filter(answered_at__date__gte=start)
    return list(answers.select_related("organization", "barrier").order_by("organization__name_he", "answered_at"))


@dataclass(frozen=True)
class MinistryAnswers:
    name: str
    answered: int | None  # distinct barriers answered (None: fewer than k)
    commitments: int | None
    overdue: int | None  # commitments past their date on a barrier still open


def answers_per_ministry(start: dt.date, end: dt.date) -> list[MinistryAnswers]:
    """Per organization, across every active authority (each read in its own tenant): aggregates only, every
    count below k withheld, as the rest of the round table."""
    today = timezone.localdate()
    per: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    barriers: dict[int, set[tuple[int, int]]] = defaultdict(set)
    names: dict[int, str] = {}
    for authority in Authority.objects.filter(is_active=True):
        with tenant_context(authority):
            rows = AgencyAnswer.objects.for_authority(authority).filter(
                answered_at__date__gte=start, answered_at__date__lte=end
            )
            for org_pk, org_name, barrier_pk, commit_by, resolved in rows.values_list(
                "organization", "organization__name_he", "barrier", "commit_by", "barrier__resolved_on"
            ):
                names[org_pk] = org_name
                barriers[org_pk].add((authority.pk, barrier_pk))
                per[org_pk][1] += commit_by is not None
                per[org_pk][2] += commit_by is not None and commit_by < today and resolved is None

    def shown(count: int) -> int | None:
        return count if count >= K_ANONYMITY else None

    return [
        MinistryAnswers(names[pk], shown(len(barriers[pk])), shown(c), shown(o))
        for pk, (_, c, o) in sorted(per.items(), key=lambda item: names[item[0]])
    ]
