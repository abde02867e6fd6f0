"""The public functions: evaluate (vectorized), screen (result contract v1), explain (the trace)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import polars as pl

from eligibility.catalogue import agencies, catalogue, program_ids, question, questions, retroactive_months
from eligibility.decide import decided_by_column, range_columns
from eligibility.decide import evaluate_frames as decide_frames
from eligibility.engine import (
    SMALL,
    compile_plan,
    output_columns,
    program_confidence,
    program_figures_from,
    registry,
    row_picker,
)
from eligibility.frames import HH, batches, persons_to_frames, to_frames
from eligibility.household import Household, today, validate_household
from eligibility.i18n import fmt, pick, sentence
from eligibility.inputs import in_group, question_of
from eligibility.model import Condition
from eligibility.parameters import AUTHORITIES_PREFIX, get_parameter, load_parameters
from eligibility.version import RULES_VERSION

CHUNK = 200_000  # households per in-process chunk: bounds memory at ~1 GB for all rights
AGENCY_DECIDES = ("insurance.", "agency.")  # question ids that only the agency's own records can answer
STATUS_ORDER = {"eligible": 0, "already_receiving": 1, "maybe": 2, "not_eligible": 3}
Frames = tuple[pl.DataFrame, pl.DataFrame]


@functools.cache  # the parameters are loaded once per process, so is the set of municipalities they name
def _authorities_with_overrides() -> frozenset[str]:
    head = AUTHORITIES_PREFIX + "."
    return frozenset(n.split(".")[1] for n in load_parameters() if n.startswith(head))


def _frames(households: Any, authority: str | None) -> Frames:
    if isinstance(households, tuple):
        persons, hh = households
    elif isinstance(households, pl.DataFrame):
        persons, hh = persons_to_frames(households)
    else:
        persons, hh = to_frames([validate_household(h) for h in households])
    if authority is not None:
        hh = hh.with_columns(pl.lit(authority, dtype=pl.String).alias("authority"))
    return persons, hh


def _authorities(hh: pl.DataFrame) -> tuple[str, ...]:
    local = _authorities_with_overrides()
    if not local:
        return ()
    column = hh.get_column("authority")
    # A handful of rows: read them (two small queries, drop_nulls and unique, cost more than the whole list).
    values = column.to_list() if hh.height <= SMALL else column.drop_nulls().unique().to_list()
    return tuple(sorted(local.intersection(values)))


def evaluate(households: Any, as_of: dt.date, *, authority: str | None = None, detail: bool = False) -> pl.DataFrame:
    """Evaluate every right for a batch of households on the legal date ``as_of``.

    ``households`` is a list of household dicts (contract v1) or ``Household`` objects, a flat persons table
    (one row per person with ``household_id``; docs/household.md), or a ``(persons, households)`` pair from
    ``eligibility.frames``. ``authority`` sets the municipality for every household. Returns one row per
    household: ``household_id`` and, per program, ``<id>__status`` (eligible|maybe|not_eligible|
    already_receiving), ``<id>__monthly_amount``, ``<id>__one_off_amount``, ``<id>__discount_percent``;
    with ``detail=True`` also every variable and condition column. A single household is a batch of one.
    """
    return pl.concat(list(evaluate_chunks(households, as_of, authority=authority, detail=detail)), how="vertical")


def evaluate_chunks(
    households: Any, as_of: dt.date, *, authority: str | None = None, detail: bool = False, size: int = CHUNK
) -> Iterator[pl.DataFrame]:
    """``evaluate`` in chunks of ``size`` households, for streaming writers and progress bars."""
    persons, hh = _frames(households, authority)
    if hh.height <= size:
        yield evaluate_frames(persons, hh, as_of, detail=detail)
        return
    for pchunk, hchunk in batches(persons, hh, size):
        yield evaluate_frames(pchunk, hchunk, as_of, detail=detail)


def evaluate_frames(persons: pl.DataFrame, hh: pl.DataFrame, as_of: dt.date, *, detail: bool = False) -> pl.DataFrame:
    """Every right for one chunk of households given as frames (``eligibility.frames``: both sorted by a dense
    ``_hh`` from 0, every household with at least one person). What ``evaluate`` does to each chunk."""
    plan = compile_plan(as_of, _authorities(hh), detail, small=hh.height <= SMALL)
    out = decide_frames(plan, persons, hh, detail=detail)
    out.drop_in_place(HH)  # in place: ``drop`` would plan a query of every column
    return out


def conditions_of(pid: str) -> list[Condition]:
    return list(_conditions_by_program().get(pid, ()))


@functools.cache
def _conditions_by_program() -> dict[str, tuple[Condition, ...]]:
    # The registry is loaded once per process, so this grouping (done on every screen before) is too.
    grouped: dict[str, list[Condition]] = {}
    for cond in registry()[1].values():
        grouped.setdefault(cond.program, []).append(cond)
    return {pid: tuple(conds) for pid, conds in grouped.items()}


class _CondSpec(NamedTuple):
    """What a condition's result needs whatever the household, worked out once per program and language."""

    id: str
    column: str
    threshold_column: str | None
    value_column: str | None
    fmt: str
    text: str  # the requirement in the language, with a {threshold} slot
    title: str  # of the first legal reference
    href: str
    asks: tuple[str, ...]


