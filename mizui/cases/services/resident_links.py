"""The resident's own link: a phone page of the resident's rights on one case, with no account.

Built the way the partner referral link is (services/referrals.py): the authority, the link's id, a random nonce
whose hash is on the row, and the page's language, signed with a timestamp under a salt of its own (a referral or
agency link opens no resident page, and the other way round). A tampered or expired link is refused before any
query; a revoked one, or one past its own expiry, after it. The authority inside the signature is the tenant the
page runs as, and the page shows the rights of the one case the row names.

The link reaches the resident by SMS (the outbox queue, in the resident's language), or as a QR code printed or
shown in the office. A resident marked sensitive (`Resident.sensitivity`, e.g. violence in the family) or who
asked for no SMS gets it only that second way: a message on a shared or watched phone could endanger them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, User
from mizui.cases.models import (
    Case,
    Decision,
    Document,
    Entitlement,
    Referral,
    ResidentLink,
    ResidentLinkChannel,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.services import outbox
from mizui.cases.services.casework import CaseworkError, add_task
from mizui.cases.services.documents import checklist, upload_document
from mizui.cases.services.referrals import LinkExpired, LinkInvalid
from mizui.lib import messaging
from mizui.lib.phone import normalize_il_phone

SALT = "mizui.cases.resident-link"
LANGUAGES = ("he", "ar", "ru", "en")
DEFAULT_DAYS = 30
# The task a resident's upload opens for the caseworker (no one else opens document tasks with no creator).
REVIEW_TASK = TaskKind.DOCUMENTS

__all__ = ["LinkExpired", "LinkInvalid"]


class ResidentLinkError(CaseworkError):
    """A link that cannot be issued or revoked, with a message for staff (Hebrew)."""


def link_days() -> int:
    return int(getattr(settings, "RESIDENT_LINK_DAYS", DEFAULT_DAYS))


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def page_language(language: str) -> str:
    return language if language in LANGUAGES else "he"


@dataclass(frozen=True)
class LinkClaim:
    authority_id: int
    link_id: int
    nonce: str
    language: str


def make_token(link: ResidentLink, nonce: str) -> str:
    payload = {"a": link.authority_id, "l": link.pk, "n": nonce, "g": link.language}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def read_token(token: str) -> LinkClaim:
    """Check signature and age without the database; raises LinkExpired or LinkInvalid."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=dt.timedelta(days=link_days()))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    try:
        return LinkClaim(int(data["a"]), int(data["l"]), str(data["n"]), page_language(str(data["g"])))
    except (KeyError, TypeError, ValueError):
        raise LinkInvalid from None


def claimed_language(token: str) -> str:
    """The language a link says it is in, read WITHOUT trusting it: only to word the page that refuses an expired
    or tampered link in the resident's language. Any failure: Hebrew."""
    try:
        payload = token.split(":")[0]
        compressed = payload.startswith(".")
        raw = signing.b64_decode(payload.lstrip(".").encode())
        if compressed:
            raw = zlib.decompressobj().decompress(raw, 4096)
        data = json.loads(raw)
        return page_language(str(data.get("g", "")))
    except Exception:  # noqa: BLE001 (anything a forged token holds)
        return "he"


def find_link(claim: LinkClaim) -> ResidentLink:
    """The link the claim names, in its authority (the caller has set it as the tenant); revoked or past its
    expiry: LinkExpired."""
    link = (
        ResidentLink.objects.filter(authority_id=claim.authority_id, pk=claim.link_id)
        .select_related("authority", "case", "case__resident", "created_by")
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, _hash(claim.nonce)):
        raise LinkInvalid
    if not link.is_active(timezone.now()):
        raise LinkExpired
    return link


def link_path(token: str) -> str:
    return reverse("cases:resident-page", kwargs={"token": token})


def sms_refusal(case: Case) -> str:
    """Why this resident's link may not go by SMS ("" when it may): the staff form says it next to the choice."""
    resident = case.resident
    if resident.sensitivity:
        return _(
            "לתושב/ת מסומנת רגישות (%(why)s): הודעה לטלפון עלולה להיקרא על ידי אחרים. "
            "אפשר למסור את הקישור רק בערוץ בטוח: להדפיס או להציג את קוד ה־QR במשרד."
        ) % {"why": resident.get_sensitivity_display()}
    if resident.no_sms:
        return _("התושב/ת ביקש/ה לא לקבל SMS. אפשר להדפיס או להציג את קוד ה־QR במשרד.")
    if not _mobile(case):
        return _("לתושב/ת אין מספר טלפון נייד בתיק. אפשר להדפיס או להציג את קוד ה־QR במשרד.")
    return ""


def _mobile(case: Case) -> str:
    number = normalize_il_phone(case.resident.phone) if case.resident.phone else None
    return number if number is not None and number.startswith("05") else ""


def sms_text(authority_name: str, link: str, language: str) -> str:
    with translation.override(language):
        return _("מרכז מיצוי הזכויות %(city)s: הזכויות שלך ומה חסר, בקישור אישי (בתוקף %(days)s ימים): %(link)s") % {
            "city": authority_name,
            "days": link_days(),
            "link": link,
        }


