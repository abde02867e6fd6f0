from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.directory.exchange import to_document
from mizui.directory.hsds import write_csv


class Command(BaseCommand):
    help = "Export the directory as HSDS 3.x: JSON (to stdout or OUT/directory.json) or CSV tables (into OUT)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["hsds", "csv"], default="hsds")
        parser.add_argument("--out", type=Path, help="a folder; required for csv")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path | None = options["out"]
        data = to_document()
        if options["format"] == "csv":
            if out is None:
                raise CommandError("--format csv needs --out DIR")
            for path in write_csv(data, out):
                self.stdout.write(str(path))
            return
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if out is None:
            self.stdout.write(text)
            return
        out.mkdir(parents=True, exist_ok=True)
        (out / "directory.json").write_text(text + "\n", encoding="utf-8")
        self.stdout.write(str(out / "directory.json"))
