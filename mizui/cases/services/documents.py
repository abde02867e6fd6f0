"""Documents on a case: checked by size, name, extension and magic bytes before a byte is stored.

The file goes to Django's default storage, which encrypts it at rest (lib/storage.py), under a server-generated
path; the resident's file name is kept only encrypted, in the row. It is decrypted only to be served, by the
download views after their access checks. A decision letter on a ledger row is the evidence that confirms its
amounts: `advance(..., Step(evidence=evidence_for(document)))`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, User
from mizui.cases.models import Case, Document, Entitlement, EventKind
from mizui.cases.services.casework import EVIDENCE_PREFIX, CaseworkError, log_event

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DECISION_LETTER_LABEL = "מכתב החלטה"  # stored in Hebrew like the checklist labels; shown translated
# ISO base media "brands" of HEIF images taken by phones (ISO/IEC 23008-12).
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


class DocumentRejected(CaseworkError):
    """The upload was refused before anything was stored; the message says why, for the user."""


@dataclass(frozen=True)
class FileKind:
    name: str
    content_type: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileKind("PNG", "image/png", (".png",))
HEIC = FileKind("HEIC", "image/heic", (".heic", ".heif"))
KINDS = (PDF, JPEG, PNG, HEIC)
ALLOWED_EXTENSIONS = frozenset(ext for kind in KINDS for ext in kind.extensions)


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> FileKind | None:
    """The type the first bytes declare, whatever the file is called."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    return None


# Path separators, parent steps, drive letters and control characters have no place in a file's name;
# Django strips most of them from browser uploads, this also covers imports and API clients.
_BAD_NAME = re.compile(r"[/\\:\x00-\x1f\x7f]|\.\.")


def _check_name(name: str) -> str:
    if not name or len(name) > 255 or _BAD_NAME.search(name) or name.startswith("."):
        raise DocumentRejected(_("שם הקובץ לא תקין (יש בו תווים כמו / או ..). שנו את שם הקובץ ונסו שוב."))
    if any(unicodedata.category(c) in {"Cf", "Cc"} for c in name):
        # Right-to-left overrides can make "fdp.exe" look like "exe.pdf" on screen.
        raise DocumentRejected(_("שם הקובץ מכיל תווים נסתרים. שנו את שם הקובץ ונסו שוב."))
    extension = PurePosixPath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise DocumentRejected(_("אפשר להעלות רק קובצי PDF, JPEG, PNG או HEIC."))
    return extension