def _condition(spec: _CondSpec, row: dict[str, Any], lang: str) -> dict[str, Any]:
    met = row.get(spec.column)
    threshold = row.get(spec.threshold_column) if spec.threshold_column else None
    value = row.get(spec.value_column) if spec.value_column else None
    req = spec.text.format(threshold=fmt(threshold, spec.fmt, lang))
    return {
        "id": spec.id,
        "met": met,
        "text": sentence(req, value, spec.value_column is not None, met, spec.fmt, lang),
        "reference": {"title": spec.title, "href": spec.href},
        "threshold": threshold,
        "value": value,
    }


def _condition_specs(pid: str, lang: str) -> tuple[_CondSpec, ...]:  # kept with the program's texts (cached there)
    specs = []
    for cond in _conditions_by_program().get(pid, ()):
        ref = cond.reference[0]
        column = cond.column
        specs.append(
            _CondSpec(
                id=cond.id,
                column=column,
                threshold_column=column + "__threshold" if cond.threshold else None,
                value_column=cond.value,
                fmt=cond.fmt,
                text=_condition_text(column, lang),
                title=ref.title,
                href=ref.href,
                asks=cond.asks,
            )
        )
    return tuple(specs)


@functools.lru_cache(maxsize=4096)  # bounded: ``lang`` comes from callers
def _condition_text(column: str, lang: str) -> str:
    return str(pick(registry()[1][column].text, lang))


EXPLANATION = {
    "eligible": {
        "he": "נראה שאתם זכאים ל{name}.",
        "en": "You appear to be entitled to {name}.",
        "ar": "يبدو أنكم مستحقون لـ{name}.",
        "ru": "Похоже, вам положено: {name}.",
    },
    "maybe": {
        "he": "ייתכן שאתם זכאים ל{name}; כדי לדעת צריך לענות על: {missing}.",
        "en": "You may be entitled to {name}; to know, answer: {missing}.",
        "ar": "قد تكونون مستحقين لـ{name}؛ للتأكد أجيبوا عن: {missing}.",
        "ru": "Возможно, вам положено: {name}; чтобы знать, ответьте: {missing}.",
    },
    # "maybe" where no question of the screener decides it (an agency's own assessment, a figure our tables lack):
    # what is still open, said instead of an empty list of questions.
    "maybe_open": {
        "he": "ייתכן שאתם זכאים ל{name}; אין כאן שאלה שתכריע זאת: {reason}.",
        "en": "You may be entitled to {name}; no question here can settle it: {reason}.",
        "ar": "قد تكونون مستحقين لـ{name}؛ لا يوجد هنا سؤال يحسم ذلك: {reason}.",
        "ru": "Возможно, вам положено: {name}; здесь это не решить ответом на вопрос: {reason}.",
    },
    "not_eligible": {
        "he": "לפי הנתונים אינכם זכאים ל{name}: {reason}.",
        "en": "From your answers you are not entitled to {name}: {reason}.",
        "ar": "حسب المعطيات أنتم غير مستحقين لـ{name}: {reason}.",
        "ru": "По вашим ответам вам не положено: {name}: {reason}.",
    },
    "already_receiving": {
        "he": "אתם כבר מקבלים {name}.",
        "en": "You already receive {name}.",
        "ar": "أنتم تحصلون على {name} بالفعل.",
        "ru": "Вы уже получаете: {name}.",
    },
}
GATEWAY = {
    "opens": {
        "he": "אם תממשו את {a}, תקבלו גם {b}",
        "en": "if you claim {a} you also get {b}",
        "ar": "إذا طالبتم بـ{a} ستحصلون أيضًا على {b}",
        "ru": "если оформите «{a}», получите и «{b}»",
    },
    "via": {
        "he": "{b} ניתנת גם למי שמקבל/ת {a}",
        "en": "{b} also comes with {a}",
        "ar": "{b} تُمنح أيضًا لمن يحصل على {a}",
        "ru": "«{b}» положено и получателям «{a}»",
    },
}


