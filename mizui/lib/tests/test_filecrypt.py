"""Files at rest: encrypted in chunks, read back (sequentially or by seeking), re-keyed, refused when tampered."""

from __future__ import annotations

import io
import os
import stat
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, override_settings

from mizui.lib import filecrypt
from mizui.lib.filecrypt import CannotDecrypt, DecryptedFile, encrypt_stream, open_decrypted
from mizui.lib.storage import EncryptedFileSystemStorage

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
SMALL = 64  # bytes a chunk, so a few hundred bytes make many chunks


def encrypted(data: bytes, chunk_size: int = SMALL) -> bytes:
    pieces = (data[i : i + 7] for i in range(0, len(data), 7))  # pieces of any size in, exact chunks out
    return b"".join(encrypt_stream(pieces, chunk_size=chunk_size))


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD])
class FormatTests(SimpleTestCase):
    def test_it_reads_back_every_length_around_chunk_boundaries(self) -> None:
        for length in (0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 3 * SMALL + 5):
            data = os.urandom(length)
            stored = encrypted(data)
            self.assertTrue(filecrypt.is_encrypted(stored))
            self.assertEqual(open_decrypted(io.BytesIO(stored)).read(), data, length)

    def test_it_seeks_like_a_file(self) -> None:
        data = bytes(range(256)) * 3
        reader = open_decrypted(io.BytesIO(encrypted(data)))
        self.assertEqual(reader.seek(0, io.SEEK_END), len(data))
        reader.seek(-10, io.SEEK_END)
        self.assertEqual(reader.read(), data[-10:])
        reader.seek(SMALL * 5 + 3)
        self.assertEqual(reader.read(100), data[SMALL * 5 + 3 : SMALL * 5 + 103])
        reader.seek(0)
        self.assertEqual(reader.read(5), data[:5])

    def test_the_plaintext_is_not_in_the_stored_bytes(self) -> None:
        stored = encrypted("039337423,מרים כהן".encode() * 20)
        self.assertNotIn(b"039337423", stored)
        self.assertNotIn("מרים".encode(), stored)

    def test_it_refuses_a_reordered_or_truncated_file(self) -> None:
        stored = encrypted(os.urandom(4 * SMALL + 10))
        header = len(filecrypt.MAGIC) + 4
        stride = 4 + int.from_bytes(stored[header : header + 4], "big")
        records = [stored[i : i + stride] for i in range(header, len(stored), stride)]
        swapped = stored[:header] + records[1] + records[0] + b"".join(records[2:])
        truncated = stored[:header] + b"".join(records[:-1])
        for damaged in (swapped, truncated):
            with self.assertRaisesMessage(CannotDecrypt, "out of order"):
                open_decrypted(io.BytesIO(damaged)).read()

    def test_a_file_stored_before_encryption_reads_as_it_is(self) -> None:
        self.assertEqual(open_decrypted(io.BytesIO(b"%PDF-1.4 plain")).read(), b"%PDF-1.4 plain")

    def test_the_wrong_key_fails_at_once_and_names_the_setting(self) -> None:
        stored = encrypted(b"secret")
        with (
            override_settings(FIELD_ENCRYPTION_KEYS=[NEW]),
            self.assertRaisesMessage(CannotDecrypt, "FIELD_ENCRYPTION_KEYS"),
        ):
            DecryptedFile(io.BytesIO(stored), "cases/1/x")


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD])
class StorageTests(SimpleTestCase):
    def setUp(self) -> None:
        self.root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.storage = EncryptedFileSystemStorage(location=str(self.root / "media"))

    def test_it_stores_ciphertext_0600_in_0700_folders_and_reads_plaintext(self) -> None:
        data = os.urandom(filecrypt.CHUNK + 1000)  # two chunks
        name = self.storage.save("cases/7/doc", ContentFile(data))
        path = Path(self.storage.path(name))
        self.assertTrue(path.read_bytes().startswith(filecrypt.MAGIC))
        self.assertNotIn(data[:100], path.read_bytes())
        self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(path.parent.stat().st_mode), 0o700)
        with self.storage.open(name) as handle:
            self.assertEqual(handle.read(), data)
        self.assertEqual(self.storage.size(name), len(data))
        with self.assertRaises(ValueError):
            self.storage.open(name, "wb")

    def test_rotation_leaves_files_readable_with_only_the_new_key(self) -> None:
        name = self.storage.save("outreach/imports/a.csv", ContentFile(b"id,name\n039337423,x\n"))
        legacy = self.root / "media" / "cases" / "old.pdf"
        legacy.parent.mkdir(parents=True)
        legacy.write_bytes(b"%PDF-1.4 stored before encryption")
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
            for stored in self.storage.stored():
                self.storage.reencrypt(stored)
        self.assertEqual(sorted(self.storage.stored()), ["cases/old.pdf", name])
        self.assertTrue(filecrypt.is_encrypted(legacy.read_bytes()))
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
            self.assertEqual(self.storage.open(name).read(), b"id,name\n039337423,x\n")
            self.assertEqual(self.storage.open("cases/old.pdf").read(), b"%PDF-1.4 stored before encryption")
        with self.assertRaises(CannotDecrypt):
            self.storage.open(name)  # the old key alone no longer reads it


class RotationCommandTests(SimpleTestCase):
    def test_after_a_new_key_first_and_the_command_files_read_with_the_new_key_alone(self) -> None:
        media = Path(self.enterContext(tempfile.TemporaryDirectory())) / "media"
        self.enterContext(override_settings(MEDIA_ROOT=str(media), FIELD_ENCRYPTION_KEYS=[OLD]))
        name = default_storage.save("cases/3/letter", ContentFile(b"%PDF-1.4 decision letter"))
        os.chmod(media / "cases", 0o755)  # noqa: S103 (a folder made before files were private, as a test)
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
            out = io.StringIO()
            call_command("rotate_file_keys", stdout=out)
        self.assertIn("1 files re-encrypted", out.getvalue())
        self.assertEqual(stat.S_IMODE((media / "cases").stat().st_mode), 0o700)
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]), default_storage.open(name) as handle:
            self.assertEqual(handle.read(), b"%PDF-1.4 decision letter")
        other_key = override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()])
        with other_key, self.assertRaises(CommandError) as refused:
            call_command("rotate_file_keys", stdout=io.StringIO())
        self.assertIn("cases/3/letter", str(refused.exception))
