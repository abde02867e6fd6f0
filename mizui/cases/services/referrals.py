"""Referrals: send one to a partner (only with the resident's consent), and take the partner's answer.

The partner answers through a signed link, without an account, sent by e-mail or by SMS to its contact in the
directory. The link carries the authority, the referral and a random nonce whose hash is on the row, signed with
a timestamp: a tampered or expired link is refused before any query, and the authority inside the signature is
the tenant the page runs as. Through it the partner downloads the documents the center shared (and no other)
and may upload a decision document with its answer, checked like every upload (services/documents.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    FINAL_STATUSES,
    Case,
    Consent,
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
    SharedIdentifier,
    Stage,
    TaskKind,
)
from mizui.cases.models.referrals import LinkChannel
from mizui.cases.services import outbox
from mizui.cases.services.casework import CaseworkError, Step, add_task, advance, log_event
from mizui.cases.services.documents import DECISION_LETTER_LABEL, check_upload, evidence_for, upload_document
from mizui.directory.models import Contact, Service
from mizui.directory.taxonomy import needs_of
from mizui.lib import messaging
from mizui.lib.phone import normalize_il_phone

logger = logging.getLogger(__name__)

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
        .select_related(
            "case", "case__resident", "service", "service__organization", "entitlement", "authority", "sent_by"
        )
        .first()
    )
    if referral is None or not hmac.compare_digest(referral.token_hash, _hash(claim.nonce)):
        raise LinkInvalid
    return referral


def partner_names(service: Service) -> list[str]:
    """The names an older, free-text consent may give the partner by: the organization (Hebrew, English, key) or
    the service. Consents recorded now name the organization from the directory, or a type of agency."""
    org = service.organization
    return [name for name in (org.name_he, org.name_en, org.key, service.name_he) if name]


def sharing_consents(case: Case, service: Service, on: dt.date) -> list[Consent]:
    """The resident's valid consents to share with this service's partner: given to its organization, to a type
    of agency it is (an Open Eligibility need its service serves), or, for older consents, by one of its names."""
    org_id = service.organization_id
    needs = set(needs_of(list(service.taxonomy_terms or [])))
    names = set(partner_names(service))
    consents = Consent.objects.filter(
        resident=case.resident, purpose=ConsentPurpose.SHARE_PARTNER, withdrawn_at__isnull=True
    ).order_by("given_at", "pk")
    return [
        c
        for c in consents
        if c.is_valid(on)
        and (
            c.organization_id == org_id
            or (c.agency_type and c.agency_type in needs)
            or (c.organization_id is None and not c.agency_type and c.partner in names)
        )
    ]


def may_share(case: Case, service: Service, on: dt.date) -> bool:
    return bool(sharing_consents(case, service, on))


def shared_identifiers(referral: Referral, on: dt.date | None = None) -> list[SharedIdentifier]:
    """What the partner may see to find the resident's file: what the valid consents for it allow, in a fixed
    order."""
    allowed: set[str] = set()
    for consent in sharing_consents(referral.case, referral.service, on or timezone.localdate()):
        allowed.update(consent.identifiers or [])
    return [i for i in SharedIdentifier if i.value in allowed]


def partner_email(service: Service) -> str:
    return service.organization.email or service.email


def partner_phone(service: Service, contacts: Iterable[Contact] | None = None) -> str:
    """The mobile that takes this partner's SMS: its contact for this service, else the organization's mobile in
    the directory, else an organization-wide contact's. `contacts`: the organization's, when already fetched.

    Only mobiles count: an organization's `phone` is a switchboard, which takes no SMS.
    """
    if contacts is None:
        contacts = Contact.objects.filter(
            Q(service=service) | Q(service__isnull=True), organization_id=service.organization_id
        ).only("service_id", "name", "phone")
    mine = [c for c in contacts if c.service_id in {None, service.pk}]
    ordered = sorted(mine, key=lambda c: (c.service_id is None, c.name, c.pk))
    numbers = [c.phone for c in ordered if c.service_id is not None]
    numbers.append(str(getattr(service.organization, "mobile", "") or ""))
    numbers += [c.phone for c in ordered if c.service_id is None]
    for raw in numbers:
        number = normalize_il_phone(raw) if raw else None
        if number is not None and number.startswith("05"):
            return number
    return ""


def partner_address(service: Service, channel: LinkChannel, contacts: Iterable[Contact] | None = None) -> str:
    """Where the link goes on `channel`: an e-mail address or a mobile number; "" when the directory has none
    (and for a letter, which goes nowhere by itself)."""
    if channel == LinkChannel.SMS:
        return partner_phone(service, contacts)
    if channel == LinkChannel.EMAIL:
        return partner_email(service)
    return ""


def accepted_channels(service: Service) -> list[LinkChannel]:
    """The channels the partner takes referrals on, as the directory says, in its order; all when it says none."""
    said = [LinkChannel(c) for c in getattr(service.organization, "channels", None) or [] if c in LinkChannel.values]
    return said or list(LinkChannel)


@dataclass(frozen=True)
class ChannelOption:
    channel: LinkChannel
    accepted: bool  # the partner takes referrals this way
    ready: bool  # ... and the directory has the address it needs (a letter or a copied link needs none)


def channel_options(service: Service, contacts: Iterable[Contact] | None = None) -> list[ChannelOption]:
    """Each way to send a referral to this partner, and whether it can go that way now. The letter (a printed
    referral letter with the link as a QR code, or the link copied) is always ready: the fallback."""
    accepted = accepted_channels(service)
    if contacts is None:
        contacts = list(
            Contact.objects.filter(organization_id=service.organization_id).only("service_id", "name", "phone")
        )
    options = []
    for channel in LinkChannel:
        has_address = channel == LinkChannel.LETTER or bool(partner_address(service, channel, contacts))
        is_accepted = channel in accepted or channel == LinkChannel.LETTER
        options.append(ChannelOption(channel, channel in accepted, is_accepted and has_address))
    return options


def _channel_refused(service: Service, channel: LinkChannel) -> str:
    """Why the link cannot go on `channel`, and what can be done instead: only ways that work now, so the
    message never sends the user to another channel that fails too."""
    values = {"partner": service.organization.name_he, "service": service.name_he, "channel": channel.label}
    if channel not in accepted_channels(service):
        why = _("%(partner)s אינו מקבל הפניות בערוץ %(channel)s.") % values
    elif channel == LinkChannel.SMS:
        why = (
            _("לשירות %(service)s של %(partner)s אין בספרייה טלפון נייד, ולכן אי אפשר לשלוח את הקישור ב־SMS.") % values
        )
    else:
        why = _("לגוף %(partner)s אין כתובת דוא״ל בספרייה, ולכן אי אפשר לשלוח את הקישור בדוא״ל.") % values
    others = [
        o.channel.label for o in channel_options(service) if o.ready and o.channel not in {channel, LinkChannel.LETTER}
    ]
    if others:
        instead = _("אפשר לשלוח במקום ב: %(channels)s; או לבחור ״מכתב מודפס או קישור״ ולמסור את ההפניה בעצמכם.") % {
            "channels": ", ".join(str(o) for o in others)
        }
    else:
        instead = _("אפשר לבחור ״מכתב מודפס או קישור״: להדפיס מכתב הפניה עם קוד QR או להעתיק את הקישור ולמסור אותו.")
    return f"{why} {instead}"


def link_message(referral: Referral, *, channel: LinkChannel, to: str, link: str) -> messaging.Message:
    """The message that carries the link, in Hebrew. It names no resident: whoever reads the mailbox or the phone
    learns only that a referral is waiting."""
    values = {
        "city": referral.authority.name_he,
        "service": referral.service.name_he,
        "days": link_days(),
        "link": link,
    }
    with translation.override("he"):
        if channel == LinkChannel.SMS:
            # Short: a Hebrew SMS part holds 70 characters, and the link is long already.
            body = _(
                "מרכז מיצוי הזכויות %(city)s: הפניה חדשה לשירות %(service)s. לצפייה ולעדכון (בתוקף %(days)s ימים): %(link)s"
            )
            return messaging.Message(to, body % values)
        return messaging.Message(
            to,
            _("התקבלה הפניה לשירות %(service)s. לצפייה ולעדכון הסטטוס (הקישור בתוקף %(days)s ימים):\n%(link)s")
            % values,
            subject=_("הפניה חדשה ממרכז מיצוי הזכויות %(city)s") % values,
        )


def send_referral(
    actor: User,
    case: Case,
    *,
    service: Service,
    reason: str,
    absolute_url: Callable[[str], str],
    entitlement: Entitlement | None = None,
    documents: Iterable[Document] = (),
    channel: LinkChannel = LinkChannel.EMAIL,
    contact_phone: str = "",
) -> Referral:
    """Create the referral and send the partner its signed link, by e-mail or by SMS to its mobile, or keep it for
    the center to hand over (LETTER: the printed referral letter with a QR code, or the link copied).

    No consent for that partner, or a channel it does not take or has no address for in the directory: no referral.
    """
    if not may_share(case, service, timezone.localdate()):
        raise ReferralError(
            _("אין הסכמה בתוקף של התושב/ת להעברת מידע אל %(partner)s. נא לתעד הסכמה בדף התושב/ת ואז לשלוח.")
            % {"partner": service.organization.name_he}
        )
    address = partner_address(service, channel)
    if channel != LinkChannel.LETTER and (not address or channel not in accepted_channels(service)):
        raise ReferralError(_channel_refused(service, channel))
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
            channel=channel,
            contact_phone=contact_phone,
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
        referral.link = link
        referral.save(update_fields=["link"])
        if channel == LinkChannel.LETTER:
            return referral
        # Queued with the referral (a background task sends it and retries it); the referral shows how it went.
        outbox.queue(
            case.authority,
            channel,
            link_message(referral, channel=channel, to=address, link=link),
            recipient=f"partner:{service.organization_id}",
            referral=referral,
        )
    return referral


def shared_documents(referral: Referral) -> list[Document]:
    """The documents the center chose to share with this referral: all the partner may download."""
    return list(referral.documents.order_by("pk"))


def shared_document(referral: Referral, pk: int) -> Document | None:
    """Document `pk` if the center shared it with this referral; None for any other id (the caller answers 404)."""
    return referral.documents.filter(pk=pk).first()


@dataclass(frozen=True)
class Answer:
    status: ReferralStatus
    note: str = ""
    monthly_amount: Decimal | None = None
    denial_reason: DenialReason | None = None


# Stored in Hebrew, like the checklist labels (services/documents.py); the case's documents list shows them.
PARTNER_LETTER_LABEL = DECISION_LETTER_LABEL + " מאת {partner}"
PARTNER_DOCUMENT_LABEL = "מסמך מאת {partner}"
DECISIONS = frozenset({ReferralStatus.APPROVED, ReferralStatus.DENIED})


def _store_partner_document(
    actor: User | None, referral: Referral, status: ReferralStatus, upload: UploadedFile
) -> Document:
    """The partner's document, on the case (and the referral's ledger row). With an approval or a denial it is
    that row's decision letter, so it can be the evidence of the decision."""
    entitlement = referral.entitlement
    letter = status in DECISIONS and entitlement is not None
    label = PARTNER_LETTER_LABEL if letter else PARTNER_DOCUMENT_LABEL
    return upload_document(
        actor,
        referral.case,
        upload=upload,
        label=label.format(partner=referral.service.organization.name_he),
        entitlement=entitlement,
        is_decision_letter=letter,
        on_behalf_of=referral.sent_by,
    )


