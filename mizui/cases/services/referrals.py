"""Referrals: send one to a partner (only with the resident's consent), and take the partner's answer.

The partner answers through a signed link, without an account. The link carries the authority, the referral
and a random nonce whose hash is on the row, signed with a timestamp: a tampered or expired link is refused
before any query, and the authority inside the signature is the tenant the page runs as.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, User
from mizui.cases.models import (
    FINAL_STATUSES,
    Case,
    ConsentPurpose,
    Decision,
    DenialReason,
    Document,
    Entitlement,
    EventKind,
    Referral,
    ReferralDocument,
    ReferralStatus,
    ReferralStatusChange,
    Stage,
)
from mizui.cases.services.casework import CaseworkError, Step, advance, log_event
from mizui.cases.services.residents import has_consent
from mizui.directory.models import Service

SALT = "mizui.cases.referral-link"
# The evidence a partner's answer leaves on a ledger row (see casework.Step.evidence).
EVIDENCE_PREFIX = "partner:"


class ReferralError(ValueError):
    """A referral that cannot be sent or answered, with a message for the user (Hebrew)."""


class LinkInvalid(Exception):
    """A link that was tampered with, or names no referral of its authority."""


class LinkExpired(Exception):
    """A link past its expiry."""


def link_days() -> int:
    return int(getattr(settings, "REFERRAL_LINK_DAYS", 14))


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@dataclass(frozen=True)
class LinkClaim:
    authority_id: int
    referral_id: int
    nonce: str


def make_token(referral: Referral, nonce: str) -> str:
    payload = {"a": referral.authority_id, "r": referral.pk, "n": nonce}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def read_token(token: str) -> LinkClaim:
    """Check signature and age without the database; raises LinkExpired or LinkInvalid."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=dt.timedelta(days=link_days()))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    try:
        return LinkClaim(int(data["a"]), int(data["r"]), str(data["n"]))
    except (KeyError, TypeError, ValueError):
        raise LinkInvalid from None


def find_referral(claim: LinkClaim) -> Referral:
    """The referral the claim names, in its authority; the caller has set that authority as the tenant."""
    referral = (
        Referral.objects.filter(authority_id=claim.authority_id, pk=claim.referral_id)
        .select_related("case", "case__resident", "service", "service__organization", "entitlement", "authority")
        .first()
    )
    if referral is None or not hmac.compare_digest(referral.token_hash, _hash(claim.nonce)):
        raise LinkInvalid
    return referral


def partner_names(service: Service) -> list[str]:
    """The names a consent may give the partner by: the organization (Hebrew, English, key) or the service."""
    org = service.organization
    return [name for name in (org.name_he, org.name_en, org.key, service.name_he) if name]


def may_share(case: Case, service: Service, on: dt.date) -> bool:
    names = partner_names(service)
    return any(has_consent(case.resident, ConsentPurpose.SHARE_PARTNER, partner=name, on=on) for name in names)


def partner_email(service: Service) -> str:
    return service.organization.email or service.email


