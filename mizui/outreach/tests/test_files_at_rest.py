"""Raw import files: encrypted on disk at every stage, deleted when done, failed or kept too long; the encodings
municipal systems write are read, and any other is refused in the user's language."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.tenancy import tenant_context
from mizui.lib import filecrypt
from mizui.outreach import synthetic
from mizui.outreach.models import ImportStatus, PopulationMember, RecordImport
from mizui.outreach.services.importer import ImportRefused, run_import, start_import
from mizui.outreach.tests.factories import make_source
from mizui.test import MizuiTestCase, login

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
UNREADABLE = "לא הצלחנו לזהות את קידוד התווים של הקובץ"


class ImportFileTests(MizuiTestCase):
    def setUp(self) -> None:
        self.media = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-media-")))
        self.enterContext(self.settings(MEDIA_ROOT=str(self.media)))
        self.source = make_source(self.a)
        self.rows = list(synthetic.rows(8, seed=11))
        login(self.client, self.michal, authority=self.a)

    def _upload(self, content: bytes, name: str = "arnona.csv") -> RecordImport:
        self.client.post(
            reverse("outreach:import-new"), {"source": self.source.pk, "file": SimpleUploadedFile(name, content)}
        )
        with tenant_context(self.a):
            return RecordImport.objects.for_authority(self.a).latest("pk")

    def _files(self) -> list[Path]:
        return [p for p in self.media.rglob("*") if p.is_file()]

    def _assert_no_plaintext_on_disk(self) -> None:
        secrets = [self.rows[0][0].encode(), self.rows[0][1].encode(), self.rows[0][2].encode()]  # ID, name, phone
        for path in self._files():
            data = path.read_bytes()
            self.assertTrue(filecrypt.is_encrypted(data), path)
            for secret in secrets:
                self.assertNotIn(secret, data)
            self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600, path)
            for folder in path.relative_to(self.media).parents[:-1]:
                self.assertEqual(stat.S_IMODE((self.media / folder).stat().st_mode), 0o700, folder)

    def _members(self) -> list[str]:
        with tenant_context(self.a):
            return sorted(m.data for m in PopulationMember.objects.for_authority(self.a))

    def test_no_plaintext_file_at_any_stage_and_none_left_when_done(self) -> None:
        item = self._upload(synthetic.csv_bytes(self.rows))
        self.assertEqual(item.status, ImportStatus.PREVIEW)
        self.assertEqual(len(self._files()), 1)
        self._assert_no_plaintext_on_disk()
        page = self.client.get(reverse("outreach:import", args=[item.pk]))
        self.assertContains(page, self.rows[0][1])  # the preview reads it back through the keys
        self.client.post(reverse("outreach:import-start", args=[item.pk]))  # queued for a worker
        item.refresh_from_db()
        self.assertEqual(item.status, ImportStatus.QUEUED)
        self._assert_no_plaintext_on_disk()
        done = run_import(item)
        self.assertEqual((done.status, done.merged, bool(done.upload)), (ImportStatus.DONE, len(self.rows), False))
        self.assertEqual(self._files(), [])

    @override_settings(TASKS=IMMEDIATE)
    @override_settings(TASKS=IMMEDIATE)
    def test_a_failed_import_leaves_no_file_and_the_same_file_again_continues_it(self) -> None:
        content = synthetic.csv_bytes(self.rows)
        item = self._upload(content)
        self._assert_no_plaintext_on_disk()
        # Between the preview and the import, the source stops naming a column of the file: the import fails.
        mapping = self.source.mapping
        with tenant_context(self.a):
            self.source.mapping = {k: v for k, v in mapping.items() if k != "phone"}
            self.source.save(update_fields=["mapping"])
        self.client.post(reverse("outreach:import-start", args=[item.pk]))
        item.refresh_from_db()
        self.assertEqual((item.status, bool(item.upload)), (ImportStatus.FAILED, False))
        self.assertEqual(self._files(), [])
        page = self.client.get(reverse("outreach:import", args=[item.pk]))
        self.assertContains(page, "data-file-deleted")
        self.assertContains(page, "phone")  # why it failed
        # The same file uploaded again is attached to the same import (by its hash), and it can go on.
        with tenant_context(self.a):
            self.source.mapping = mapping
            self.source.save(update_fields=["mapping"])
        again = self._upload(content)
        self.assertEqual((again.pk, again.status, bool(again.upload)), (item.pk, ImportStatus.FAILED, True))
        self._assert_no_plaintext_on_disk()
        self.client.post(reverse("outreach:import-start", args=[item.pk]))
        item.refresh_from_db()
        self.assertEqual((item.status, item.merged, bool(item.upload)), (ImportStatus.DONE, len(self.rows), False))
        self.assertEqual(self._files(), [])

    def test_a_byte_of_another_encoding_deep_in_the_file_is_refused_at_upload_in_hebrew(self) -> None:
        # Valid UTF-8 for its first 64 KiB (what the encoding is told from), then names in Windows Hebrew.
        rows = [list(r) for r in synthetic.rows(1200, seed=12)]
        good = synthetic.csv_bytes(rows[:1000])
        bad = synthetic.csv_bytes(rows[1000:]).split(b"\r\n", 1)[1]
        response = self.client.post(
            reverse("outreach:import-new"),
            {"source": self.source.pk, "file": SimpleUploadedFile("a.csv", good + bad.decode().encode("cp1255"))},
            follow=True,
        )
        self.assertContains(response, "אינו בקידוד utf-8 כמו תחילתו")
        self.assertNotContains(response, "codec")
        self.assertEqual(self._files(), [])
        with tenant_context(self.a):
            self.assertFalse(RecordImport.objects.for_authority(self.a).exists())

    def test_the_retention_command_deletes_old_waiting_files_and_keeps_fresh_ones(self) -> None:
        old = self._upload(synthetic.csv_bytes(self.rows))
        fresh = self._upload(synthetic.csv_bytes(list(synthetic.rows(3, seed=13))), name="fresh.csv")
        # A failed import whose file was uploaded again an hour ago, to continue it: it gets its time too.
        retried = self._upload(synthetic.csv_bytes(list(synthetic.rows(4, seed=14))), name="retried.csv")
        hours_ago = timezone.now() - dt.timedelta(hours=25)
        with tenant_context(self.a):
            RecordImport.objects.filter(pk__in=[old.pk, retried.pk]).update(created_at=hours_ago)
            RecordImport.objects.filter(pk=retried.pk).update(status=ImportStatus.FAILED)
        orphan = self.media / "outreach" / "imports" / "left-by-a-crash.csv"
        orphan.write_bytes(b"")
        for path in (orphan, Path(old.upload.path)):
            os.utime(path, (hours_ago.timestamp(), hours_ago.timestamp()))
        paths = [Path(item.upload.path) for item in (old, fresh, retried)]
        call_command("purge_import_files", stdout=io.StringIO())
        for item in (old, fresh, retried):
            item.refresh_from_db()
        self.assertEqual([p.exists() for p in [*paths, orphan]], [False, True, True, False])
        self.assertEqual((old.status, bool(old.upload)), (ImportStatus.FAILED, False))
        self.assertIn("24", old.error)
        self.assertEqual((fresh.status, bool(fresh.upload)), (ImportStatus.PREVIEW, True))
        self.assertEqual((retried.status, bool(retried.upload)), (ImportStatus.FAILED, True))

    def test_it_imports_windows_hebrew_and_utf16_files_with_their_hebrew_values(self) -> None:
        text = synthetic.csv_bytes(self.rows).decode("utf-8")
        for encoding in ("cp1255", "utf-16", "utf-16-be", "utf-16-le", "utf-8-sig"):
            with self.subTest(encoding=encoding), tenant_context(self.a):
                PopulationMember.objects.for_authority(self.a).delete()
                RecordImport.objects.for_authority(self.a).delete()
                content = text.encode(encoding)
                item, _ = start_import(
                    None, authority=self.a, source=self.source, name="a.csv", fileobj=io.BytesIO(content)
                )
                done = run_import(item)
                self.assertEqual((done.merged, done.quarantined), (len(self.rows), 0))
                members = PopulationMember.objects.for_authority(self.a)
                stored = sorted((json.loads(m.data)["full_name"], json.loads(m.data)["address"]) for m in members)
                self.assertEqual(stored, sorted((row[1], row[3]) for row in self.rows))  # "אולגה פרץ", no mojibake

    def test_it_refuses_a_file_in_an_unknown_encoding_with_a_clear_hebrew_message(self) -> None:
        rows = [[row[0], "Юрий Щукин", row[2], "Ярославская 5", "Южный", *row[5:]] for row in self.rows]
        # Cyrillic in Windows-1251: neither UTF-8 nor Windows Hebrew.
        content = synthetic.csv_bytes(rows).decode("utf-8").encode("cp1251")
        with tenant_context(self.a), self.assertRaisesMessage(ImportRefused, UNREADABLE):
            start_import(None, authority=self.a, source=self.source, name="a.csv", fileobj=io.BytesIO(content))
        response = self.client.post(
            reverse("outreach:import-new"),
            {"source": self.source.pk, "file": SimpleUploadedFile("a.csv", content)},
            follow=True,
        )
        self.assertContains(response, UNREADABLE)
        self.assertNotContains(response, "codec")
        self.assertEqual(self._files(), [])
