"""manage.py rotate_file_keys: re-encrypt every stored file under the newest FIELD_ENCRYPTION_KEYS key."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from mizui.lib.filecrypt import CannotDecrypt
from mizui.lib.storage import EncryptedFileSystemStorage


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored file (case documents, import uploads) under the first key of "
        "FIELD_ENCRYPTION_KEYS, encrypt any stored before encryption, and make files 0600 and folders 0700. "
        "Run it after putting a new key first; then the old key can be removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        storage = storages["default"]
        if not isinstance(storage, EncryptedFileSystemStorage):
            raise CommandError("STORAGES['default'] is not mizui.lib.storage.EncryptedFileSystemStorage.")
        done, failed = 0, []
        for name in sorted(storage.stored()):
            try:
                storage.reencrypt(name)
            except CannotDecrypt as error:
                failed.append(f"{name}: {error}")
            else:
                done += 1
        storage.tighten()
        self.stdout.write(f"{done} files re-encrypted under the newest key")
        if failed:
            raise CommandError("Not re-encrypted (the files are left as they were):\n" + "\n".join(failed))