def _within_link_quota(referral: Referral, *, upload: bool) -> None:
    """A partner's link is a bearer key: whoever holds it may answer, so it may answer (and upload) only so often.
    Raises ReferralError, which the partner's page shows, with what to do instead."""
    answers = ReferralStatusChange.objects.filter(referral=referral, by__isnull=True)
    if answers.count() >= settings.REFERRAL_LINK_ANSWERS:
        raise ReferralError(
            _("הקישור הזה קיבל כבר את מספר העדכונים המרבי. לעדכונים נוספים נא לפנות למרכז מיצוי הזכויות שהפנה אליכם.")
        )
    if upload and answers.filter(document__isnull=False).count() >= settings.REFERRAL_LINK_UPLOADS:
        raise ReferralError(
            _("דרך הקישור הזה צורף כבר המספר המרבי של מסמכים. מסמכים נוספים נא לשלוח למרכז מיצוי הזכויות שהפנה אליכם.")
        )


def answer_referral(
    actor: User | None, referral: Referral, answer: Answer, *, upload: UploadedFile | None = None
) -> Document | None:
    """Record a status change (actor None: the partner, through the link); a decision updates the ledger.

    `upload` is the partner's decision document (e.g. the approval letter). It is checked before anything is
    written (DocumentRejected says why it was refused); the document, the status change and the ledger move
    stand or fall together, and a file whose row was rolled back is removed. With an approval and an amount,
    the letter is the evidence that confirms the money. Returns the stored document, if any.
    """
    if referral.is_closed:
        raise ReferralError(_("ההפניה כבר נסגרה; אי אפשר לעדכן אותה."))
    if actor is None:
        _within_link_quota(referral, upload=upload is not None)
    if upload is not None:
        check_upload(upload)
    now = timezone.now()
    before = (referral.status, referral.first_answer_at, referral.closed_at)
    document: Document | None = None
    try:
        with transaction.atomic():
            if upload is not None:
                document = _store_partner_document(actor, referral, answer.status, upload)
            ReferralStatusChange.objects.create(
                authority_id=referral.authority_id,
                referral=referral,
                status=answer.status,
                note=answer.note,
                by=actor,
                document=document,
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
            _update_ledger(referral, answer, document)
    except BaseException:
        # Nothing half-written: the rows rolled back, so the file goes and the page shows the referral as it was.
        referral.status, referral.first_answer_at, referral.closed_at = before
        if document is not None:
            document.file.delete(save=False)
        raise
    return document


def _update_ledger(referral: Referral, answer: Answer, document: Document | None = None) -> None:
    entitlement = referral.entitlement
    if entitlement is None or entitlement.stage != Stage.SUBMITTED:
        return
    # The partner's decision letter when it sent one (the ledger links to it), else the referral itself.
    if document is not None and document.is_decision_letter:
        evidence = evidence_for(document)
    else:
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


def _case_owner(referral: Referral) -> User | None:
    """Who answers for an overdue referral: the case's lawyer, else its coordinator, else whoever sent it."""
    case = referral.case
    for user in (case.lawyer, case.coordinator, referral.sent_by):
        if user is not None and user.is_active:
            return user
    return None


def escalate_overdue(authority: Authority, now: dt.datetime | None = None) -> list[Referral]:
    """Give the case owner a task for each referral its partner left unanswered past the SLA, once each.

    The caller sets `authority` as the tenant. `escalated_at` is claimed with a conditional update before the
    task is created, in one transaction, so a second run (or a racing worker) creates nothing twice.
    """
    moment = now or timezone.now()
    candidates = (
        Referral.objects.for_authority(authority)
        .filter(first_answer_at__isnull=True, closed_at__isnull=True, escalated_at__isnull=True)
        .exclude(status__in=FINAL_STATUSES)
        .select_related("case", "case__authority", "case__lawyer", "case__coordinator", "sent_by")
        .select_related("service", "service__organization")
        .order_by("sent_at", "pk")
    )
    escalated = []
    for referral in candidates:
        if not referral.is_overdue(moment):
            continue
        owner = _case_owner(referral)
        if owner is None:
            logger.warning("overdue referral %s of authority %s has no active owner", referral.pk, authority.pk)
            continue
        with transaction.atomic():
            claimed = Referral.objects.filter(pk=referral.pk, escalated_at__isnull=True).update(escalated_at=moment)
            if not claimed:
                continue
            add_task(
                None,
                referral.case,
                title=_("אין מענה מ%(partner)s להפניה מ־%(sent)s (יעד: %(days)s ימים)")
                % {
                    "partner": referral.service.organization.name_he,
                    "sent": timezone.localtime(referral.sent_at).strftime("%d.%m.%Y"),
                    "days": referral.service.organization.sla_days,
                },
                due_on=timezone.localdate(moment),
                owner=owner,
                kind=TaskKind.FOLLOW_UP,
                entitlement=referral.entitlement,
            )
        referral.escalated_at = moment
        escalated.append(referral)
    return escalated


@task()
def escalate_overdue_referrals(authority_id: int) -> int:
    """Background task (django-tasks): escalate one authority's overdue referrals, under its tenant."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return len(escalate_overdue(authority))


@dataclass
class PartnerRow:
    """One partner organization on the dashboard: its referrals from the current authority."""

    organization: str
    sla_days: int
    sent: int = 0
    open: int = 0
    overdue: int = 0
    closed: int = 0
    answer_days: list[float] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        """Median days from sending to the partner's first answer, over the referrals it answered."""
        return round(statistics.median(self.answer_days), 1) if self.answer_days else None

    @property
    def closure_rate(self) -> int | None:
        """The loop-closure rate: referrals with a final status, in percent of those sent."""
        return round(100 * self.closed / self.sent) if self.sent else None


def partner_dashboard(authority: Authority, now: dt.datetime | None = None) -> list[PartnerRow]:
    """Open, overdue, median days to first answer and loop-closure rate per partner, in one query."""
    moment = now or timezone.now()
    rows: dict[int, PartnerRow] = {}
    referrals = Referral.objects.for_authority(authority).values_list(
        "service__organization_id",
        "service__organization__name_he",
        "service__organization__sla_days",
        "status",
        "sent_at",
        "first_answer_at",
    )
    for org_id, name, sla_days, status, sent_at, first_answer_at in referrals:
        row = rows.setdefault(org_id, PartnerRow(name, sla_days))
        row.sent += 1
        if status in FINAL_STATUSES:
            row.closed += 1
        else:
            row.open += 1
            if first_answer_at is None and sent_at + dt.timedelta(days=sla_days) < moment:
                row.overdue += 1
        if first_answer_at is not None:
            row.answer_days.append((first_answer_at - sent_at).total_seconds() / 86400)
    return sorted(rows.values(), key=lambda r: (-r.overdue, -r.open, r.organization))