def send_referral(
    actor: User,
    case: Case,
    *,
    service: Service,
    reason: str,
    absolute_url: Callable[[str], str],
    entitlement: Entitlement | None = None,
    documents: Iterable[Document] = (),
) -> Referral:
    """Create the referral and e-mail the partner its signed link. No consent for that partner, no referral."""
    if not may_share(case, service, timezone.localdate()):
        raise ReferralError(
            _("אין הסכמה בתוקף של התושב/ת להעברת מידע אל %(partner)s. נא לתעד הסכמה בדף התושב/ת ואז לשלוח.")
            % {"partner": service.organization.name_he}
        )
    email = partner_email(service)
    if not email:
        raise ReferralError(_("לגוף %(partner)s אין כתובת דוא״ל בספרייה.") % {"partner": service.organization.name_he})
    nonce = secrets.token_urlsafe(24)
    now = timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            authority=case.authority,
            case=case,
            entitlement=entitlement,
            service=service,
            reason=reason,
            sent_by=actor,
            sent_at=now,
            token_hash=_hash(nonce),
            expires_at=now + dt.timedelta(days=link_days()),
        )
        ReferralDocument.objects.bulk_create(
            ReferralDocument(authority=case.authority, referral=referral, document=d) for d in documents
        )
        ReferralStatusChange.objects.create(
            authority=case.authority, referral=referral, status=ReferralStatus.SENT, by=actor
        )
        log_event(actor, case, EventKind.REFERRAL, _("הפניה אל %(partner)s") % {"partner": service.name_he})
        record(
            actor=actor,
            authority=case.authority,
            action=AccessAction.CREATE,
            object_type="referral",
            object_id=referral.pk,
        )
        link = absolute_url(reverse("cases:partner-referral", kwargs={"token": make_token(referral, nonce)}))
        # The message names no resident: whoever reads the mailbox learns only that a referral is waiting.
        send_mail(
            _("הפניה חדשה ממרכז מיצוי הזכויות %(city)s") % {"city": case.authority.name_he},
            _("התקבלה הפניה לשירות %(service)s. לצפייה ולעדכון הסטטוס (הקישור בתוקף %(days)s ימים):\n%(link)s")
            % {"service": service.name_he, "days": link_days(), "link": link},
            None,
            [email],
        )
    return referral


@dataclass(frozen=True)
class Answer:
    status: ReferralStatus
    note: str = ""
    monthly_amount: Decimal | None = None
    denial_reason: DenialReason | None = None


def answer_referral(actor: User | None, referral: Referral, answer: Answer) -> None:
    """Record a status change (actor None: the partner, through the link); a decision updates the ledger."""
    if referral.is_closed:
        raise ReferralError(_("ההפניה כבר נסגרה; אי אפשר לעדכן אותה."))
    now = timezone.now()
    with transaction.atomic():
        ReferralStatusChange.objects.create(
            authority_id=referral.authority_id,
            referral=referral,
            status=answer.status,
            note=answer.note,
            by=actor,
        )
        referral.status = answer.status
        fields = ["status"]
        if actor is None and referral.first_answer_at is None:
            referral.first_answer_at = now
            fields.append("first_answer_at")
        if answer.status in FINAL_STATUSES:
            referral.closed_at = now
            fields.append("closed_at")
        referral.save(update_fields=fields)
        who = _("הגוף השותף") if actor is None else actor.full_name
        log_event(
            actor,
            referral.case,
            EventKind.REFERRAL,
            _("הפניה אל %(partner)s: %(status)s (%(who)s)")
            % {"partner": referral.service.name_he, "status": ReferralStatus(answer.status).label, "who": who},
        )
        _update_ledger(referral, answer)


def _update_ledger(referral: Referral, answer: Answer) -> None:
    entitlement = referral.entitlement
    if entitlement is None or entitlement.stage != Stage.SUBMITTED:
        return
    evidence = f"{EVIDENCE_PREFIX}{referral.pk}"
    if answer.status == ReferralStatus.APPROVED:
        step = Step(
            stage=Stage.DECIDED,
            on=timezone.localdate(),
            decision=Decision.APPROVED,
            monthly_amount=answer.monthly_amount,
            # Without an amount the decision is recorded but the money stays an estimate.
            evidence=evidence if answer.monthly_amount is not None else "",
        )
    elif answer.status == ReferralStatus.DENIED:
        step = Step(
            stage=Stage.DECIDED,
            on=timezone.localdate(),
            decision=Decision.DENIED,
            denial_reason=answer.denial_reason or DenialReason.OTHER,
            evidence=evidence,
        )
    else:
        return
    # casework.advance needs a staff actor (it may open an appeal-deadline task); the partner's answer is
    # recorded on behalf of the staff member who sent the referral, and the timeline says the partner answered.
    try:
        advance(referral.sent_by, entitlement, step)
    except CaseworkError as error:
        raise ReferralError(str(error)) from error
