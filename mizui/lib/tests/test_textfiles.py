"""Text files in the encodings Israeli systems write, and a clear refusal of any other."""

from __future__ import annotations

import io

from django.test import SimpleTestCase

from mizui.lib.textfiles import SNIFF, TextEncodingError, check_text, detect_encoding, open_text

TEXT = "מספר זהות,שם\r\n039337423,מרים כהן\r\n"


class EncodingTests(SimpleTestCase):
    def test_it_detects_each_encoding_and_reads_the_same_text(self) -> None:
        cases = {
            "utf-8": TEXT.encode(),
            "utf-8-sig": TEXT.encode("utf-8-sig"),
            "utf-16": TEXT.encode("utf-16"),  # with its BOM
            "utf-16-le": TEXT.encode("utf-16-le"),
            "utf-16-be": TEXT.encode("utf-16-be"),
            "cp1255": TEXT.encode("cp1255"),
        }
        for expected, data in cases.items():
            with self.subTest(expected):
                self.assertEqual(detect_encoding(data[:SNIFF]), expected)
                self.assertEqual(open_text(io.BytesIO(data)).read(), TEXT)

    def test_a_sample_cut_mid_character_is_still_utf8(self) -> None:
        data = ("א" * SNIFF).encode()
        self.assertEqual(detect_encoding(data[: SNIFF - 1]), "utf-8")

    def test_it_refuses_other_encodings_and_binary_files_in_hebrew(self) -> None:
        for data in ("Юрий Щукин,Ярославская".encode("cp1251"), b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe"):
            with self.subTest(data[:4]), self.assertRaisesMessage(TextEncodingError, "קידוד התווים"):
                detect_encoding(data)

    def test_a_byte_of_another_encoding_later_in_the_file_is_refused_in_hebrew(self) -> None:
        data = "א".encode() + b"a" * SNIFF + "ש".encode("cp1255")  # starts in UTF-8, Windows Hebrew further on
        text = open_text(io.BytesIO(data))
        with self.assertRaisesMessage(TextEncodingError, "אינו בקידוד utf-8 כמו תחילתו"):
            text.read()

    def test_the_whole_file_is_checked_before_it_is_kept(self) -> None:
        self.assertEqual(check_text(io.BytesIO(TEXT.encode("cp1255") * 5000)), "cp1255")
        for data in ("א".encode() + b"a" * SNIFF + "ש".encode("cp1255"), TEXT.encode()[:-3] + "ש".encode()[:1]):
            with self.subTest(len(data)), self.assertRaises(TextEncodingError):
                check_text(io.BytesIO(data))

    def test_a_file_whose_hebrew_starts_late_is_read_in_its_encoding(self) -> None:
        # English headers and ID numbers fill the first 64 KB; the first Hebrew name is further down.
        head = "id_number,amount\r\n" + "039337423,100\r\n" * (SNIFF // 15 + 10)
        for encoding in ("cp1255", "utf-8"):
            with self.subTest(encoding):
                data = (head + "039337423,מרים\r\n").encode(encoding)
                self.assertEqual(check_text(io.BytesIO(data)), encoding)
                self.assertTrue(open_text(io.BytesIO(data)).read().endswith("מרים\r\n"))
