"""Raw import files are kept no longer than needed: an import deletes its file when it is done or fails, and
`manage.py purge_import_files` (hourly) deletes the files of imports only previewed, left queued, or uploaded
again to continue and not continued, for more than IMPORT_FILE_RETENTION_HOURS, and any older file of the import
folder that no running import holds.

A file deleted this way is not lost work: uploading the same file again continues its import (``start_import``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import ImportStatus, RecordImport
from mizui.outreach.services import leases
from mizui.outreach.services.importer import discard_upload

FOLDER = str(RecordImport._meta.get_field("upload").upload_to)  # "outreach/imports/"
WAITING = (ImportStatus.PREVIEW, ImportStatus.QUEUED, ImportStatus.FAILED)  # with a file: to start or continue


def cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(hours=settings.IMPORT_FILE_RETENTION_HOURS)


def _kept_since_before(item: RecordImport, limit: dt.datetime) -> bool:
    try:
        return default_storage.get_modified_time(item.upload.name) < limit
    except FileNotFoundError:
        return True  # nothing to delete; the row forgets its file


def purge_imports(authority: Authority, now: dt.datetime | None = None) -> int:
    """Within the authority's tenant: delete the files of its finished imports (should any be left), and of those
    waiting to be started or continued since before the limit, which then count as failed. A failed import keeps
    a file only when it was uploaded again to continue it: it gets the same time. The number of files deleted."""
    limit = cutoff(now)
    imports = RecordImport.objects.for_authority(authority).exclude(upload="")
    finished = list(imports.filter(status=ImportStatus.DONE))
    # Waiting since: queued (or taken up again after its worker died) at its lease's start, else created; and
    # its file stored since before the limit too (a file uploaded again to continue an import is new).
    candidates = imports.filter(leases.expired_q(limit), status__in=WAITING)
    waiting = [item for item in candidates if _kept_since_before(item, limit)]
    for item in finished:
        discard_upload(item)
    message = _("הקובץ נמחק אחרי %(hours)s שעות בלי ייבוא; אפשר להעלות אותו שוב ולהמשיך.") % {
        "hours": settings.IMPORT_FILE_RETENTION_HOURS
    }
    for item in waiting:
        # Only if nobody started it meanwhile: a worker that takes it sets it running first.
        if RecordImport.objects.filter(pk=item.pk, status__in=WAITING).update(
            status=ImportStatus.FAILED, error=message
        ):
            discard_upload(item)
            record(
                actor=None,
                authority=authority,
                action=AccessAction.UPDATE,
                object_type="record_import",
                object_id=item.pk,
            )
    return len(finished) + len(waiting)


def purge_orphans(now: dt.datetime | None = None) -> int:
    """Delete the files of the import folder older than the limit that no running import holds (a file saved
    by an upload whose row was never written, or of an authority no longer active)."""
    running: set[str] = set()
    for authority in Authority.objects.all():
        with tenant_context(authority):
            imports = RecordImport.objects.for_authority(authority).filter(status=ImportStatus.RUNNING)
            running.update(imports.values_list("upload", flat=True))
    if not default_storage.exists(FOLDER):
        return 0
    deleted = 0
    for file in default_storage.listdir(FOLDER)[1]:
        name = f"{FOLDER}{file}"
        if name not in running and default_storage.get_modified_time(name) < cutoff(now):
            default_storage.delete(name)
            deleted += 1
    return deleted


@task()
def purge_import_files(authority_id: int) -> int:
    """Background task (django-tasks): `purge_imports` of one authority, under its tenant."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return purge_imports(authority)
