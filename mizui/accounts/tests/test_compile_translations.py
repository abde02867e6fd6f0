"""`manage.py compile_translations` refuses a catalog that translates one text twice (gettext's msgfmt would)."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, override_settings

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "שלום"
msgstr "Hello"

msgid "תודה"
msgstr "Thanks"
"""


class CompileTranslationsTests(SimpleTestCase):
    def _compile(self, po: str) -> Path:
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        folder = root / "en" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(po, encoding="utf-8")
        with override_settings(LOCALE_PATHS=[str(root)]):
            call_command("compile_translations", stdout=StringIO())
        return folder / "django.mo"

    def test_it_compiles_a_catalog(self) -> None:
        self.assertTrue(self._compile(PO).exists())

    def test_it_refuses_a_text_translated_twice_and_names_it(self) -> None:
        with self.assertRaisesMessage(CommandError, "translated twice: שלום"):
            self._compile(PO + '\nmsgid "שלום"\nmsgstr "Hi"\n')

    def test_the_projects_catalogs_translate_each_text_once(self) -> None:
        call_command("compile_translations", stdout=StringIO())
