"""The directory as Open Referral HSDS 3.x data: one JSON document, or one CSV file per HSDS table.

The JSON keeps HSDS's table names and fields; children (phones, addresses, schedules, required documents,
attributes, service_at_locations) are nested lists, and CSV puts each in its own table with a
`<parent>_id` column, as HSDS's tabular profile does. Two profile choices: taxonomy terms and the rights a
service grants are `attributes` whose `taxonomy_term_id` is "openeligibility/<slug>" or
"mizui-program/<program id>"; and a location that belongs to one authority carries `x_authority` (its slug).
An organization's referral channels are its `attributes` "mizui-channel/<email|sms|letter>", its mobile for SMS
a phone of `type` "text" (HSDS's SMS type), its service level in days `x_sla_days`. A row's texts in Arabic,
Russian and English are `x_translations` ({"ar": {"name": ...}}), written as JSON text in a CSV cell.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from mizui.lib import spreadsheet

HSDS_VERSION = "3.0"
OPEN_ELIGIBILITY = "openeligibility"
PROGRAM_TAXONOMY = "mizui-program"
CHANNEL_TAXONOMY = "mizui-channel"
SMS_PHONE_TYPES = ("text", "cell")  # HSDS phone.type: "text" takes SMS; a "cell" phone does too

# top-level list → HSDS table name
TABLES = {"organizations": "organization", "services": "service", "locations": "location", "contacts": "contact"}
# nested list → (HSDS table, the tables it may hang from)
CHILDREN = {
    "phones": ("phone", ("organization", "location", "contact")),
    "required_documents": ("required_document", ("service",)),
    "attributes": ("attribute", ("service", "organization")),
    "service_at_locations": ("service_at_location", ("service",)),
    "addresses": ("address", ("location",)),
    "schedules": ("schedule", ("location",)),
    "accessibility": ("accessibility", ("location",)),
}

Document = dict[str, Any]


def to_tables(data: Document) -> dict[str, list[dict[str, str]]]:
    """Flatten an HSDS JSON document into rows per table."""
    tables: dict[str, list[dict[str, str]]] = defaultdict(list)
    for plural, table in TABLES.items():
        for obj in data.get(plural, []):
            row: dict[str, str] = {}
            for key, value in obj.items():
                if key in CHILDREN:
                    child_table = CHILDREN[key][0]
                    for i, child in enumerate(value, start=1):
                        tables[child_table].append({"id": f"{obj['id']}-{i}", f"{table}_id": obj["id"], **child})
                else:
                    row[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
            tables[table].append(row)
    return dict(tables)


def from_tables(tables: dict[str, list[dict[str, str]]]) -> Document:
    """The inverse of to_tables: regroup child rows under the parent named by their `<parent>_id`."""
    data: Document = {"hsds_version": HSDS_VERSION}
    by_id: dict[tuple[str, str], dict[str, Any]] = {}
    for plural, table in TABLES.items():
        data[plural] = []
        for row in tables.get(table, []):
            obj: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
            data[plural].append(obj)
            by_id[(table, row.get("id", ""))] = obj
    for key, (child_table, parents) in CHILDREN.items():
        for row in tables.get(child_table, []):
            parent = next((p for p in parents if row.get(f"{p}_id")), None)
            owner = by_id.get((parent, row[f"{parent}_id"])) if parent else None
            if owner is None:
                raise ValueError(f"{child_table} {row.get('id', '?')}: no parent ({', '.join(parents)}) in the file")
            drop = {"id"} | {f"{p}_id" for p in parents}
            owner.setdefault(key, []).append({k: v for k, v in row.items() if k not in drop and v != ""})
    return data


def write_csv(data: Document, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in to_tables(data).items():
        columns = list(dict.fromkeys(k for row in rows for k in row))
        path = folder / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: spreadsheet.csv_cell(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


def read_csv(folder: Path) -> Document:
    known = set(TABLES.values()) | {table for table, _ in CHILDREN.values()}
    tables: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.stem not in known:
            raise ValueError(f"{path.name}: not an HSDS table this importer knows ({', '.join(sorted(known))})")
        with path.open(newline="", encoding="utf-8-sig") as f:
            tables[path.stem] = [{k: spreadsheet.unneutralise(v) for k, v in row.items()} for row in csv.DictReader(f)]
    return from_tables(tables)
