"""Households (contract v1) as two Polars frames: one row per person, one row per household."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl

from eligibility.household import OTHER_RECEIVABLE, Household
from eligibility.inputs import Input, groups, in_group, inputs

HH = "_hh"  # dense household index 0..n-1; both frames are sorted by it

# The columns below are built from the declaration of the inputs (inputs.yaml): one column per input, named by its
# batch column, typed by its kind. ``receives`` is not a column: it becomes one boolean per program
# (``hh_receives__<id>``, household_schema below).
ENUMS: dict[str, pl.Enum] = {i.name: pl.Enum(i.values) for i in inputs() if i.type == "enum"}
ROLE = ENUMS["role"]

MONEY = pl.Float64
_DTYPES: dict[str, type[pl.DataType]] = {
    "date": pl.Date,
    "bool": pl.Boolean,
    "integer": pl.Int32,
    "number": pl.Float64,
    "money": MONEY,
    "text": pl.String,
}


def _dtype(spec: Input) -> pl.DataType:
    return ENUMS[spec.name] if spec.type == "enum" else _DTYPES[spec.type]()


INCOME_FIELDS = tuple(i.name for i in in_group("income"))
PERSON_FIELDS: dict[str, pl.DataType] = {
    **{i.column: _dtype(i) for i in in_group("person") if i.type != "programs"},
    "is_immigrant": pl.Boolean(),  # derived from immigration_date: an explicit null means "not an immigrant"
    **{i.column: _dtype(i) for i in inputs() if i.entity == "person" and i.group.name != "person"},
}
HOUSEHOLD_FIELDS: dict[str, pl.DataType] = {
    "household_id": pl.String(),
    **{i.column: _dtype(i) for i in inputs() if i.entity == "household"},
}
NESTED = {g.key: g.column_prefix for g in groups().values() if g.entity == "household" and g.key is not None}


def receives_column(program: str) -> str:
    return f"receives__{program}"


def receivable() -> tuple[str, ...]:
    from eligibility.catalogue import program_ids

    return (*program_ids(), *OTHER_RECEIVABLE)


def person_schema() -> dict[str, pl.DataType]:
    return {HH: pl.UInt32(), **PERSON_FIELDS}


def household_schema() -> dict[str, pl.DataType]:
    """Household inputs; ``hh_receives__<id>`` is true if any member receives it, unknown if some member did not say."""
    return {HH: pl.UInt32(), **HOUSEHOLD_FIELDS, **{"hh_" + receives_column(p): pl.Boolean() for p in receivable()}}


def _member_row(member: dict[str, Any]) -> dict[str, Any]:
    row = {k: member.get(k) for k in PERSON_FIELDS if k in member}
    row["person_id"] = member.get("id")
    if "immigration_date" in member:  # an explicit null means "not an immigrant"; an absent key, unknown
        row["is_immigrant"] = member["immigration_date"] is not None
    for k, v in (member.get("disability") or {}).items():
        row[k] = v
    # A general disability pension said in the list of benefits or in the disability answers: the same fact, one
    # answer is enough (as _receives_disability for a batch): listed, it is paid; else the disability answer says;
    # left blank there, a given list (a child's blank list is empty) that leaves it out says it is not.
    listed = member.get("receives")
    if listed is None and member.get("role") == "child":
        listed = []
    if listed is not None and "general_disability" in listed:
        row["receives_general_disability"] = True
    elif row.get("receives_general_disability") is None and listed is not None:
        row["receives_general_disability"] = False
    income = member.get("income") or {}
    if member.get("role") == "child":
        # Contract v1: a child's income left blank is none (docs/household.md), as _children_without_income reads a
        # batch file's blank cells. Only an amount given counts: no question asks a child's income, so a blank
        # read as unknown would leave a "maybe" that nothing could decide.
        row.update({f"income_{k}": 0.0 for k in INCOME_FIELDS})
    for k, v in income.items():
        if v is not None or member.get("role") != "child":
            row[f"income_{k}"] = v
    return row


def _receives(members: list[dict[str, Any]], known: tuple[str, ...]) -> dict[str, bool | None]:
    received: set[str] = set()
    unknown = False  # some adult did not say what they receive
    for member in members:
        receives = member.get("receives")
        if receives is None and member.get("role") == "child":
            receives = []  # contract v1: benefits are listed on the adults who receive them
        if receives is None:
            unknown = True
        else:
            received.update(receives)
        if (member.get("disability") or {}).get("receives_general_disability"):
            received.add("general_disability")  # the same fact said in the health step: one answer is enough
    # Kleene "any" over the members: true if one receives it, else unknown if one did not say, else false.
    absent = None if unknown else False
    return {
        column: True if p in received else absent for p, column in zip(known, _receives_columns(known), strict=True)
    }


@functools.cache
def _receives_columns(known: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("hh_" + receives_column(p) for p in known)


def _household_row(household: dict[str, Any]) -> dict[str, Any]:
    # The household's own inputs (``authority`` and any other declared at its top level), then its nested groups.
    row = {i.column: household.get(i.name) for i in in_group("household")}
    row["household_id"] = household.get("id")
    for key, prefix in NESTED.items():
        for k, v in (household.get(key) or {}).items():
            row[prefix + k] = v
    return row


def to_frames(households: Sequence[Household | dict[str, Any]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Validated households → (persons, households) frames keyed by the dense index ``_hh``."""
    known = receivable()
    prows: list[dict[str, Any]] = []
    hrows: list[dict[str, Any]] = []
    for index, item in enumerate(households):
        data = item.model_dump(exclude_unset=True) if isinstance(item, Household) else item
        hrow = _household_row(data)
        if hrow["household_id"] is None:
            hrow["household_id"] = str(index)
        hrow[HH] = index
        hrow.update(_receives(data["members"], known))
        hrows.append(hrow)
        for member in data["members"]:
            prow = _member_row(member)
            prow[HH] = index
            prows.append(prow)
    return _frame(prows, _person_schema()), _frame(hrows, _household_schema())


