"""manage.py evaluate_outreach --persons N --seed S [--sources a.csv,b.csv] [--one-by-one]

Generate a synthetic city whose truth is known (mizui.outreach.city), import the files its municipality would hold
into a scratch authority, run the batch screening, and print per right how many of those truly owed and not
claiming it the lists find (docs/outreach.md). Synthetic data only; the scratch authority's population is replaced
on every run.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mizui.accounts.models import Authority
from mizui.outreach import city
from mizui.outreach.services import evaluation

SLUG = "outreach-evaluation"
CBS_CODE = 999_001  # not a CBS locality code: a scratch authority of synthetic people
HEADLINE = ("income_support", "rent_assistance")


def scratch_authority() -> Authority:
    authority, _ = Authority.objects.get_or_create(
        slug=SLUG,
        defaults={"name_he": "עיר סינתטית (הערכה)", "name_en": "Synthetic city (evaluation)", "cbs_code": CBS_CODE},
    )
    evaluation.forget_population(authority)
    return authority


class Command(BaseCommand):
    help = "Measure outreach against a synthetic city's known truth: recall, precision and money found per right."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--sources", default="", help="file names, comma-separated (default: all, in order)")
        parser.add_argument("--one-by-one", action="store_true", help="add the sources one at a time")
        parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown tables")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        town = city.generate(options["persons"], options["seed"], authority=SLUG)
        files = [f for f in options["sources"].split(",") if f] or list(town.files)
        unknown = [f for f in files if f not in town.files]
        if unknown:
            self.stderr.write(f"unknown files: {', '.join(unknown)}; the city writes {', '.join(town.files)}")
            raise SystemExit(2)
        steps = [files[: i + 1] for i in range(len(files))] if options["one_by_one"] else [files]
        out: list[dict[str, Any]] = []
        for step in steps:
            authority = scratch_authority()
            report = evaluation.evaluate(authority, town, step)
            out.append(
                {
                    "sources": step,
                    "persons": report.persons,
                    "households": report.households,
                    "owed_annual": round(report.owed_annual),
                    "found_annual": round(report.found_annual),
                    "rights": [r.as_dict() for r in report.rights],
                }
            )
            if not options["json"]:
                self.stdout.write(f"\n### Sources: {', '.join(step)}\n")
                self.stdout.write(
                    f"{town.persons.height:,} persons in {town.truth.height:,} households; "
                    f"{report.persons:,} persons imported, screened in {report.households:,} households\n"
                )
                self.stdout.write(evaluation.table(report) + "\n")
        if options["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
        self.stderr.write(f"done in {time.perf_counter() - started:.1f} s")