def check_upload(upload: UploadedFile) -> FileKind:
    """Refuse an empty, oversized, misnamed or disguised file; return the type its content proves."""
    size = upload.size or 0
    if size == 0:
        raise DocumentRejected(_("הקובץ ריק. בדקו שבחרתם את הקובץ הנכון ונסו שוב."))
    limit = max_bytes()
    if size > limit:
        raise DocumentRejected(
            _("הקובץ גדול מדי (%(size)s MB). הגודל המרבי הוא %(max)s MB; אפשר לצלם או לסרוק ברזולוציה נמוכה יותר.")
            % {"size": f"{size / 1_048_576:.1f}", "max": f"{limit / 1_048_576:.0f}"}
        )
    _check_name(upload.name or "")
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise DocumentRejected(
            _("תוכן הקובץ אינו PDF, JPEG, PNG או HEIC, אף ששמו אומר אחרת. הקובץ לא נשמר; אפשר לסרוק אותו מחדש.")
        )
    # A PNG called "letter.pdf" is kept, but as what its bytes say it is: a PNG.
    return kind


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def upload_document(
    actor: User | None,
    case: Case,
    *,
    upload: UploadedFile,
    label: str,
    entitlement: Entitlement | None = None,
    is_decision_letter: bool = False,
    on_behalf_of: User | None = None,
) -> Document:
    """Check and store one file on `case` (optionally on one of its ledger rows); all or nothing.

    `actor` None is a partner agency uploading through its referral link (services/referrals.py): the row's
    `uploaded_by` is then `on_behalf_of`, the staff member who sent the referral, and the access log and the
    case timeline name no user.
    """
    uploader = actor or on_behalf_of
    if uploader is None:
        raise ValueError("a document needs an uploader: the actor, or whom a partner's upload is on behalf of")
    kind = check_upload(upload)
    if entitlement is not None and entitlement.case_id != case.pk:
        raise DocumentRejected(_("הזכות שנבחרה אינה שייכת לתיק הזה."))
    if is_decision_letter and entitlement is None:
        raise DocumentRejected(_("מכתב החלטה צריך להיות משויך לזכות ביומן."))
    label = " ".join(label.split())[:200] or (DECISION_LETTER_LABEL if is_decision_letter else "")
    if not label:
        raise DocumentRejected(_("נא לכתוב מהו המסמך."))
    document = Document(
        authority=case.authority,
        case=case,
        entitlement=entitlement,
        label=label,
        is_decision_letter=is_decision_letter,
        original_name=upload.name or "",
        content_type=kind.content_type,
        size=upload.size or 0,
        sha256=_sha256(upload),
        uploaded_by=uploader,
    )
    document.file.save(f"upload{kind.extension}", upload, save=False)  # upload_to chooses the real path
    try:
        with transaction.atomic():
            document.save()
            log_event(actor, case, EventKind.DOCUMENT, label)
            record(
                actor=actor,
                authority=case.authority,
                action=AccessAction.CREATE,
                object_type="document",
                object_id=document.pk,
            )
    except BaseException:
        document.file.delete(save=False)  # no row, no file
        raise
    return document


def download_name(document: Document) -> str:
    """A safe, server-chosen name for the download; the resident's own name never reaches a header."""
    extension = next((k.extension for k in KINDS if k.content_type == document.content_type), "")
    return f"mizui-case{document.case_id}-document{document.pk}{extension}"


def evidence_for(document: Document) -> str:
    """The ledger's evidence text for a decision letter: `advance(..., Step(evidence=evidence_for(doc)))`."""
    return f"{EVIDENCE_PREFIX}{document.pk}"


def evidence_document(entitlement: Entitlement) -> Document | None:
    """The decision letter a confirmed amount rests on, when its evidence names one of this row's documents."""
    if not entitlement.evidence.startswith(EVIDENCE_PREFIX):
        return None
    pk = entitlement.evidence.removeprefix(EVIDENCE_PREFIX)
    if not pk.isdigit():
        return None
    return Document.objects.filter(pk=int(pk), entitlement=entitlement, is_decision_letter=True).first()


@cache
def _checklists(lang: str) -> dict[str, tuple[str, ...]]:
    return {p["id"]: tuple(p["documents"]) for p in eligibility.programs(lang)}


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # the Hebrew label, as stored in Document.label
    label: str  # in the reader's language
    done: bool


def checklist(entitlement: Entitlement, documents: Iterable[Document], lang: str) -> list[ChecklistItem]:
    """The catalogue's documents for this right, each ticked when a file with its label is on the row."""
    keys = _checklists("he").get(entitlement.program, ())
    shown = _checklists(lang).get(entitlement.program, ())
    uploaded = {d.label for d in documents if d.entitlement_id == entitlement.pk}
    return [
        ChecklistItem(key=key, label=shown[i] if i < len(shown) else key, done=key in uploaded)
        for i, key in enumerate(keys)
    ]


def display_label(document: Document, program: str | None, lang: str) -> str:
    """A stored (Hebrew) checklist label in the reader's language; free text as it was written."""
    if document.is_decision_letter and document.label == DECISION_LETTER_LABEL:
        return _("מכתב החלטה")
    keys = _checklists("he").get(program or "", ())
    shown = _checklists(lang).get(program or "", ())
    if document.label in keys and keys.index(document.label) < len(shown):
        return shown[keys.index(document.label)]
    return document.label
