"""Documents: checked before a byte is stored, kept through Django storage, downloaded only by whom may."""

from __future__ import annotations

import hashlib
import io
import shutil
import stat
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Basis, Document, Entitlement, Stage
from mizui.cases.services import Step, advance
from mizui.cases.services import documents as service
from mizui.cases.services.documents import DocumentRejected, evidence_document, sniff, upload_document
from mizui.cases.tests.factories import EXE, HEIC, JPEG, PDF, PNG, make_document
from mizui.lib.filecrypt import CannotDecrypt, encrypt_stream, is_encrypted, open_decrypted
from mizui.test import MizuiTestCase, login, make_case


class RawName(SimpleUploadedFile):
    """An upload whose name skipped Django's own clean-up (an import, a future API client)."""

    def __init__(self, name: str, content: bytes) -> None:
        super().__init__("placeholder.pdf", content)
        self._name = name


class DocumentTests(MizuiTestCase):
    def setUp(self) -> None:
        self.media = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-media-")))
        self.enterContext(self.settings(MEDIA_ROOT=str(self.media)))
        self.case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            self.row = Entitlement.objects.get(case=self.case)

    def _upload(self, name: str, content: bytes, *, kind: str = "", user=None, case=None, **extra):
        login(self.client, user or self.dana)
        file = io.BytesIO(content)
        file.name = name
        data = {"file": file, "kind": kind or f"e{self.row.pk}:0", **extra}
        url = reverse("cases:document-upload", kwargs={"pk": (case or self.case).pk})
        return self.client.post(url, data, follow=True)

    def _files(self) -> list[Path]:
        return [p for p in self.media.rglob("*") if p.is_file()]

    def _assert_nothing_stored(self) -> None:
        with tenant_context(self.a):
            self.assertEqual(Document.objects.count(), 0)
        self.assertEqual(self._files(), [])

    def test_it_stores_a_pdf_with_its_hash_and_an_encrypted_name(self) -> None:
        response = self._upload("תעודת זהות של מרים.pdf", PDF)
        self.assertContains(response, "המסמך נשמר")
        with tenant_context(self.a):
            document = Document.objects.get()
            with connection.cursor() as cursor:
                cursor.execute("SELECT original_name FROM cases_document WHERE id = %s", [document.pk])
                stored_name = cursor.fetchone()[0]
        self.assertEqual(document.label, "תעודת זהות וספח")
        self.assertEqual(document.entitlement_id, self.row.pk)
        self.assertEqual(
            (document.content_type, document.size, document.sha256),
            ("application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
        )
        self.assertEqual(document.original_name, "תעודת זהות של מרים.pdf")
        self.assertNotIn("מרים", stored_name)
        self.assertRegex(document.file.name, rf"^cases/{self.a.pk}/[0-9a-f]{{32}}$")
        # On disk: ciphertext only, readable by the app's user alone; served back as the original bytes.
        [stored] = self._files()
        self.assertTrue(is_encrypted(stored.read_bytes()))
        self.assertNotIn(PDF[:20], stored.read_bytes())
        self.assertEqual(stat.S_IMODE(stored.stat().st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(stored.parent.stat().st_mode), 0o700)
        self.assertEqual(open_decrypted(io.BytesIO(stored.read_bytes())).read(), PDF)
        # The checklist of the right ticks the uploaded document and still lists the missing ones.
        self.assertContains(response, "data-done", count=1)
        self.assertContains(response, "data-missing", count=4)

    def test_it_refuses_an_oversized_file(self) -> None:
        with self.settings(DOCUMENT_MAX_BYTES=1024):
            response = self._upload("big.pdf", PDF + b"0" * 2048)
        self.assertContains(response, "הקובץ גדול מדי")
        self._assert_nothing_stored()

    def test_it_refuses_a_program_renamed_pdf(self) -> None:
        response = self._upload("letter.pdf", EXE)
        self.assertContains(response, "תוכן הקובץ אינו PDF, JPEG, PNG או HEIC")
        self._assert_nothing_stored()

    def test_it_refuses_a_file_type_it_does_not_keep(self) -> None:
        response = self._upload("form.docx", PDF)
        self.assertContains(response, "אפשר להעלות רק קובצי PDF, JPEG, PNG או HEIC")
        self._assert_nothing_stored()

    def test_it_refuses_an_empty_file(self) -> None:
        response = self._upload("empty.pdf", b"")
        self.assertContains(response, "הקובץ ריק")
        self._assert_nothing_stored()

    def test_it_refuses_path_traversal_names(self) -> None:
        # Django drops ".." and keeps drive prefixes ("C:"); both must end in a message and nothing stored.
        self.assertContains(self._upload("..", PDF), "נא לבחור קובץ להעלאה")
        self.assertContains(self._upload("C:..evil.pdf", PDF), "שם הקובץ לא תקין")
        with tenant_context(self.a):
            for name in ("../../etc/passwd.pdf", "..\\..\\boot.pdf", "a/b.pdf", "x\x00.pdf", ".hidden.pdf"):
                with self.subTest(name=name), self.assertRaisesMessage(DocumentRejected, "שם הקובץ"):
                    upload_document(self.dana, self.case, upload=RawName(name, PDF), label="מסמך")
        self._assert_nothing_stored()

    def test_it_refuses_a_name_that_hides_its_extension(self) -> None:
        # U+202E turns "cod.exe" into "exe.doc" on screen; Django strips it, an import might not.
        with tenant_context(self.a), self.assertRaises(DocumentRejected):
            upload_document(self.dana, self.case, upload=RawName("scan\u202efdp.exe", PDF), label="מסמך")
        self._assert_nothing_stored()

    def test_it_keeps_a_png_named_pdf_as_a_png(self) -> None:
        self._upload("scan.pdf", PNG)
        with tenant_context(self.a):
            document = Document.objects.get()
        self.assertEqual(document.content_type, "image/png")
        response = self.client.get(reverse("cases:document-download", kwargs={"pk": document.pk}))
        self.assertTrue(response["Content-Disposition"].endswith('.png"'))

    def test_it_recognises_phone_photos(self) -> None:
        self.assertEqual(sniff(JPEG), service.JPEG)
        self.assertEqual(sniff(HEIC), service.HEIC)
        self.assertIsNone(sniff(EXE))

    def test_it_streams_the_file_as_an_attachment_and_logs_the_download(self) -> None:
        document = make_document(self, self.a, self.dana, case=self.case, name="../secret name.pdf")
        login(self.client, self.michal)
        response = self.client.get(reverse("cases:document-download", kwargs={"pk": document.pk}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.getvalue(), PDF)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="mizui-case{self.case.pk}-document{document.pk}.pdf"',
        )
        with tenant_context(self.a):
            logged = AccessLog.objects.filter(user=self.michal, object_type="document", object_id=str(document.pk))
            self.assertEqual(list(logged.values_list("action", flat=True)), [AccessAction.VIEW])

    def test_it_answers_404_to_another_authority(self) -> None:
        document = make_document(self, self.a, self.dana, case=self.case)
        for intruder in (self.omar, self.boaz):
            login(self.client, intruder)
            with self.subTest(intruder=intruder.email):
                response = self.client.get(reverse("cases:document-download", kwargs={"pk": document.pk}))
                self.assertEqual(response.status_code, 404)
                response = self.client.post(
                    reverse("cases:document-upload", kwargs={"pk": self.case.pk}), {"file": io.BytesIO(PDF)}
                )
                self.assertEqual(response.status_code, 404)
        with tenant_context(self.a):
            self.assertEqual(Document.objects.count(), 1)

    def test_it_lets_a_volunteer_work_only_on_assigned_cases(self) -> None:
        mine = make_case(self.a, volunteer=self.yael)
        with tenant_context(self.a):
            mine_row = Entitlement.objects.get(case=mine)
        response = self._upload("id.jpg", JPEG, user=self.yael, case=mine, kind=f"e{mine_row.pk}:1")
        self.assertContains(response, "המסמך נשמר")
        self.assertNotContains(response, "אישור הסכום")  # confirming money is for staff
        with tenant_context(self.a):
            uploaded = Document.objects.get(case=mine)
        self.assertEqual(uploaded.uploaded_by, self.yael)
        self.assertEqual(
            self.client.get(reverse("cases:document-download", kwargs={"pk": uploaded.pk})).status_code, 200
        )
        others = make_document(self, self.a, self.dana, case=self.case)
        self.assertEqual(self._upload("id.jpg", JPEG, user=self.yael, kind="other").status_code, 404)
        self.assertEqual(self.client.get(reverse("cases:document-download", kwargs={"pk": others.pk})).status_code, 404)
        with tenant_context(self.a):
            self.assertEqual(Document.objects.filter(case=self.case).count(), 1)

    def test_it_asks_what_an_unlisted_document_is(self) -> None:
        response = self._upload("note.pdf", PDF, kind="other")
        self.assertContains(response, "נא לכתוב מהו המסמך")
        self._assert_nothing_stored()
        self._upload("note.pdf", PDF, kind="other", description="אישור מהבנק")
        with tenant_context(self.a):
            self.assertEqual(Document.objects.get().label, "אישור מהבנק")

    def test_it_confirms_the_amount_with_a_decision_letter(self) -> None:
        today = timezone.localdate()
        with tenant_context(self.a):
            advance(self.dana, self.row, Step(stage=Stage.SUBMITTED, on=today))
        response = self._upload("החלטה.pdf", PDF, kind=f"e{self.row.pk}:decision")
        with tenant_context(self.a):
            letter = Document.objects.get()
        self.assertTrue(letter.is_decision_letter)
        # The ledger's advance form, offered next to the letter, carries it as the evidence.
        self.assertContains(response, f'value="document:{letter.pk}"')
        prefix = f"e{self.row.pk}"
        form = {
            f"{prefix}-stage": Stage.DECIDED,
            f"{prefix}-on": today.isoformat(),
            f"{prefix}-decision": "approved",
            f"{prefix}-monthly_amount": "2500",
            f"{prefix}-evidence": f"document:{letter.pk}",
        }
        self.client.post(reverse("cases:entitlement-advance", kwargs={"pk": self.row.pk}), form)
        with tenant_context(self.a):
            self.row.refresh_from_db()
            self.assertEqual((self.row.basis, self.row.monthly_amount), (Basis.CONFIRMED, 2500))
            self.assertEqual(evidence_document(self.row), letter)

    def test_it_shows_the_case_page_in_the_same_number_of_queries_however_many_documents(self) -> None:
        login(self.client, self.dana)
        url = reverse("cases:case", kwargs={"pk": self.case.pk})

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(captured)

        make_document(self, self.a, self.dana, case=self.case)
        before = queries()
        for _ in range(3):
            make_document(self, self.a, self.dana, case=self.case, entitlement=self.row, is_decision_letter=True)
        self.assertEqual(queries(), before)

    def test_a_restored_media_folder_serves_documents_with_the_same_keys_and_fails_clearly_with_others(self) -> None:
        """A restore as docs/deployment.md describes it: the media folder copied to a new MEDIA_ROOT, the same
        database and keys; the document is served through the download view, access-checked and logged."""
        document = make_document(self, self.a, self.dana, case=self.case, content=PNG)
        restored = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-restored-"))) / "media"
        shutil.copytree(self.media, restored)
        login(self.client, self.michal)
        url = reverse("cases:document-download", kwargs={"pk": document.pk})
        with self.settings(MEDIA_ROOT=str(restored)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(b"".join(response.streaming_content), PNG)  # type: ignore[attr-defined]
            self.assertEqual(response["Content-Length"], str(len(PNG)))
            with tenant_context(self.a):
                logged = AccessLog.objects.filter(user=self.michal, object_type="document", object_id=str(document.pk))
                self.assertEqual(list(logged.values_list("action", flat=True)), [AccessAction.VIEW])
            # A media folder whose files were encrypted under a key this server does not have (a restore with
            # the wrong keys): the download refuses, naming the setting; never the ciphertext or a garbled file.
            with self.settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
                (restored / document.file.name).write_bytes(b"".join(encrypt_stream([PNG])))
            with self.assertRaisesMessage(CannotDecrypt, "wrong FIELD_ENCRYPTION_KEYS"):
                self.client.get(url)
