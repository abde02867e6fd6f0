from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.directory.exchange import DirectoryImportError
from mizui.directory.hsds import read_csv
from mizui.directory.services import import_directory


class Command(BaseCommand):
    help = "Import the directory from HSDS 3.x: a JSON file, or a folder of CSV files (one per HSDS table). All or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="an HSDS .json file, or a folder of HSDS .csv tables")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = read_csv(path) if path.is_dir() else json.loads(path.read_text(encoding="utf-8"))
            counts = import_directory(None, data=data)
        except (OSError, ValueError) as error:  # json.JSONDecodeError and a bad CSV are ValueErrors
            raise CommandError(f"{path}: {error}") from error
        except DirectoryImportError as error:
            raise CommandError(f"{path}: nothing was imported:\n" + "\n".join(error.errors)) from error
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {summary}."))
