"""Batch screening: the authority's imported population through the one `eligibility.evaluate` code path.

Per household: the rights it may be owed and does not receive (status eligible or maybe, not already received,
not already on the center's ledger), each with how likely it is (the tier of the engine's answer and its
probability, `likelihood`), estimated money a month, a year (12 months plus one-off grants) and retroactively at
risk (a month's amount times the months the agency pays back), the money expected (probability × a year and the
back pay), the question that would decide it, and the confidence of the figures (the worst among those rights).
All of it is an estimate; confirmed money comes only from the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any, NamedTuple

import polars as pl
from django.db.models import Count, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Entitlement, Stage
from mizui.lib.bulk import insert_frame
from mizui.lib.crypto import decrypt
from mizui.lib.parallel import WORKERS, ordered_map
from mizui.outreach.models import BatchRun, PopulationMember, RunStatus, ScreenedHousehold, Tier, UnclaimedRight
from mizui.outreach.services import likelihood
from mizui.outreach.services.fields import IDENTITY, OUTREACH_ONLY
from mizui.outreach.services.importer import FROM, HOUSEHOLD, RECEIVES

# Not inputs of the rules: who the person is and how to reach them, and where each fact came from, stay out of
# the screening frame.
NOT_RULES_INPUT = frozenset({*IDENTITY, *OUTREACH_ONLY, "household_id", FROM, HOUSEHOLD, RECEIVES})
CONFIDENCE_ORDER = {"official": 0, "secondary": 1, "stale": 2}
AGE_GROUPS = ((0, 18, "0-17"), (18, 30, "18-29"), (30, 45, "30-44"), (45, 65, "45-64"), (65, 200, "65+"))
WRITE_CHUNK = 5_000
READ_CHUNK = 5_000
PARALLEL_FROM = 20_000
ARNONA = "arnona_"  # the rights whose discount is of the arnona charge  # persons; below it, starting worker processes costs more than decrypting here
# Reach groups counted over the imported population, for each group's share of it (outcomes' reach table). As in
# outcomes, whose reach counts residents and puts a resident in a group by their household, a run counts persons
# and puts everyone in a household in the groups any of its members belongs to.
GROUPS = ("elderly", "disability", "immigrants", "single_parents")
ELDERLY_AGE = 65  # AGE_GROUPS' "65+"
NEW_IMMIGRANT_MONTHS = 24  # arnona_new_immigrant's window, the right by which outcomes puts a resident in the group
NOT_MARRIED = frozenset({"single", "divorced", "separated", "widowed"})


def age_on(birth_date: str | None, as_of: dt.date) -> int | None:
    if not birth_date:
        return None
    born = dt.date.fromisoformat(birth_date)
    return as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))


def age_group(age: int | None) -> str:
    if age is None:
        return ""
    return next((label for low, high, label in AGE_GROUPS if low <= age < high), "")


def person_groups(values: dict[str, Any], age: int | None, as_of: dt.date) -> frozenset[str]:
    """The reach groups one person's own record puts their household in (single parents are a household's)."""
    groups = set()
    if age is not None and age >= ELDERLY_AGE:
        groups.add("elderly")
    if (
        values.get("receives_general_disability")
        or values.get("blind")
        or (values.get("medical_percent") or 0) > 0
        or (values.get("incapacity_percent") or 0) > 0
    ):
        groups.add("disability")
    if arrived := values.get("immigration_date"):
        day = dt.date.fromisoformat(arrived)
        if (as_of.year - day.year) * 12 + as_of.month - day.month - (as_of.day < day.day) < NEW_IMMIGRANT_MONTHS:
            groups.add("immigrants")
    return frozenset(groups)


def start_run(actor: User | None, *, authority: Authority, as_of: dt.date | None = None) -> BatchRun:
    run = BatchRun.objects.create(
        authority=authority,
        as_of=as_of or timezone.localdate(),
        created_by=actor,
        rules_version=eligibility.RULES_VERSION,
    )
    record(actor=actor, authority=authority, action=AccessAction.CREATE, object_type="batch_run", object_id=run.pk)
    return run


class _Decrypted(NamedTuple):
    """One member's record decrypted in a worker process, with what the run derives from it there. Strings and
    numbers only: they pickle back to the main process far cheaper than the parsed record would."""

    record: str  # the decrypted record (JSON); the frame keeps only the rules' inputs
    age: int | None
    groups: tuple[str, ...]
    marital_status: str | None
    arnona_bill: float | None  # ₪ a year, where a source gives the household's arnona charge


def _decrypt(as_of: dt.date, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    out = []
    for row in rows:
        record = decrypt(row[3])
        values = json.loads(record)
        age = age_on(values.get("birth_date"), as_of)
        groups = tuple(person_groups(values, age, as_of))
        out.append(tuple(_Decrypted(record, age, groups, values.get("marital_status"), values.get("arnona_bill"))))
    return out


def _chunks_of(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


class _Population:
    """The persons frame (contract columns, no identities) and, per household, who to contact and segments."""

    def __init__(self, authority: Authority, as_of: dt.date) -> None:
        # One entry per person, in order: their record (JSON, parsed all at once into the frame) and columns.
        self.rows: list[str] = []
        self.roles: list[str] = []
        self.keys: list[str] = []
        self.person_ids: list[str] = []
        self.households: dict[str, dict[str, Any]] = {}
        self.person_index: dict[str, str] = {}  # id blind index → household key
        self.bills: dict[str, float] = {}  # household key → arnona charge, ₪ a year (where a source gives it)
        self.as_of = as_of
        self.group_facts: dict[str, dict[str, Any]] = {}  # household key → persons, groups, partner, minor
        members = PopulationMember.objects.for_authority(authority).order_by("household_key", "pk")
        # The ciphertext as stored (decrypted below, in worker processes for a large population).
        columns = ("pk", "household_key", "id_index", "token", "role", "neighbourhood", "language")
        rows = members.annotate(token=Cast("data", TextField())).values_list(*columns).iterator(READ_CHUNK)
        workers = WORKERS if members.count() >= PARALLEL_FROM else 1
        with ordered_map(partial(_decrypt, as_of), _chunks_of(rows, READ_CHUNK), workers) as chunks:
            for chunk, decrypted in chunks:
                for (pk, key, id_index, _token, role, neighbourhood, language), person in zip(
                    chunk, decrypted, strict=True
                ):
                    self._add(pk, key, id_index, role, neighbourhood, language, _Decrypted(*person))

    def _add(
        self, pk: int, key: str, id_index: str, role: str, neighbourhood: str, language: str, person: _Decrypted
    ) -> None:
        self.person_index[id_index] = key
        self._note_groups(key, role, person)
        if person.arnona_bill is not None:  # one charge per home: the payer's, whoever leads the household
            self.bills[key] = max(self.bills.get(key, 0.0), person.arnona_bill)
        household = self.households.get(key)
        # One applicant per household: the first listed; a household without one is led by its first adult.
        lead = household is None or (role == "applicant" and household["role"] != "applicant")
        if household is not None and role == "applicant" and not lead:
            role = "other"
        if household is None or lead:
            if household is not None:
                self.roles[household["row"]] = "other" if household["role"] != "child" else "child"
            self.households[key] = household = {
                "contact": pk,
                "role": role,
                "row": len(self.rows),
                "neighbourhood": neighbourhood,
                "language": language,
                "age_group": age_group(person.age),
            }
            role = "applicant"
        self.rows.append(person.record)
        self.roles.append(role)
        self.keys.append(key)
        self.person_ids.append(str(pk))

    def _note_groups(self, key: str, role: str, person: _Decrypted) -> None:
        facts = self.group_facts.setdefault(
            key, {"persons": 0, "groups": set(), "partner": False, "minor": False, "lead_status": None}
        )
        facts["persons"] += 1
        facts["groups"].update(person.groups)
        facts["minor"] |= person.age is not None and person.age < 18
        facts["partner"] |= role == "partner"
        if role == "applicant" and facts["lead_status"] is None:
            facts["lead_status"] = person.marital_status

    def segments(self) -> pl.DataFrame:
        """Per household: who to contact and the segments lists filter on."""
        columns = ("contact", "neighbourhood", "language", "age_group")
        data = {"household_id": list(self.households)}
        for column in columns:
            data[column] = [household[column] for household in self.households.values()]
        frame = pl.DataFrame(
            data, schema={"household_id": pl.String, "contact": pl.Int64, **dict.fromkeys(columns[1:], pl.String)}
        )
        return frame.rename({"contact": "contact_id"})

    def arnona_bills(self) -> pl.DataFrame:
        return pl.DataFrame(
            {"household_id": list(self.bills), "arnona_bill": list(self.bills.values())},
            schema={"household_id": pl.String, "arnona_bill": pl.Float64},
        )

    def group_counts(self) -> dict[str, int]:
        """Persons in all and in each reach group; a single-parent household: a minor, an applicant recorded as
        not married (single, divorced, separated, widowed) and nobody recorded as the partner."""
        counts = dict.fromkeys(("total", *GROUPS), 0)
        for facts in self.group_facts.values():
            groups = set(facts["groups"])
            if facts["minor"] and not facts["partner"] and facts["lead_status"] in NOT_MARRIED:
                groups.add("single_parents")
            counts["total"] += facts["persons"]
            for group in groups:
                counts[group] += facts["persons"]
        return counts

    def frame(self) -> pl.DataFrame:
        facts = pl.Series(self.rows, dtype=pl.String).str.json_decode(infer_schema_length=None)
        ids = pl.DataFrame(
            {"household_id": self.keys, "person_id": self.person_ids, "role": self.roles},
            schema=dict.fromkeys(("household_id", "person_id", "role"), pl.String),
        )
        if not (isinstance(facts.dtype, pl.Struct) and facts.dtype.fields):  # nobody has any fact
            return ids
        # Who the person is and how to reach them never reach the rules; the run's own role (one applicant per
        # household) replaces the imported one.
        dropped = [*NOT_RULES_INPUT, *ids.columns]
        return facts.struct.unnest().drop(dropped, strict=False).hstack(ids.get_columns())


def _already_on_ledger(authority: Authority, people: dict[str, str]) -> pl.DataFrame:
    """(household key, program) for rights the center already works on for someone in the household."""
    rows = (
        Entitlement.objects.for_authority(authority)
        .exclude(stage=Stage.DROPPED)
        .exclude(household__members__id_index="")
        .values_list("household__members__id_index", "program")
    )
    pairs = {(people[i], p) for i, p in rows.iterator(5000) if i in people}
    return pl.DataFrame(list(pairs), schema={"household_id": pl.String, "program": pl.String}, orient="row")


def owed_rights(
    results: pl.DataFrame,
    as_of: dt.date,
    on_ledger: pl.DataFrame,
    usual: pl.DataFrame | None = None,
    bills: pl.DataFrame | None = None,
    calibrated: pl.DataFrame | None = None,
    implied: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Long table: one row per household × right it may be owed (eligible or ``maybe``) and neither receives nor
    has on the ledger, with its money, likelihood tier and probability (``likelihood``), expected money a year
    (probability × a year and the back pay at risk), the question that would decide it, and the figures'
    confidence."""
    if usual is not None:  # the same households with the usual values presumed (``likelihood.presumed``)
        results = results.join(
            usual.rename({c: f"usual|{c}" for c in usual.columns if c != "household_id"}),
            on="household_id",
            how="left",
            maintain_order="left",
        )
    if implied is not None:  # rights a received right's rule requires (``likelihood.implied``)
        results = results.join(implied, on="household_id", how="left", maintain_order="left")
    if bills is not None:  # an arnona discount is worth its percent of the household's own charge
        results = results.join(bills, on="household_id", how="left", maintain_order="left")
    bill = pl.col("arnona_bill") if bills is not None else pl.lit(None, dtype=pl.Float64)
    parts = []
    tiers = pl.DataFrame({"tier": [str(t) for t in likelihood.PRIORS], "probability": list(likelihood.PRIORS.values())})
    # Each right's chance when only likely: what a right that opens another passes on to it (``likelihood.gated``).
    chance = dict.fromkeys((spec["id"] for spec in eligibility.programs("he", as_of)), likelihood.PRIORS[Tier.LIKELY])
    if calibrated is not None and calibrated.height:
        for program, tier, value in calibrated.iter_rows():
            if tier == Tier.LIKELY.value and program in chance:
                chance[program] = value
    for spec in eligibility.programs("he", as_of):
        pid = spec["id"]
        retro = spec["retroactive_months"] or 0
        status = pl.col(f"{pid}__status")
        decided_by = pl.col(f"{pid}__decided_by")
        likely = pl.col(f"usual|{pid}__status") == "eligible" if usual is not None else pl.lit(False)
        # A question whose usual answer refuses the right (is anyone blind?) is not worth a call of its own.
        unlikely = pl.col(f"usual|{pid}__status") == "not_eligible" if usual is not None else pl.lit(False)
        implied_here = pl.lit(False)
        if f"implied|{pid}" in results.columns:  # a right received requires it: received or owed, unless refused
            implied_here = pl.col(f"implied|{pid}").fill_null(False) & ~unlikely.fill_null(False)
            likely = likely.fill_null(False) | implied_here
        monthly = pl.col(f"{pid}__monthly_amount")
        one_off = pl.col(f"{pid}__one_off_amount")
        if usual is not None:  # a right likely on the usual values: the amount it would be on them
            monthly = (
                pl.when(likely & monthly.is_null()).then(pl.col(f"usual|{pid}__monthly_amount")).otherwise(monthly)
            )
            one_off = (
                pl.when(likely & one_off.is_null()).then(pl.col(f"usual|{pid}__one_off_amount")).otherwise(one_off)
            )
        # A payment whose amount the facts leave unknown is ranked at what the right typically pays (below).
        unknown = pl.lit(spec["kind"] == "payment") & monthly.is_null()
        monthly = monthly.fill_null(0.0)
        annual = monthly * 12 + one_off.fill_null(0.0)
        percent = pl.lit(None, dtype=pl.Float64)  # of the arnona charge, for the arnona discounts
        if pid.startswith(ARNONA):
            percent = pl.col(f"{pid}__discount_percent").cast(pl.Float64)
            if usual is not None:
                usual_percent = pl.col(f"usual|{pid}__discount_percent").cast(pl.Float64)
                percent = pl.when(likely & percent.is_null()).then(usual_percent).otherwise(percent)
            worth = percent * bill / 100
            annual = annual + worth.fill_null(0.0)
        tier = (
            pl.when(status == "eligible")
            .then(pl.lit(Tier.ELIGIBLE.value))
            .when(decided_by.is_not_null() & ~unlikely)
            .then(pl.lit(Tier.ONE_FACT.value))
            .when(likely)
            .then(pl.lit(Tier.LIKELY.value))
            .otherwise(pl.lit(Tier.OPEN.value))
        )
        parts.append(
            results.filter(status.is_in(["eligible", "maybe"])).select(
                pl.col("household_id"),
                pl.lit(pid).alias("program"),
                status.cast(pl.String).alias("status"),
                tier.alias("tier"),
                monthly.alias("monthly"),
                annual.alias("annual"),
                (monthly * retro).alias("retroactive"),
                decided_by.fill_null("").alias("to_verify"),
                pl.when(bill.is_not_null()).then(percent).alias("percent"),
                bill.alias("bill"),
                pl.lit(spec["confidence"]).alias("confidence"),
                # What a received right requires rests on that receipt, not on a right that opens it being likely.
                pl.when(implied_here)
                .then(1.0)
                .otherwise(likelihood.gated(pid, as_of, tier, chance, usual is not None))
                .alias("gate"),
                unknown.alias("unknown_amount"),
            )
        )
    long = pl.concat(parts, how="vertical").join(tiers, on="tier", how="left")
    if calibrated is not None and calibrated.height:  # campaigns' outcomes, where there are some
        long = long.join(calibrated, on=["program", "tier"], how="left").with_columns(
            pl.coalesce("calibrated", "probability").alias("probability")
        )
        long = long.drop("calibrated")
    # How a discount was valued, as the list shows it ("25% × ₪5,040"); empty where it was not.
    valued = pl.concat_str(
        pl.col("percent").round(1).cast(pl.String),
        pl.lit("% × ₪"),
        pl.col("bill").round(0).cast(pl.Int64).cast(pl.String),
    )
    long = long.with_columns(valued.fill_null("").alias("valued")).drop("percent", "bill")
    # Expected money: the chance (the tier's, times that of a right it rests on) times a year and the back pay. An
    # amount the facts leave unknown (a track whose table the rules lack, a fact no file gives) is not worth 0: it is
    # ranked at the median of the amounts the same right has in this run where they are known.
    known = (pl.col("annual") > 0) & ~pl.col("unknown_amount")
    typical = long.filter(known).group_by("program").agg(pl.col("annual").median().alias("typical"))
    worth = pl.when(pl.col("unknown_amount")).then(pl.col("typical").fill_null(0.0)).otherwise(pl.col("annual"))
    long = long.join(typical, on="program", how="left").with_columns(
        (pl.col("probability") * pl.col("gate")).alias("probability")
    )
    long = long.with_columns((pl.col("probability") * (worth + pl.col("retroactive"))).alias("expected"))
    long = long.drop("gate", "unknown_amount", "typical")
    return long.join(on_ledger, on=["household_id", "program"], how="anti")


