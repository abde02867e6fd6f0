"""manage.py import_aggregates FILE: load another deployment's monthly aggregates into this (national) instance.

The file is validated against the exchange schema first (a count below 10, a wrong shape or an unknown field
refuses the whole file, with the reasons); loading the same file twice leaves the same cells.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from mizui.outcomes.exchange import Document, load


def explain(error: ValidationError) -> str:
    lines = []
    for problem in error.errors()[:20]:
        where = ".".join(str(part) for part in problem["loc"]) or "(document)"
        lines.append(f"  {where}: {problem['msg']}")
    more = error.error_count() - len(lines)
    return "\n".join(lines + ([f"  … and {more} more"] if more > 0 else []))


class Command(BaseCommand):
    help = "Validate a monthly aggregates file (docs/data-exchange.md) and load it into the national tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not JSON: {error.msg} (line {error.lineno}).") from error
        try:
            doc = Document.model_validate(raw)
        except ValidationError as error:
            raise CommandError(f"{path} does not match the exchange schema v1.0:\n{explain(error)}") from error
        cells = load(doc)
        # No access-log entry: the file holds no personal data (the log covers reads and writes of personal data).
        self.stdout.write(f"{doc.period} from {doc.source}: {len(doc.authorities)} authorities, {cells} cells loaded.")
