"""manage.py import_records PATH --authority SLUG --source NAME [--mapping FILE.json]: import now, print JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import Source
from mizui.outreach.services import importer, reading
from mizui.outreach.services.fields import propose_mapping


class Command(BaseCommand):
    help = (
        "Import a CSV or Excel file of municipal records for one source and print the reconciliation as JSON. A new "
        'source takes --mapping (JSON: column → field, "" = do not import) or maps the columns whose headers name a '
        "field (as the mapping page proposes; the mapping used is printed to stderr). --sheet names a workbook's sheet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--authority", required=True, metavar="SLUG")
        parser.add_argument("--source", required=True, metavar="NAME")
        parser.add_argument("--mapping", metavar="FILE", help="save this column mapping on the source first")
        parser.add_argument("--sheet", default="", help="the sheet of a workbook to import, when several fit")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"], is_active=True).first()
        if authority is None:
            raise CommandError(f"No active authority with slug {options['authority']!r}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as handle, tenant_context(authority):
            try:
                kind = reading.file_kind(path.name, handle)
                source = self._source(authority, options, reading.read_header(handle, kind, options["sheet"]))
                reading.read_layout(handle, kind, source.mapping, options["sheet"])  # a sheet to choose: asked here
                item, _created = importer.start_import(
                    None, authority=authority, source=source, name=path.name, fileobj=handle, sheet=options["sheet"]
                )
            except reading.SheetNeeded as needed:
                raise CommandError(f"{needed} (--sheet)") from None
            except importer.ImportRefused as error:
                raise CommandError(str(error)) from None
        item = importer.run_import(item)
        with tenant_context(authority):
            self.stdout.write(json.dumps(item.reconciliation(), ensure_ascii=False, indent=2))

    def _source(self, authority: Authority, options: dict[str, Any], header: list[str]) -> Source:
        if options["mapping"]:
            mapping = json.loads(Path(options["mapping"]).read_text(encoding="utf-8"))
            source, _ = Source.objects.update_or_create(
                authority=authority, name=options["source"], defaults={"mapping": mapping}
            )
            return source
        existing = Source.objects.for_authority(authority).filter(name=options["source"]).first()
        if existing is not None:
            return existing
        proposals = propose_mapping(header)
        # Every column named: a header no field holds is "do not import" (as the mapping page proposes), so an
        # export's notes or file numbers neither enter the database nor get the whole file refused.
        mapping = {column: proposal.field for column, proposal in proposals.items()}
        self.stderr.write(json.dumps({"mapping": mapping}, ensure_ascii=False))
        return Source.objects.create(authority=authority, name=options["source"], mapping=mapping)