NO_FIGURE = {
    "he": " (הסכום הרשמי למצבכם אינו בטבלאות שבידינו)",
    "ar": " (المبلغ الرسمي لحالتكم غير موجود في جداولنا)",
    "ru": " (официальной суммы для вашего случая нет в наших таблицах)",
    "en": " (the official figure for your case is not in our tables)",
}


def _settled_by_birth(born: dt.date | None, as_of: dt.date) -> set[str]:
    """Questions a member's birth date answers, by the parameters the rules read (``in_regular_service``,
    ``discharged_soldier_credit_points_p``, ``is_holocaust_survivor``): past the ages of regular service nobody
    serves in it or has just left it; born after 1946, nobody survived the Holocaust."""
    if born is None:
        return set()
    age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    out = set()
    # Before a bound's first dated value (a screening dated in the past) the bound is unknown and settles nothing.
    oldest_soldier = get_parameter("general.regular_service.max_age")(as_of)
    if oldest_soldier is not None and age > oldest_soldier:
        out.add("person.soldier")
    # Nor did anyone older than that by the discharged soldier's 36 months finish a regular service within them.
    window = get_parameter("tax.credit_points.discharged_soldier.months")(as_of)
    if oldest_soldier is not None and window is not None and age > oldest_soldier + window / 12:
        out |= {"person.recently_discharged", "person.service_end_date", "person.service_months"}
    latest_survivor = get_parameter("general.holocaust.latest_birth_year")(as_of)
    if latest_survivor is not None and born.year > latest_survivor:
        out.add("person.holocaust_survivor")
    return out


@functools.cache
def _null_answers() -> frozenset[str]:
    """The person inputs whose explicit null is an answer (inputs.yaml ``none: null``: immigration_date)."""
    return frozenset(i.name for i in in_group("person") if i.has_none and i.none is None)


@functools.cache
def _child_question_names() -> frozenset[str]:
    """The person inputs a child's blank answer leaves open: the birth date and those the rules read on a child's
    row (inputs.yaml's ``of_children``); a child's other person data is not asked."""
    return frozenset({"birth_date"} | {i.name for i in in_group("person") if i.of_children})


def unanswered_questions(household: Household, as_of: dt.date | None = None) -> set[str]:
    """Question ids the household left open (for children, only their disability, birth date and the person inputs
    the rules read on a child's row), but those a member's birth date already answers."""
    data = household.model_dump()
    given = household.model_dump(exclude_unset=True)["members"]
    # Facts only an agency's records or committees settle (no household field answers them) stay open.
    out = set(_questions_starting(AGENCY_DECIDES))
    for member, said in zip(data["members"], given, strict=True):
        adult = member["role"] != "child"
        settled = _settled_by_birth(member.get("birth_date"), as_of or household.as_of or today())
        # An explicit null that is an answer ("not an immigrant": immigration_date null) is not an open question.
        settled |= {f"person.{key}" for key in _null_answers() if key in said}
        for key, value in member.items():
            if key in ("disability", "income"):
                inner = value or {}
                names = _group_names(key)
                # A general disability pension is one fact (frames._member_row): a given list of benefits (a child's
                # blank one is empty) says whether it is paid when the disability answer is blank.
                listed = member.get("receives") is not None or not adult
                out |= {
                    f"{key}.{k}"
                    for k in names
                    if inner.get(k) is None
                    and (adult or key == "disability")
                    and not (listed and k == "receives_general_disability")
                }
            elif value is None and (adult or key in _child_question_names()) and f"person.{key}" not in settled:
                out.add(f"person.{key}")
    for group in ("housing", "assets", "debts"):
        inner = data.get(group) or {}
        out |= {f"{group}.{k}" for k, v in inner.items() if v is None}
        if not inner:
            out |= _questions_starting((group + ".",))
    if data.get("authority") is None:
        out.add("authority")
    return out


@functools.cache
def _group_names(group: str) -> tuple[str, ...]:
    """The inputs declared in a member's nested group (``disability``, ``income``)."""
    return tuple(i.name for i in in_group(group))


