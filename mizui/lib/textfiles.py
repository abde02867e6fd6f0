"""Text files in the encodings Israeli systems write: UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode
text", little- or big-endian, with a BOM or without) and Windows Hebrew (cp1255, from older municipal systems).

Anything else is refused with a message that says what to do, never a codec's own error: from a file's first
bytes, or when a byte further on does not belong to the encoding its start showed (``check_text`` reads the whole
file before it is stored; a reader meeting such a byte raises the same error).
"""

from __future__ import annotations

import codecs
import io
import re
from typing import IO

from django.utils.translation import gettext as _

SNIFF = 1 << 16  # bytes read to decide
HANDLER = "mizui-text"
_HEBREW = range(0xE0, 0xFB)  # א..ת in cp1255


class TextEncodingError(ValueError):
    """The file is in no encoding we read; the message is for the user."""


def _unreadable() -> str:
    return _(
        "לא הצלחנו לזהות את קידוד התווים של הקובץ. אפשר לשמור אותו מחדש כ־CSV בקידוד UTF-8 "
        "(באקסל: „שמירה בשם” ← „CSV UTF-8”) ולהעלות שוב."
    )


def _refuse(error: UnicodeError) -> tuple[str, int]:
    encoding = getattr(error, "encoding", "") or ""
    raise TextEncodingError(
        _("חלק מהקובץ אינו בקידוד %(encoding)s כמו תחילתו, ולכן לא ניתן לקרוא אותו.") % {"encoding": encoding}
        + " "
        + _unreadable()
    )


codecs.register_error(HANDLER, _refuse)


def _utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters (digits, commas, line ends) put a zero byte in every other place."""
    pairs = len(head) // 2
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if pairs and max(odd, even) * 5 >= pairs and min(odd, even) * 50 <= pairs:
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def detect_encoding(head: bytes) -> str:
    """The codec to read a text file with, from its first bytes (``SNIFF`` of them, or the whole file)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the BOM says which end first, and is dropped
    if b"\x00" in head:
        found = _utf16(head)
        if found is None:
            raise TextEncodingError(_unreadable())
        return found
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the sample may end mid-character
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    high = [b for b in head if b >= 0x80]
    if sum(b in _HEBREW for b in high) * 2 >= len(high):  # mostly Hebrew letters: Windows Hebrew
        try:
            head.decode("cp1255")
        except UnicodeDecodeError:
            pass
        else:
            return "cp1255"
    raise TextEncodingError(_unreadable())


_NON_ASCII = re.compile(rb"[\x00\x80-\xff]")
ASCII_SCAN = 16 << 20  # bytes read past an ASCII start for the first letter that says the encoding


def sample(binary: IO[bytes]) -> bytes:
    """What to decide the encoding from: the file's first ``SNIFF`` bytes; when those are plain ASCII (English
    headers, ID numbers and amounts first, the Hebrew names further down), also ``SNIFF`` bytes from the first
    byte that is not, within ``ASCII_SCAN``. `binary` is left at its start."""
    binary.seek(0)
    head = binary.read(SNIFF)
    scanned = len(head)
    if _NON_ASCII.search(head) is None and len(head) == SNIFF:
        while scanned < ASCII_SCAN and (block := binary.read(1 << 20)):
            scanned += len(block)
            found = _NON_ASCII.search(block)
            if found is not None:
                window = block[found.start() : found.start() + SNIFF]
                head += window + binary.read(SNIFF - len(window))
                break
    binary.seek(0)
    return head


def check_text(binary: IO[bytes]) -> str:
    """The encoding of the whole file `binary` (seekable), decoded once in blocks: a byte of another encoding
    anywhere raises TextEncodingError before the file is stored, rather than halfway through an import."""
    encoding = detect_encoding(sample(binary))
    decoder = codecs.getincrementaldecoder(encoding)(errors=HANDLER)
    for block in iter(lambda: binary.read(1 << 20), b""):
        decoder.decode(block)
    decoder.decode(b"", final=True)  # a file cut mid-character
    binary.seek(0)
    return encoding


def open_text(binary: IO[bytes], encoding: str | None = None) -> io.TextIOWrapper:
    """`binary` (seekable, at its start) as text for the csv module; detach it when done to keep `binary` open."""
    if encoding is None:
        encoding = detect_encoding(sample(binary))
    binary.seek(0)
    return io.TextIOWrapper(binary, encoding=encoding, errors=HANDLER, newline="")
