"""Synthetic residents, households, cases and ledger rows for load tests (nobody real).

    manage.py generate_load --residents 1000000 [--authority load-test] [--batch 10000]

Rows go straight to the tables in batches (COPY on PostgreSQL, executemany elsewhere) with blind indexes
and ciphertexts computed here. ID numbers and phones are encrypted one by one, because they must match their
blind index and what the resident page shows; names, addresses and fixed texts come from a small pool
encrypted once and reused, since every resident is synthetic anyway. The whole load is one transaction in
the authority's tenant context: an interrupted run leaves nothing behind, and a run into an authority that
already has residents changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone
from psycopg import sql
from stdnum import luhn

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    UNCLAIMED,
    Case,
    CaseEvent,
    Consent,
    Entitlement,
    Household,
    NameToken,
    Resident,
    Stage,
    Task,
)
from mizui.cases.services.residents import name_tokens
from mizui.lib.bulk import copy_rows
from mizui.lib.crypto import EncryptedTextField, blind_index, encrypt

# Synthetic name parts in Hebrew script, by origin (Hebrew, Arabic, Russian), with the language they prefer.
FIRST_NAMES = {
    "he": "אורית אביטל גלית דורית הילה ורד זיוה חני טליה יפית כרמית לימור מורן נגה סיגל עדי פזית צליל קרן רעות "
    "אבי בועז גיל דרור הראל זיו חגי טל יגאל כפיר ליאור מתן ניר עומרי צחי רון שגיא תומר",
    "ar": "אמל בושרא ג׳מילה דועא האלה ופאא זינב חנאן יסמין כוות׳ר לינא מונא נור סוהא עביר פאדיה רים שאדיה "
    "אחמד באסל ג׳מאל האני ואאל זיאד חוסאם טארק יוסף כרים מוחמד נביל סאמר עלי פאדי ראמי שאדי",
    "ru": "אלנה גלינה דריה ויקטוריה זויה טטיאנה יוליה לודמילה מרינה נטליה סבטלנה קסניה ריטה "
    "אנדריי בוריס גנאדי דמיטרי ויקטור יבגני קונסטנטין ליאוניד מקסים ניקולאי סרגיי פבל רומן",
}
SURNAMES = {
    "he": "אלמוג ברקאי גפני דגני הדר וקנין זמיר חורש טייב ימין כנרתי לבנון מגידו נחשון סהר עזרא פלג צוקר קדמי רביב",
    "ar": "אבו-ג׳אבר בדראן ג׳בארין דיאב האשם זועבי חמדאן טאהא יונס כנאענה מסארווה נסראללה סלאמה עודה פרחאת קאסם",
    "ru": "אברמוב בלוב גרומוב דנילוב ורונין זייצב יגורוב קוזנצוב לבדב מורוזוב נוביקוב סוקולוב פבלוב רומנוב",
}
STREETS = "הנרקיס הדקל האלון הזית התאנה הרימון השקד הגפן הערבה האשל הצבעוני הכלנית החצב הרקפת"
TOPICS = [
    "מיצוי זכויות למשפחה",
    "הבטחת הכנסה ודמי שכירות",
    "ערר על החלטת ביטוח לאומי",
    "הנחות בארנונה ובחשמל",
    "קצבת זקנה והשלמת הכנסה",
    "חובות והוצאה לפועל",
]
# How a synthetic ledger row is spread over the stages (weights out of 100).
STAGE_MIX = {
    Stage.IDENTIFIED: 30,
    Stage.DOCUMENTS: 14,
    Stage.SUBMITTED: 14,
    Stage.DECIDED: 16,
    Stage.APPEALED: 4,
    Stage.PAID: 12,
    Stage.RENEWAL_DUE: 5,
    Stage.DROPPED: 5,
}
STAGE_ORDER = [Stage.DOCUMENTS, Stage.SUBMITTED, Stage.DECIDED, Stage.APPEALED, Stage.PAID, Stage.RENEWAL_DUE]
DATE_FIELD = {
    Stage.DOCUMENTS: "documents_on",
    Stage.SUBMITTED: "submitted_on",
    Stage.DECIDED: "decided_on",
    Stage.APPEALED: "appealed_on",
    Stage.PAID: "paid_on",
    Stage.RENEWAL_DUE: "renewal_due_on",
}
ID_BASE = 70_000_000  # synthetic ID numbers 7xxxxxxx + check digit, a range kept for load tests


def synthetic_id(n: int) -> str:
    base = f"{ID_BASE + n:08d}"
    return base + luhn.calc_check_digit(base)


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class Writer:
    """Ids and bulk writes: COPY on PostgreSQL (through a temporary table under row-level security)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.next_id: dict[str, int] = {}
        self.direct = False
        if self.postgres:
            with connection.cursor() as cursor:
                # COPY FROM refuses tables under row-level security unless the role bypasses it.
                cursor.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                row = cursor.fetchone()
                self.direct = bool(row and row[0])
                if self.direct:
                    # Rows are consistent by construction; skip millions of deferred foreign-key checks at
                    # COMMIT (as pg_restore --disable-triggers does). Transaction-local: ends with the load.
                    cursor.execute("SET LOCAL session_replication_role = replica")

    def ids(self, model: type[models.Model], n: int) -> list[int]:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n]
                )
                return [row[0] for row in cursor.fetchall()]
            if table not in self.next_id:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a model's table name)
                row = cursor.fetchone()
                self.next_id[table] = int(row[0]) if row else 1
        first = self.next_id[table]
        self.next_id[table] = first + n
        return list(range(first, first + n))

    def write(self, table: Table) -> None:
        if not table.rows:
            return
        name = table.model._meta.db_table
        fields = {f.name: f for f in table.model._meta.concrete_fields}
        columns = [fields[c].column for c in table.columns]
        if self.postgres:
            self._copy(name, columns, table.rows)
        else:
            self._insert(table, name, columns, [fields[c] for c in table.columns])

    def _copy(self, name: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        copy_rows(name, columns, rows, direct=self.direct)

    def _insert(self, table: Table, name: str, columns: list[str], fields: list[models.Field[Any, Any]]) -> None:
        def prep(field: Any, value: Any) -> Any:
            # Ciphertexts are ready; everything else goes through the field as the ORM would send it.
            if value is None or isinstance(field, EncryptedTextField):
                return value
            return field.get_db_prep_save(value, connection)

        marks = ", ".join(["%s"] * len(columns))
        statement = f"INSERT INTO {connection.ops.quote_name(name)} ({', '.join(map(connection.ops.quote_name, columns))}) VALUES ({marks})"  # noqa: S608 (names come from the models, values are parameters)
        with connection.cursor() as cursor:
            cursor.executemany(
                statement, [tuple(prep(f, v) for f, v in zip(fields, row, strict=True)) for row in table.rows]
            )


class Pools:
    """Ciphertexts and blind indexes computed once and shared by many synthetic residents."""

    def __init__(self) -> None:
        self.empty = encrypt("")
        self.names: dict[tuple[str, int, int], tuple[str, list[str]]] = {}
        self.first = {lang: names.split() for lang, names in FIRST_NAMES.items()}
        self.last = {lang: names.split() for lang, names in SURNAMES.items()}
        for lang, firsts in self.first.items():
            for fi, first in enumerate(firsts):
                for li, last in enumerate(self.last[lang]):
                    full = f"{first} {last}"
                    self.names[(lang, fi, li)] = (encrypt(full), sorted(name_tokens(full)))
        self.addresses = [encrypt(f"{street} {n}") for street in STREETS.split() for n in range(1, 40, 3)]
        self.topics = [(topic, encrypt(topic)) for topic in TOPICS]
        self.programs = [(p["id"], p["agency"]) for p in eligibility.programs("he")]


@dataclass
class Context:
    authority_id: int
    user_id: int
    today: dt.date
    now: dt.datetime
    pools: Pools
    writer: Writer


def _household_sizes(rng: random.Random, residents: int) -> list[int]:
    sizes = []
    left = residents
    while left > 0:
        size = min(left, rng.choice((1, 1, 2, 2, 3, 4)))
        sizes.append(size)
        left -= size
    return sizes


def _ledger_dates(rng: random.Random, ctx: Context, stage: Stage) -> tuple[dt.date, dict[str, dt.date]]:
    identified = ctx.today - dt.timedelta(days=rng.randrange(20, 700))
    dates: dict[str, dt.date] = {}
    if stage in (Stage.IDENTIFIED, Stage.DROPPED):
        return identified, dates
    path = STAGE_ORDER[: STAGE_ORDER.index(stage) + 1]
    if stage in (Stage.PAID, Stage.RENEWAL_DUE):
        path = [s for s in path if s != Stage.APPEALED]
    gap = max(1, (ctx.today - identified).days // (len(path) + 1))
    for i, step in enumerate(path, start=1):
        dates[DATE_FIELD[step]] = identified + dt.timedelta(days=gap * i)
    return identified, dates


def _columns(names: str) -> tuple[str, ...]:
    return tuple(names.split())


# The columns each table is written with, in the order build_batch makes its tuples.
COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Household: _columns("id authority created_at"),
    Resident: _columns(
        "id authority created_at household household_role full_name name_ar name_ru name_latin id_number id_index birth_date "
        "phone phone_index address preferred_language no_letters no_sms sensitivity merged_into"
    ),
    NameToken: _columns("authority resident token"),
    Case: _columns(
        "id authority opened_at closed_at status topic household resident lawyer coordinator volunteer escalated_at"
    ),
    CaseEvent: _columns("authority case at actor kind text"),
    Consent: _columns("authority resident purpose partner method given_at expires_on withdrawn_at"),
    Entitlement: _columns(
        "id authority household case program agency stage decision denial_reason monthly_amount one_off_amount "
        "retroactive_amount waived_amount basis evidence retro_cap_months at_risk_monthly identified_on "
        "documents_on submitted_on decided_on appealed_on paid_on renewal_due_on"
    ),
    Task: _columns("authority case entitlement kind title due_on owner created_by created_at done_at reminded_on"),
}
TABLES: Sequence[type[models.Model]] = tuple(COLUMNS)
STAGES = [stage for stage, weight in STAGE_MIX.items() for _ in range(weight)]


def _entitlement(
    rng: random.Random, ctx: Context, pk: int, household: int, case: int, program: tuple[str, str]
) -> tuple[Any, ...]:
    stage = rng.choice(STAGES)
    identified, dates = _ledger_dates(rng, ctx, stage)
    monthly = rng.randrange(300, 4000) if program[1] == "nii" else rng.randrange(50, 900)
    decision = denial = evidence = ""
    basis, retro = "estimated", 0
    if stage in (Stage.DECIDED, Stage.APPEALED, Stage.PAID, Stage.RENEWAL_DUE):
        denied = stage == Stage.APPEALED or (stage == Stage.DECIDED and rng.random() < 0.3)
        decision = "denied" if denied else "approved"
        if denied:
            denial, monthly = rng.choice(("income", "documents", "medical", "residency")), 0
        else:
            basis, evidence = "confirmed", "מכתב החלטה (סינתטי)"
            retro = monthly * rng.randrange(0, 12) if stage != Stage.DECIDED else 0
    at_risk = monthly if stage in UNCLAIMED else 0
    cap = 12 if program[1] == "nii" else None
    return (
        pk, ctx.authority_id, household, case, program[0], program[1], stage, decision, denial, monthly, 0, retro, 0,
        basis, evidence, cap, at_risk, identified,
        *(dates.get(DATE_FIELD[s]) for s in STAGE_ORDER),
    )  # fmt: skip


def _person(rng: random.Random, ctx: Context, n: int, lang: str, surname: int, *, adult: bool) -> tuple[Any, ...]:
    pools = ctx.pools
    cipher, tokens = pools.names[(lang, rng.randrange(len(pools.first[lang])), surname)]
    idn = synthetic_id(n)
    born = dt.date(rng.randrange(1940, 2002) if adult else rng.randrange(2008, 2025), rng.randrange(1, 13), 1)
    phone = f"058{n:07d}" if adult else ""
    return (
        cipher, tokens, encrypt(idn), blind_index(idn, "id"), born,
        encrypt(phone) if phone else pools.empty, blind_index(phone, "phone") if phone else "",
    )  # fmt: skip


def build_batch(rng: random.Random, ctx: Context, start: int, count: int) -> list[Table]:
    """`count` residents numbered from `start`, in households, each household with a case and 2 rows a member."""
    pools, w = ctx.pools, ctx.writer
    sizes = _household_sizes(rng, count)
    households = w.ids(Household, len(sizes))
    residents = w.ids(Resident, count)
    cases = w.ids(Case, len(sizes))
    ledger_ids = iter(w.ids(Entitlement, 2 * count))
    t: dict[str, list[tuple[Any, ...]]] = {k: [] for k in ("hh", "res", "tok", "case", "ev", "ent", "con", "task")}
    n = start
    resident_pks = iter(residents)
    for household, case, size in zip(households, cases, sizes, strict=True):
        lang = rng.choice(("he", "he", "he", "ar", "ru"))
        surname = rng.randrange(len(pools.last[lang]))
        opened = ctx.now - dt.timedelta(days=rng.randrange(1, 720), minutes=rng.randrange(600))
        t["hh"].append((household, ctx.authority_id, opened))
        applicant = 0
        for member in range(size):
            pk = next(resident_pks)
            role = "applicant" if member == 0 else ("partner" if member == 1 and size > 2 else "child")
            cipher, tokens, idn, id_index, born, phone, phone_index = _person(
                rng, ctx, n, lang, surname, adult=role != "child"
            )
            address = rng.choice(pools.addresses)
            t["res"].append(
                (pk, ctx.authority_id, opened, household, role, cipher, pools.empty, pools.empty, pools.empty, idn,
                 id_index, born, phone,
                 phone_index, address, lang, False, False, "", None)
            )  # fmt: skip
            t["tok"].extend((ctx.authority_id, pk, token) for token in tokens)
            applicant = applicant or pk
            n += 1
        status = rng.choice(("open", "open", "open", "open", "open", "open", "waiting", "closed"))
        topic, topic_cipher = rng.choice(pools.topics)
        closed = opened + dt.timedelta(days=30) if status == "closed" else None
        t["case"].append(
            (case, ctx.authority_id, opened, closed, status, topic, household, applicant, ctx.user_id, None, None, None)
        )
        t["ev"].append((ctx.authority_id, case, opened, ctx.user_id, "opened", topic_cipher))
        t["con"].append(
            (ctx.authority_id, applicant, "keep_data", "", "signature", opened,
             ctx.today - dt.timedelta(days=10) if rng.random() < 0.05 else None, None)
        )  # fmt: skip
        for program in rng.sample(pools.programs, 2 * size):
            t["ent"].append(_entitlement(rng, ctx, next(ledger_ids), household, case, program))
        if rng.random() < 0.1:
            due = ctx.today + dt.timedelta(days=rng.randrange(-30, 60))
            t["task"].append(
                (ctx.authority_id, case, None, "general", "לברר את מצב הבקשה", due, ctx.user_id, ctx.user_id, opened, None, None)
            )  # fmt: skip
    keys = ("hh", "res", "tok", "case", "ev", "con", "ent", "task")
    return [Table(model, COLUMNS[model], t[key]) for model, key in zip(TABLES, keys, strict=True)]


def _authority(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug).first()
    if authority is not None:
        return authority
    # A locality code outside the CBS range, so a load-test authority never collides with a real one.
    top = Authority.objects.filter(cbs_code__gte=990_000).aggregate(top=Max("cbs_code"))["top"]
    return Authority.objects.create(
        slug=slug, name_he=f"בדיקת עומס ({slug})", name_en=f"Load test ({slug})", cbs_code=(top or 989_999) + 1
    )


def load_user(authority: Authority) -> User:
    """The lawyer every generated case is assigned to (no password: tests and benchmarks log in directly).

    Call it in the authority's tenant context (it may create the membership).
    """
    user, created = User.objects.get_or_create(
        email=f"load-lawyer@{authority.slug}.invalid", defaults={"full_name": "עו״ד בדיקת עומס"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, authority=authority, defaults={"role": Role.LAWYER})
    return user


def vacuum_analyze(tables: Iterable[type[models.Model]]) -> None:
    """Planner statistics and the visibility map after millions of rows, as autovacuum would leave them later
    (index-only scans need the map). PostgreSQL skips, with a warning, tables the role does not own."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    names = sql.SQL(", ").join(sql.Identifier(m._meta.db_table) for m in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("VACUUM (ANALYZE) {}").format(names))


class Command(BaseCommand):
    help = "Generate synthetic residents, households, cases and ~2 ledger rows per resident for load tests."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--residents", type=int, required=True)
        parser.add_argument("--authority", default="load-test", help="slug; created when missing")
        parser.add_argument("--batch", type=int, default=10_000, help="residents per batch")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        total, batch = options["residents"], options["batch"]
        if total < 1 or batch < 1:
            raise CommandError("--residents and --batch must be positive.")
        started = time.perf_counter()
        authority = _authority(options["authority"])
        with tenant_context(authority):
            existing = Resident.objects.for_authority(authority).count()
            if existing:
                self.stdout.write(
                    f"Authority {authority.slug} already has {existing:,} residents: nothing generated. "
                    "generate_load fills an empty authority only; pass another --authority for a fresh load."
                )
                return
            user = load_user(authority)
            now = timezone.now()
            ctx = Context(authority.pk, user.pk, timezone.localdate(), now, Pools(), Writer())
            rng = random.Random(options["seed"])  # noqa: S311 (synthetic data, not security)
            for start in range(0, total, batch):
                for table in build_batch(rng, ctx, start, min(batch, total - start)):
                    ctx.writer.write(table)
                done = min(start + batch, total)
                self.stdout.write(f"{done:>12,} / {total:,} residents · {time.perf_counter() - started:6.1f} s")
                self.stdout.flush()
            record(
                actor=None,
                authority=authority,
                action=AccessAction.CREATE,
                object_type="generate_load",
                object_id=f"{total} residents",
            )
        vacuum_analyze(TABLES)
        with tenant_context(authority):
            ledger = Entitlement.objects.for_authority(authority).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {total:,} residents and {ledger:,} ledger rows in {authority.slug} "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