def per_household(rights: pl.DataFrame) -> pl.DataFrame:
    """Per household with a listed candidate (any tier but open): its listed rights (most expected money first)
    and, apart, those with several facts open; the money of those it is eligible for, the expected money of all,
    the questions that would decide the others, and the worst confidence."""
    rank = pl.col("confidence").replace_strict(CONFIDENCE_ORDER, return_dtype=pl.Int8)
    eligible = pl.col("status") == "eligible"
    listed = pl.col("tier") != Tier.OPEN.value
    return (
        rights.sort(["household_id", "expected", "program"], descending=[False, True, False])
        .group_by("household_id", maintain_order=True)
        .agg(
            pl.col("program").filter(listed).str.join(",").alias("programs"),
            pl.col("program").filter(~listed).str.join(",").alias("open_programs"),
            pl.col("monthly").filter(eligible).sum(),
            pl.col("annual").filter(eligible).sum(),
            pl.col("retroactive").filter(eligible).sum(),
            pl.col("expected").sum(),
            pl.col("to_verify").filter(listed & (pl.col("to_verify") != "")).unique(maintain_order=True).str.join(","),
            rank.filter(listed).max().alias("confidence_rank"),
            listed.any().alias("listed"),
        )
        .filter("listed")
        .drop("listed")
    )