def issue_link(
    actor: User,
    case: Case,
    *,
    channel: ResidentLinkChannel,
    language: str,
    absolute_url: Callable[[str], str],
) -> tuple[ResidentLink, str]:
    """A new link for the case's resident and its full address (shown once, never stored). SMS: queued in the
    outbox in the page's language; refused for a resident who must not get one (`sms_refusal`)."""
    language = page_language(language)
    if channel == ResidentLinkChannel.SMS:
        refusal = sms_refusal(case)
        if refusal:
            raise ResidentLinkError(refusal)
    nonce = secrets.token_urlsafe(24)
    with transaction.atomic():
        link = ResidentLink.objects.create(
            authority=case.authority,
            case=case,
            language=language,
            channel=channel,
            token_hash=_hash(nonce),
            expires_at=timezone.now() + dt.timedelta(days=link_days()),
            created_by=actor,
        )
        url = absolute_url(link_path(make_token(link, nonce)))
        record(
            actor=actor,
            authority=case.authority,
            action=AccessAction.CREATE,
            object_type="resident_link",
            object_id=link.pk,
        )
        if channel == ResidentLinkChannel.SMS:
            body = sms_text(case.authority.name_he, url, language)
            outbox.queue(
                case.authority,
                "sms",
                messaging.Message(_mobile(case), body, language=language),
                recipient=f"resident:{case.resident_id}",
            )
    return link, url


def revoke_link(actor: User, link: ResidentLink) -> None:
    if link.revoked_at is not None:
        raise ResidentLinkError(_("הקישור כבר בוטל."))
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        authority=link.authority,
        action=AccessAction.UPDATE,
        object_type="resident_link",
        object_id=link.pk,
    )


# --- What the page shows ----------------------------------------------------------------------------------------


def plain_stage(entitlement: Entitlement) -> str:
    """The row's stage in the resident's words (the active language)."""
    stage = entitlement.stage
    if stage == Stage.IDENTIFIED:
        return _("זיהינו שאולי מגיעה לך הזכות הזו")
    if stage == Stage.DOCUMENTS:
        return _("אוספים את המסמכים")
    if stage == Stage.SUBMITTED:
        return _("הבקשה הוגשה. מחכים לתשובת הגוף")
    if stage == Stage.APPEALED:
        return _("הוגש ערר. מחכים לתשובת הגוף")
    if stage == Stage.DECIDED:
        if entitlement.decision == Decision.DENIED:
            return _("הבקשה נדחתה. המרכז יבדוק איתך אם לערער")
        return _("אושרה")
    if stage == Stage.PAID:
        return _("אושרה ומשולמת")
    if stage == Stage.RENEWAL_DUE:
        return _("צריך לחדש את הזכות")
    return _("לא ממשיכים בזכות הזו")


APPROVED_STAGES = frozenset({Stage.DECIDED, Stage.PAID, Stage.RENEWAL_DUE})


@dataclass
class MissingDocument:
    value: str  # "<entitlement pk>:<index>" in the upload form
    key: str  # the Hebrew label, stored on the document like staff uploads
    label: str


@dataclass
class RightRow:
    entitlement: Entitlement
    name: str
    stage: str
    approved: bool
    monthly: Decimal
    one_off: Decimal
    missing: list[MissingDocument] = field(default_factory=list)


def rights(case: Case, names: dict[str, str], lang: str) -> list[RightRow]:
    """Each right on the case's ledger, with its stage, amounts and the checklist documents still missing."""
    entitlements = list(Entitlement.objects.filter(case=case).order_by("identified_on", "pk"))
    documents = list(Document.objects.filter(case=case).only("pk", "label", "entitlement_id"))
    rows = []
    for e in entitlements:
        approved = e.stage in APPROVED_STAGES and e.decision in {Decision.APPROVED, Decision.PARTIAL}
        row = RightRow(
            entitlement=e,
            name=names.get(e.program, e.program),
            stage=plain_stage(e),
            approved=approved,
            monthly=e.monthly_amount,
            one_off=e.one_off_amount + e.retroactive_amount,
        )
        if e.stage in {Stage.IDENTIFIED, Stage.DOCUMENTS, Stage.RENEWAL_DUE}:
            row.missing = [
                MissingDocument(f"{e.pk}:{i}", item.key, item.label)
                for i, item in enumerate(checklist(e, documents, lang))
                if not item.done
            ]
        rows.append(row)
    return rows


def next_appointment(case: Case, today: dt.date) -> dt.date | None:
    """The due date of the case's next open task from today: the center's next step with the resident."""
    tasks = Task.objects.filter(case=case, done_at__isnull=True, due_on__gte=today)
    # Not the center's own review of what the resident sent (`upload_missing`): no meeting.
    tasks = tasks.exclude(kind=REVIEW_TASK, created_by__isnull=True)
    task = tasks.order_by("due_on", "pk").first()
    return task.due_on if task is not None else None


def caseworker_phone(case: Case) -> str:
    """The direct phone a caseworker gave on this case's last referral, else the center's phone."""
    phone = (
        Referral.objects.filter(case=case)
        .exclude(contact_phone="")
        .order_by("-sent_at", "-pk")
        .values_list("contact_phone", flat=True)
        .first()
    )
    return phone or case.authority.center_phone


def upload_missing(link: ResidentLink, *, entitlement: Entitlement, label: str, upload: UploadedFile) -> Document:
    """A document the resident uploads through the link: checked and stored exactly as a staff upload, on behalf
    of the staff member who issued the link (the access log and the timeline name no user). The case's caseworker
    gets a task for today to look at it, so it shows in their queue ("my tasks")."""
    case = link.case
    document = upload_document(
        None, case, upload=upload, label=label, entitlement=entitlement, on_behalf_of=link.created_by
    )
    with translation.override("he"):
        title = _("לבדוק מסמך שהתושב/ת שלח/ה בקישור האישי: %(label)s") % {"label": label}
    add_task(
        None,
        case,
        title=title,
        due_on=timezone.localdate(),
        owner=case.lawyer or case.coordinator or link.created_by,
        kind=REVIEW_TASK,
        entitlement=entitlement,
    )
    return document


def touch(link: ResidentLink) -> None:
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