@functools.cache  # the questions are loaded once per process
def _questions_starting(prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(q for q in questions() if q.startswith(prefixes))


def _program(
    pid: str,
    row: dict[str, Any],
    plan: Any,
    as_of: dt.date,
    lang: str,
    unanswered: set[str],
    picked: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    static = _program_texts(pid, lang)
    status = row[static.status_column]
    conditions = [_condition(c, row, lang) for c in static.conditions]
    missing: dict[str, dict[str, str]] = {}
    decided_by = row.get(decided_by_column(pid))
    if status == "maybe" and decided_by:
        # One answer decides it (each of its values gives a definite answer): that is the question to ask.
        missing[decided_by] = question(decided_by, lang)
    elif status == "maybe":
        for cond, out in zip(static.conditions, conditions, strict=True):
            if out["met"] is None:
                open_questions = [q for q in cond.asks if q in unanswered]
                if not open_questions:
                    # The condition's own questions are answered: what is open is a fact it reads further down
                    # (an unpaid alimony judgment, through the benefits income support counts first).
                    open_questions = [q for q in _questions_read(plan, cond.column) if q in unanswered]
                for q in open_questions:
                    missing[q] = question(q, lang)
                if not open_questions:
                    out["text"] += static.no_figure
    name = static.name
    # Not entitled whatever the missing answers are: the reason is the first condition that fails, or else the
    # conditions left open (each of their possible answers fails one of them).
    failed = next((c["text"] for c in conditions if c["met"] is False), "")
    if not failed and status == "not_eligible":
        failed = "; ".join(c["text"] for c in conditions if c["met"] is None)
    sentence = status
    if status == "maybe" and not missing:
        sentence, failed = "maybe_open", "; ".join(c["text"] for c in conditions if c["met"] is None)
    explanation = static.explanation[sentence].format(
        name=name, missing=", ".join(m["label"] for m in missing.values()), reason=failed
    )
    return {
        "id": pid,
        "name": name,
        "agency": static.agency,
        "agency_name": static.agency_name,
        "status": status,
        "monthly_amount": _money(row.get(static.amount_column)),
        "monthly_amount_min": _money(row.get(static.range_columns[0])),
        "monthly_amount_max": _money(row.get(static.range_columns[1])),
        "one_off_amount": _money(row.get(static.one_off_column)),
        "discount_percent": _money(row.get(static.discount_column)),
        "value_note": static.value_note,
        "retroactive_months": _retroactive_months(pid, as_of),
        "confidence": program_confidence(plan, pid, picked),
        "figures_from": program_figures_from(plan, pid, picked),
        "conditions": conditions,
        "missing": list(missing.values()),
        "documents": list(static.documents),
        "how_to_apply": static.how_to_apply,
        "explanation": explanation,
        "gateways": [
            {"program": other, "direction": direction, "status": row[status_column], "text": text}
            for other, direction, status_column, text in static.gateways
        ],
        "kolzchut": static.kolzchut,
    }


def _questions_read(plan: Any, column: str) -> tuple[str, ...]:
    """The questions of every input a condition reads, directly or through the variables it uses, in the order the
    questions are declared; worked out once per plan."""
    cache: dict[str, tuple[str, ...]] = plan.relevance.setdefault("_questions_read", {})
    if column not in cache:
        read = {question_of(name) for name in plan.vars_closure([column])}
        cache[column] = tuple(q for q in questions() if q in read)
    return cache[column]


class _ProgramTexts(NamedTuple):
    """What a program's result says in a language whatever the household, looked up once per process."""

    status_column: str
    range_columns: tuple[str, str]
    amount_column: str  # "" when the program has none: the row has no such column
    one_off_column: str
    discount_column: str
    name: Any
    agency: Any
    agency_name: Any
    value_note: Any
    documents: tuple[Any, ...]
    how_to_apply: Any
    kolzchut: Any
    gateways: tuple[tuple[str, str, str, str], ...]  # other program, direction, its status column, sentence
    conditions: tuple[_CondSpec, ...]
    explanation: dict[str, str]  # per status, the sentence with {name}, {missing} and {reason} slots
    no_figure: str


@functools.lru_cache(maxsize=512)  # bounded: ``lang`` comes from callers
def _program_texts(pid: str, lang: str) -> _ProgramTexts:
    spec = catalogue()[pid]
    return _ProgramTexts(
        status_column=output_columns(pid)["status"],
        range_columns=tuple(range_columns(pid).values()),  # type: ignore[arg-type]
        amount_column=spec.get("amount") or "",
        one_off_column=spec.get("one_off") or "",
        discount_column=spec.get("discount") or "",
        name=pick(spec["name"], lang),
        agency=spec["agency"],
        agency_name=pick(agencies()[spec["agency"]]["name"], lang),
        value_note=pick(spec.get("value_note"), lang) or None,
        documents=tuple(pick(spec.get("documents"), lang) or ()),
        how_to_apply=pick(spec.get("how_to_apply"), lang),
        kolzchut=spec.get("kolzchut"),
        gateways=tuple((other, way, f"{other}__status", text) for other, way, text in _gateway_texts(pid, lang)),
        conditions=_condition_specs(pid, lang),
        explanation={status: str(pick(texts, lang)) for status, texts in EXPLANATION.items()},
        no_figure=str(pick(NO_FIGURE, lang)),
    )


@functools.lru_cache(maxsize=1024)
def _retroactive_months(pid: str, as_of: dt.date) -> int | None:
    return retroactive_months(pid, as_of)


def _money(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def _gateway_texts(pid: str, lang: str) -> list[tuple[str, str, str]]:
    """(other program, direction, sentence) for each gateway from or to ``pid``."""
    programs = catalogue()
    name = pick(programs[pid]["name"], lang)
    out = []
    for other in programs[pid].get("gateways") or []:
        b = pick(programs[other]["name"], lang)
        out.append((other, "opens", str(pick(GATEWAY["opens"], lang)).format(a=name, b=b)))
    for other, spec in programs.items():
        if pid in (spec.get("gateways") or []):
            a = pick(spec["name"], lang)
            out.append((other, "via", str(pick(GATEWAY["via"], lang)).format(a=a, b=name)))
    return out


def _sort_key(item: dict[str, Any]) -> tuple[float, float, int]:
    money = (item["monthly_amount"] or 0.0) + (item["one_off_amount"] or 0.0) / 12
    if item["status"] == "not_eligible":
        money = 0.0
    return (-money, -(item["discount_percent"] or 0.0), STATUS_ORDER[item["status"]])


def _detail_row(household: Household, as_of: dt.date) -> tuple[dict[str, Any], Any]:
    persons, hh = to_frames([household])
    plan = compile_plan(as_of, _authorities(hh), True, small=True)
    return decide_frames(plan, persons, hh, detail=True).to_dicts()[0], plan


def screen(household: dict[str, Any] | Household, *, as_of: dt.date | None = None, lang: str = "he") -> dict[str, Any]:
    """Validate one household and return result contract v1: every program with status, money, conditions
    (localized, with threshold and value), missing questions, documents, how to apply and gateways,
    sorted by money. ``as_of`` defaults to the household's ``as_of``, then today (Asia/Jerusalem).
    Raises HouseholdError before evaluating anything if the household breaks contract v1."""
    valid = validate_household(household)
    when = as_of or valid.as_of or today()
    row, plan = _detail_row(valid, when)
    unanswered = unanswered_questions(valid, when)
    picked = row_picker(plan, row)  # the table rows this household's answers pick, worked out once
    results = [_program(pid, row, plan, when, lang, unanswered, picked) for pid in program_ids()]
    results.sort(key=_sort_key)
    return {"as_of": when.isoformat(), "rules_version": RULES_VERSION, "lang": lang, "programs": results}


def explain(household: dict[str, Any] | Household, *, as_of: dt.date | None = None, lang: str = "he") -> dict[str, Any]:
    """The trace behind ``screen``: per program, each variable used (label, value, reference) and each
    parameter value used (value in force, its effective date, unit, confidence, references)."""
    valid = validate_household(household)
    when = as_of or valid.as_of or today()
    row, plan = _detail_row(valid, when)
    classes = registry()[0]
    out: dict[str, Any] = {}
    for pid, spec in catalogue().items():
        roots = [spec["variable"], *(spec[k] for k in ("amount", "one_off", "discount") if spec.get(k))]
        names = [n for n in plan.vars_closure(roots) if n in classes]
        out[pid] = {
            "status": row[output_columns(pid)["status"]],
            "variables": [_variable_trace(classes[n], row) for n in sorted(names)],
            "parameters": [_parameter_trace(p, when) for p in sorted(plan.params_closure(roots))],
        }
    return {"as_of": when.isoformat(), "rules_version": RULES_VERSION, "lang": lang, "programs": out}


def _variable_trace(cls: Any, row: dict[str, Any]) -> dict[str, Any]:
    value = row.get(cls.name())
    if isinstance(value, dt.date):
        value = value.isoformat()
    return {
        "name": cls.name(),
        "label": cls.label,
        "entity": cls.entity,
        "value": value,
        "unit": cls.unit,
        "reference": [r.as_dict() for r in cls.reference],
    }


def _parameter_trace(name: str, as_of: dt.date) -> dict[str, Any]:
    param = get_parameter(name)
    entry = param.entry(as_of)
    return {
        "name": name,
        "description": param.description,
        "value": None if entry is None else entry.value,
        "in_force_since": None if entry is None else entry.start.isoformat(),
        "unit": param.unit,
        "confidence": param.confidence_at(as_of),
        "reference": [r.as_dict() for r in param.references_at(as_of)],
    }
