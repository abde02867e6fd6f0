"""The default file storage: local files encrypted at rest (lib/filecrypt.py), private to the app's user.

Every FileField (case documents, outreach import uploads) saves through it, so no code path writes a plaintext
file; reading a file back (``field.open("rb")``) gives its plaintext, for the views that serve it after their
access checks. Files are created 0600 and folders 0700.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from mizui.lib import filecrypt

PREFIX = ".rekey-"  # a file being re-encrypted, not yet in its place


class _Encrypting:
    """What FileSystemStorage._save writes: the content's bytes, encrypted. It has no temporary_file_path, so
    an upload Django spooled to a temporary file is never moved into MEDIA_ROOT as it is."""

    def __init__(self, content: File[Any]) -> None:
        self.content = content

    def chunks(self) -> Iterator[bytes]:
        return filecrypt.encrypt_stream(self.content.chunks(chunk_size=filecrypt.CHUNK))


@deconstructible(path="mizui.lib.storage.EncryptedFileSystemStorage")
class EncryptedFileSystemStorage(FileSystemStorage):
    def __init__(self, **options: Any) -> None:
        options.setdefault("file_permissions_mode", 0o600)
        options.setdefault("directory_permissions_mode", 0o700)
        super().__init__(**options)

    def _save(self, name: str, content: File[Any]) -> str:
        # django-stubs leave out the storage's private hooks; FileSystemStorage._save only calls chunks().
        return str(super()._save(name, _Encrypting(content)))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if mode not in {"r", "rb"}:
            raise ValueError("stored files are written only by save(), encrypted, and opened only to be read")
        raw = open(self.path(name), "rb")  # noqa: SIM115 (the File returned closes it)
        return File(filecrypt.open_decrypted(raw, name), name=name)

    def size(self, name: str) -> int:
        with self.open(name) as handle:
            return int(handle.seek(0, os.SEEK_END))

    def stored(self) -> Iterator[str]:
        """The name of every file in the storage (not those half re-encrypted)."""
        for folder, _dirs, files in os.walk(self.location):
            for file in files:
                if not file.startswith(PREFIX):
                    yield os.path.relpath(os.path.join(folder, file), self.location).replace(os.sep, "/")

    def reencrypt(self, name: str) -> None:
        """Rewrite one file under the newest key, in its place at once (a plaintext file is encrypted)."""
        path = self.path(name)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=PREFIX)  # created 0600
        try:
            with open(path, "rb") as source, os.fdopen(fd, "wb") as target:
                for piece in filecrypt.reencrypt_stream(source):
                    target.write(piece)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise

    def tighten(self) -> None:
        """Files 0600 and folders 0700, for those stored before (or copied in by a restore)."""
        for folder, _dirs, files in os.walk(self.location):
            os.chmod(folder, self.directory_permissions_mode or 0o700)
            for file in files:
                os.chmod(os.path.join(folder, file), self.file_permissions_mode or 0o600)