def _frame(rows: list[dict[str, Any]], schema: pl.Schema) -> pl.DataFrame:
    # Validated rows already carry the schema's Python types: one typed conversion per frame (a column-by-column
    # build costs ~15 µs a column, most of the time on a single household). Unvalidated dicts (ISO date strings)
    # take the column-by-column build, which parses them.
    try:
        return pl.from_dicts(rows, schema=schema)
    except (pl.exceptions.PolarsError, TypeError, ValueError):
        return pl.DataFrame({k: [row.get(k) for row in rows] for k in schema}, schema=schema)


@functools.cache
def _person_schema() -> pl.Schema:
    return pl.Schema(person_schema())


@functools.cache
def _household_schema() -> pl.Schema:
    return pl.Schema(household_schema())


def persons_to_frames(persons: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A flat batch table (one row per person, household columns repeated) → the two frames.

    ``receives`` may be a list column or a ``;``-separated string; nested ``members`` lists are exploded first.
    Households come out in the order of their first row; a table already grouped by household (each household's
    rows together, as files written per household are) is indexed from its run boundaries without a join or sort.
    """
    if "members" in persons.columns:
        persons = _explode_members(persons)
    if "household_id" not in persons.columns:
        raise ValueError("the batch table needs a household_id column (docs/household.md)")
    persons = persons.with_columns(pl.col("household_id").cast(pl.String))
    if missing := persons.get_column("household_id").null_count():
        # (it used to become one household of all such rows, placed first, out of step with the index)
        raise ValueError(f"household_id is missing on {missing} row(s) of the batch table (docs/household.md)")
    if "id" in persons.columns and "person_id" not in persons.columns:
        persons = persons.rename({"id": "person_id"})
    persons = _indexed(persons)
    n = int(persons.item(-1, HH)) + 1 if persons.height else 0
    receives = _household_receives(persons, n) if "receives" in persons.columns else None
    if "receives" in persons.columns:
        persons = _receives_disability(persons)
    persons = _children_without_income(persons)
    if "immigration_date" in persons.columns and "is_immigrant" not in persons.columns:
        persons = persons.with_columns(pl.col("immigration_date").is_not_null().alias("is_immigrant"))
    pschema, hschema = person_schema(), household_schema()
    pframe = _conform(persons, pschema)
    # persons are sorted by the dense index: a household's first row is where the index changes
    hsource = persons.filter(pl.col(HH).ne_missing(pl.col(HH).shift(1)))
    if receives is not None:
        hsource = hsource.drop([c for c in receives.columns if c in hsource.columns]).hstack(receives)
    return pframe, _conform(hsource, hschema)


def _receives_disability(persons: pl.DataFrame) -> pl.DataFrame:
    """Whether a person receives a general disability pension, said in their list of benefits or in their own
    column: the same fact, and one answer is enough. Listed, they receive it (a file of the insurer's recipients lists
    the benefit, not the disability column); otherwise their column says; left blank there, a list of benefits that
    is given (a child's blank list is empty, contract v1) and leaves it out says they do not."""
    raw, kind = pl.col("receives"), persons.schema["receives"]
    if kind == pl.String:
        listed = raw.str.contains("(?:^|;)general_disability(?:;|$)")
    elif isinstance(kind, pl.List):
        listed = raw.list.contains("general_disability")
    else:  # a column with nothing in it
        return persons
    given = raw.is_not_null()
    if "role" in persons.columns:
        given = given | (pl.col("role").cast(pl.String) == "child").fill_null(False)
    said = (
        pl.col("receives_general_disability")
        if "receives_general_disability" in persons.columns
        else pl.lit(None, dtype=pl.Boolean)
    )
    return persons.with_columns(
        pl.when(listed)
        .then(True)
        .when(said.is_not_null())
        .then(said)
        .when(given)
        .then(False)
        .otherwise(None)
        .alias("receives_general_disability")
    )


def _children_without_income(persons: pl.DataFrame) -> pl.DataFrame:
    """Contract v1, as for one household: a child whose income is left blank has none (a welfare file lists the
    children of a family without incomes), so a blank is 0 there, not unknown."""
    incomes = [f"income_{k}" for k in INCOME_FIELDS if f"income_{k}" in persons.columns]
    if not incomes or "role" not in persons.columns:
        return persons
    child = pl.col("role").cast(pl.String) == "child"
    return persons.with_columns(
        pl.when(child).then(pl.col(c).fill_null(0)).otherwise(pl.col(c)).alias(c) for c in incomes
    )


def grouped_by_household(ids: pl.Series) -> bool:
    """Whether every household's rows are together (one run per household id)."""
    firsts = ids.filter(ids.ne_missing(ids.shift(1)))
    # equal ids hash equal, so a hash collision can only make this say "not grouped" (the slower, exact path)
    return firsts.hash().n_unique() == firsts.len()


def _indexed(persons: pl.DataFrame) -> pl.DataFrame:
    """``persons`` with the dense household index ``HH`` (first appearance order), sorted by it."""
    ids = persons.get_column("household_id")
    if persons.height and grouped_by_household(ids):
        starts = ids.ne_missing(ids.shift(1))
        return persons.with_columns((starts.cum_sum() - 1).cast(pl.UInt32).alias(HH))
    index = persons.select(pl.col("household_id").unique(maintain_order=True)).with_row_index(HH)
    return persons.join(index, on="household_id", how="left", maintain_order="left").sort(HH, maintain_order=True)


def _household_receives(persons: pl.DataFrame, n: int) -> pl.DataFrame:
    """One ``hh_receives__<id>`` column per receivable benefit, row ``i`` for household ``i`` (``n`` households).

    True if a member lists it, else unknown if an adult left the list blank, else false. Contract v1: benefits are
    listed on the adults who receive them, so a child's blank list is empty. The ``;`` split is done once.
    """
    raw = pl.col("receives")
    split = raw.str.split(";") if persons.schema["receives"] == pl.String else raw
    known = receivable()
    blank = raw.is_null() & (pl.col("role") == "child").fill_null(False).not_()
    unknown = pl.repeat(False, n, dtype=pl.Boolean, eager=True).scatter(
        persons.select(pl.col(HH).filter(blank)).to_series(), True
    )
    # only rows that list something are split (most lists are empty)
    listing = raw.str.len_bytes() > 0 if persons.schema["receives"] == pl.String else raw.list.len() > 0
    listed = (
        persons.select(pl.col(HH).filter(listing), split.filter(listing).alias("receives"))
        .explode("receives")
        .with_columns(pl.col("receives").cast(pl.Enum(known), strict=False))  # a name not known: null
        .drop_nulls()
        .partition_by("receives", as_dict=True, include_key=False)
    )
    # Kleene "or": a member who lists it makes it true; otherwise unknown if some adult did not say, else false
    absent = pl.select(pl.when(unknown).then(None).otherwise(False)).to_series()
    # A member whose disability column says a general disability pension is paid receives it, listed or not.
    pensioners = None
    if "receives_general_disability" in persons.columns:
        pensioners = persons.select(pl.col(HH).filter(pl.col("receives_general_disability").fill_null(False)))
    columns = []
    for program in known:
        flag = pl.repeat(False, n, dtype=pl.Boolean, eager=True)
        if (program,) in listed:
            flag = flag.scatter(listed[(program,)].get_column(HH), True)
        if program == "general_disability" and pensioners is not None and pensioners.height:
            flag = flag.scatter(pensioners.to_series(), True)
        columns.append((flag | absent).alias("hh_" + receives_column(program)))
    return pl.DataFrame(columns)


def _conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    exprs = []
    for name, dtype in schema.items():
        if name in frame.columns:
            col = pl.col(name)
            if frame.schema[name] == pl.String and dtype == pl.Date:
                col = col.str.to_date(strict=False)
            exprs.append(col.cast(dtype, strict=False).alias(name))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(exprs)


def _explode_members(frame: pl.DataFrame) -> pl.DataFrame:
    flat = frame.explode("members").unnest("members")
    for nested in ("disability", "income"):
        if nested in flat.columns:
            fields = flat.schema[nested].fields  # type: ignore[attr-defined]
            prefix = "income_" if nested == "income" else ""
            flat = flat.with_columns([pl.col(nested).struct.field(f.name).alias(prefix + f.name) for f in fields]).drop(
                nested
            )
    for nested, prefix in NESTED.items():
        if nested in flat.columns:
            fields = flat.schema[nested].fields  # type: ignore[attr-defined]
            flat = flat.with_columns([pl.col(nested).struct.field(f.name).alias(prefix + f.name) for f in fields]).drop(
                nested
            )
    if "id" in flat.columns and "household_id" not in flat.columns:
        flat = flat.rename({"id": "household_id"})
    return flat


def batches(persons: pl.DataFrame, households: pl.DataFrame, size: int) -> Iterable[tuple[pl.DataFrame, pl.DataFrame]]:
    """Split both frames into chunks of ``size`` households, each re-indexed from 0."""
    n = households.height
    keys = persons.get_column(HH)
    for start in range(0, n, size):
        stop = min(n, start + size)
        lo, hi = keys.search_sorted(start, side="left"), keys.search_sorted(stop, side="left")
        yield (
            persons.slice(lo, hi - lo).with_columns(pl.col(HH) - start),
            households.slice(start, stop - start).with_columns(pl.col(HH) - start),
        )
