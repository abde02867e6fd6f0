from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo in pure Python (no GNU gettext needed on a fresh machine)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalog = polib.pofile(str(po_path))
                if twice := duplicates(catalog):
                    # gettext's msgfmt refuses such a file; one of the two translations would silently win
                    raise CommandError(f"{po_path}: translated twice: {'; '.join(twice)}")
                catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"Compiled {count} translation files.")


def duplicates(catalog: polib.POFile) -> list[str]:
    """The texts (with their context) that have more than one entry in ``catalog``."""
    seen: set[tuple[str | None, str]] = set()
    twice = []
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            twice.append(entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}|{entry.msgid}")
        seen.add(key)
    return twice
