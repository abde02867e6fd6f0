"""Small helpers for the documents and reminders tests (STYLE.md §9: make_* functions, no fixture files)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Document
from mizui.cases.services.documents import upload_document
from mizui.test import make_case

# The smallest files each check recognises by their first bytes.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 24
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 24


def make_document(
    test: TestCase,
    authority: Authority,
    actor: User,
    *,
    case: Any = None,
    name: str = "מכתב.pdf",
    content: bytes = PDF,
    label: str = "תעודת זהות וספח",
    **options: Any,
) -> Document:
    """A stored document (on a new case unless `case` is given); its file is removed after `test`."""
    case = case if case is not None else make_case(authority)
    with tenant_context(authority):
        document = upload_document(actor, case, upload=SimpleUploadedFile(name, content), label=label, **options)
    test.addCleanup(_remove, document.file.name)
    return document


def _remove(name: str) -> None:
    default_storage.delete(name)
    if isinstance(default_storage, FileSystemStorage):  # leave no empty cases/<authority>/ folders behind
        with contextlib.suppress(OSError):
            Path(default_storage.path(name)).parent.rmdir()


def make_referral(authority: Authority, actor: User) -> Any:
    """A referral of a new case to a partner service, with a link to copy or print (the letter channel)."""
    import datetime as dt

    from django.utils import timezone

    from mizui.cases.models import Referral
    from mizui.directory.models import Organization, Service

    org, _ = Organization.objects.get_or_create(key="referral-factory", defaults={"name_he": "גוף שותף"})
    service, _ = Service.objects.get_or_create(
        key="referral-factory-service", defaults={"organization": org, "name_he": "שירות"}
    )
    case = make_case(authority)
    now = timezone.now()
    with tenant_context(authority):
        return Referral.objects.create(
            authority=authority,
            case=case,
            service=service,
            reason="בדיקה",
            sent_by=actor,
            sent_at=now,
            token_hash="0" * 64,
            expires_at=now + dt.timedelta(days=14),
            channel="letter",
            link="http://testserver/partner/r/x/",
        )