RunHook = Callable[[BatchRun], None]


def _no_hook(run: BatchRun) -> None:
    pass


def _progress(run: BatchRun, percent: int, before_commit: RunHook, **fields: Any) -> None:
    with tenant_context(run.authority):
        before_commit(run)
        run.progress = percent
        for name, value in fields.items():
            setattr(run, name, value)
        run.save(update_fields=["progress", *fields])


def execute_run(run: BatchRun, *, before_commit: RunHook | None = None) -> BatchRun:
    """Screen everyone (the caller sets no transaction: each phase commits so the progress bar moves).

    `before_commit` is called inside each short transaction that writes (the task renews its lease there, and
    stops if another worker took the run over). A run taken up again starts over: what it wrote before goes.
    """
    authority = run.authority
    hook = before_commit or _no_hook
    with tenant_context(authority):
        hook(run)
        ScreenedHousehold.objects.for_authority(authority).filter(run=run).delete()
        UnclaimedRight.objects.for_authority(authority).filter(run=run).delete()
    _progress(run, 1, hook, status=RunStatus.RUNNING)
    with tenant_context(authority):
        population = _Population(authority, run.as_of)
        on_ledger = _already_on_ledger(authority, population.person_index)
        calibrated = likelihood.probabilities(authority)
    _progress(
        run,
        40,
        hook,
        persons=len(population.rows),
        households=len(population.households),
        group_counts=population.group_counts(),
    )
    if population.rows:
        frame = population.frame()
        results = eligibility.evaluate(frame, run.as_of, authority=authority.slug)
        usual = eligibility.evaluate(likelihood.presumed(frame, run.as_of), run.as_of, authority=authority.slug)
        keep = (
            "household_id",
            *(
                c
                for c in usual.columns
                if c.endswith(("__status", "__monthly_amount", "__one_off_amount", "__discount_percent"))
            ),
        )
        rights = owed_rights(
            results.select("household_id", pl.selectors.contains("__")),
            run.as_of,
            on_ledger,
            usual=usual.select(keep),
            bills=population.arnona_bills(),
            calibrated=calibrated,
            implied=likelihood.implied(frame),
        )
    else:
        rights = pl.DataFrame(schema={"household_id": pl.String, "program": pl.String})
    _progress(run, 60, hook)
    _write(run, population, rights, hook)
    with tenant_context(authority):
        hook(run)
        totals = ScreenedHousehold.objects.filter(run=run).aggregate(
            m=Sum("monthly"), a=Sum("annual"), r=Sum("retroactive")
        )
        # Owed: eligible on their facts for a right they do not get; those only possibly owed are in the lists.
        owed = UnclaimedRight.objects.filter(run=run, status="eligible").values("household_key").distinct()
        run.households_owed = owed.count()
        run.monthly_total = totals["m"] or Decimal(0)
        run.annual_total = totals["a"] or Decimal(0)
        run.retroactive_total = totals["r"] or Decimal(0)
        run.status, run.progress, run.finished_at = RunStatus.DONE, 100, timezone.now()
        run.save(
            update_fields=[
                "households_owed",
                "monthly_total",
                "annual_total",
                "retroactive_total",
                "status",
                "progress",
                "finished_at",
            ]
        )
        record(actor=None, authority=authority, action=AccessAction.UPDATE, object_type="batch_run", object_id=run.pk)
    return run


