"""Files at rest encrypted with the field keys (lib/crypto.py), streamed in chunks: a file of any size is
encrypted, read and re-keyed in constant memory.

Format: ``MAGIC`` and the chunk size (4 bytes, big-endian), then one record per chunk of plaintext: its token's
length (4 bytes) and a Fernet token of [last chunk? (1 byte), the chunk's index (8 bytes), the chunk]. So chunks
cannot be dropped, repeated or reordered unnoticed. Every chunk but the last holds exactly the chunk size, so all
records but the last have one length, and a reader reaches any offset by decrypting one chunk: a zip (XLSX) is
read from its end, a download states its length.

A file without ``MAGIC`` is a plaintext file stored before encryption: it reads as it is, and
``manage.py rotate_file_keys`` encrypts it.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable, Iterator
from typing import IO

from cryptography.fernet import InvalidToken, MultiFernet

from mizui.lib.crypto import fernet

MAGIC = b"MIZUIEF1"
CHUNK = 1 << 20
_HEADER = struct.Struct(">8sI")
_LENGTH = struct.Struct(">I")
_META = struct.Struct(">?Q")  # last chunk?, index


class CannotDecrypt(ValueError):
    """A stored file cannot be read back: the wrong keys, or a damaged file."""


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _exact(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The bytes of `chunks` again, in pieces of exactly `size` but the last (which may be empty)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    yield bytes(buffer)


def _record(keys: MultiFernet, index: int, last: bool, data: bytes) -> Iterator[bytes]:
    token = keys.encrypt(_META.pack(last, index) + data)
    yield _LENGTH.pack(len(token))
    yield token


def encrypt_stream(chunks: Iterable[bytes], *, chunk_size: int = CHUNK) -> Iterator[bytes]:
    """The encrypted file, piece by piece, for the plaintext given piece by piece (of any sizes)."""
    keys = fernet()
    yield _HEADER.pack(MAGIC, chunk_size)
    pieces = _exact(chunks, chunk_size)
    current = next(pieces)
    index = 0
    for following in pieces:
        if not following:  # the plaintext ended on a chunk boundary
            break
        yield from _record(keys, index, False, current)
        current, index = following, index + 1
    yield from _record(keys, index, True, current)


def read_blocks(raw: IO[bytes], size: int = CHUNK) -> Iterator[bytes]:
    return iter(lambda: raw.read(size), b"")


def reencrypt_stream(raw: IO[bytes]) -> Iterator[bytes]:
    """The file `raw` re-encrypted under the newest key (encrypted, when it was stored in plaintext)."""
    raw.seek(0)
    header = raw.read(_HEADER.size)
    if not is_encrypted(header):
        raw.seek(0)
        yield from encrypt_stream(read_blocks(raw))
        return
    keys = fernet()
    yield header
    while prefix := raw.read(_LENGTH.size):
        (length,) = _LENGTH.unpack(prefix)
        try:
            token = keys.rotate(raw.read(length))
        except InvalidToken:
            raise CannotDecrypt("cannot re-encrypt a file: wrong FIELD_ENCRYPTION_KEYS, or a damaged file") from None
        yield _LENGTH.pack(len(token))
        yield token


class DecryptedFile(io.RawIOBase):
    """The plaintext of an encrypted file, readable and seekable; one chunk in memory at a time."""

    def __init__(self, raw: IO[bytes], name: str = "") -> None:
        super().__init__()
        self._raw, self._name, self._keys = raw, name or "a file", fernet()
        raw.seek(0)
        header = raw.read(_HEADER.size)
        if len(header) < _HEADER.size or not is_encrypted(header):
            raise CannotDecrypt(f"{self._name} is not an encrypted file")
        self._chunk: int = _HEADER.unpack(header)[1]
        first = raw.read(_LENGTH.size)
        if len(first) < _LENGTH.size:
            raise CannotDecrypt(f"{self._name} is damaged: it ends before its first chunk")
        self._stride = _LENGTH.size + _LENGTH.unpack(first)[0]
        body = raw.seek(0, io.SEEK_END) - _HEADER.size
        self._count = -(-body // self._stride)
        self._pos, self._index, self._size = 0, -1, -1
        self._data = memoryview(b"")
        self._load(0)  # the wrong keys fail here, at once, rather than mid-download

    def _decrypt(self, index: int) -> memoryview:
        self._raw.seek(_HEADER.size + index * self._stride)
        (length,) = _LENGTH.unpack(self._raw.read(_LENGTH.size))
        last = index == self._count - 1
        token = self._raw.read(length)
        if len(token) != length or (not last and _LENGTH.size + length != self._stride):
            raise CannotDecrypt(f"{self._name} is damaged: chunk {index} is cut short")
        try:
            plain = self._keys.decrypt(token)
        except InvalidToken:
            raise CannotDecrypt(
                f"cannot decrypt {self._name}: wrong FIELD_ENCRYPTION_KEYS, or a damaged file"
            ) from None
        is_last, stored_index = _META.unpack_from(plain)
        data = memoryview(plain)[_META.size :]
        if stored_index != index or is_last != last or (not last and len(data) != self._chunk):
            raise CannotDecrypt(f"{self._name} is damaged: chunks are missing or out of order")
        return data

    def _load(self, index: int) -> None:
        self._data, self._index = self._decrypt(index), index

    def size(self) -> int:
        if self._size < 0:
            self._size = (self._count - 1) * self._chunk + len(self._decrypt(self._count - 1))
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: -1}[whence]
        position = (self.size() if base < 0 else base) + offset
        if position < 0:
            raise ValueError("negative seek position")
        self._pos = position
        return position

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        index, offset = divmod(self._pos, self._chunk)
        if index >= self._count:
            return 0
        if index != self._index:
            self._load(index)
        n = min(len(buffer), len(self._data) - offset)
        if n <= 0:
            return 0
        buffer[:n] = self._data[offset : offset + n]
        self._pos += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_decrypted(raw: IO[bytes], name: str = "") -> IO[bytes]:
    """A readable, seekable binary file of `raw`'s plaintext (a plaintext file from before encryption as it is)."""
    raw.seek(0)
    head = raw.read(len(MAGIC))
    raw.seek(0)
    if not is_encrypted(head):
        return raw
    return io.BufferedReader(DecryptedFile(raw, name), buffer_size=1 << 16)