def _chunks(frame: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for start in range(0, frame.height, size):
        yield frame.slice(start, size)


HOUSEHOLD_COLUMNS = (
    "authority_id",
    "run_id",
    "household_key",
    "contact_id",
    "neighbourhood",
    "language",
    "age_group",
    "programs",
    "open_programs",
    "monthly",
    "annual",
    "retroactive",
    "expected",
    "to_verify",
    "confidence",
)
RIGHT_COLUMNS = (
    "authority_id",
    "run_id",
    "household_key",
    "program",
    "status",
    "tier",
    "probability",
    "monthly",
    "annual",
    "retroactive",
    "expected",
    "to_verify",
    "valued",
    "confidence",
    "neighbourhood",
    "language",
    "age_group",
)


def _write(run: BatchRun, population: _Population, rights: pl.DataFrame, before_commit: RunHook) -> None:
    """Households owed and their rights, built as frames and COPYed chunk by chunk (each chunk commits)."""
    if rights.height == 0:
        return
    segments = population.segments()
    money = [pl.col(c).round(2) for c in ("monthly", "annual", "retroactive", "expected")]
    ids = [pl.lit(run.authority_id).alias("authority_id"), pl.lit(run.pk).alias("run_id")]
    households = (
        per_household(rights)
        .join(segments, on="household_id", how="left", maintain_order="left")
        .select(
            *ids,
            pl.col("household_id").alias("household_key"),
            "contact_id",
            "neighbourhood",
            "language",
            "age_group",
            pl.col("programs").str.slice(0, 600),
            pl.col("open_programs").str.slice(0, 600),
            *money,
            pl.col("to_verify").str.slice(0, 300),
            pl.lit(pl.Series(list(CONFIDENCE_ORDER))).gather(pl.col("confidence_rank")).alias("confidence"),
        )
    )
    # One row per listed candidate; those with several facts open stay a list on their household's row (a
    # row each would be most of a run's rows, for rights a list folds away).
    owed = (
        rights.filter(pl.col("tier") != Tier.OPEN.value)
        .join(segments, on="household_id", how="left", maintain_order="left")
        .select(
            *ids,
            pl.col("household_id").alias("household_key"),
            "program",
            "status",
            "tier",
            pl.col("probability").round(3),
            *money,
            "to_verify",
            pl.col("valued").str.slice(0, 80),
            "confidence",
            "neighbourhood",
            "language",
            "age_group",
        )
    )
    done, total = 0, households.height
    for part in _chunks(households, WRITE_CHUNK):
        detail = owed.filter(pl.col("household_key").is_in(part.get_column("household_key").implode()))
        with tenant_context(run.authority):
            before_commit(run)
            insert_frame(ScreenedHousehold, part.select(HOUSEHOLD_COLUMNS))
            insert_frame(UnclaimedRight, detail.select(RIGHT_COLUMNS))
        done += part.height
        _progress(run, 60 + 39 * done // total, before_commit)


def fail_run(run: BatchRun, error: Exception) -> None:
    with tenant_context(run.authority):
        run.status = RunStatus.FAILED
        run.error = str(error)[:300]
        run.save(update_fields=["status", "error"])


def estimated_eligible_by_right(authority: Authority) -> dict[str, dict[str, Any]]:
    """From the latest finished batch run: per right, households estimated eligible and not receiving it, with
    the estimated money (₪ a month and a year). Estimates only, for take-up KPIs; {} when no run finished."""
    run = BatchRun.objects.for_authority(authority).latest_done()
    if run is None:
        return {}
    rows = (
        UnclaimedRight.objects.for_authority(authority)
        .filter(run=run, status="eligible")
        .values("program")
        .annotate(households=Count("id"), monthly=Sum("monthly"), annual=Sum("annual"))
        .order_by("program")
    )
    return {
        r["program"]: {
            "households": r["households"],
            "monthly": r["monthly"],
            "annual": r["annual"],
            "run": run.pk,
            "as_of": run.as_of,
        }
        for r in rows
    }
