"""The public screener's steps and how answers become a household (contract v1).

The screener is adaptive: after each step the household so far is screened, and a later step is shown only
when one of the questions it asks is among the `missing` questions of a right that is still `maybe`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from eligibility.inputs import Gate, Input, gates, inputs

Answers = dict[str, Any]
PARTNER = "partner_"  # the partner's answers: the same keys as the applicant's, with this prefix


@dataclass(frozen=True)
class Step:
    slug: str
    always: bool = False

    @property
    def asks(self) -> frozenset[str]:
        """Question ids this step can settle: those of the inputs it asks, and of those its gates decide."""
        return _asks().get(self.slug, frozenset())


# The order of the steps; which inputs each asks is declared with the inputs (eligibility/inputs.yaml).
STEPS: tuple[Step, ...] = (
    Step("household", always=True),
    Step("children"),  # only when the household step said there are children
    Step("work"),
    Step("health"),
    Step("background"),
    Step("income"),
    Step("home"),
    Step("benefits"),
)
BY_SLUG = {step.slug: step for step in STEPS}


@functools.cache
def _asks() -> dict[str, frozenset[str]]:
    asks: dict[str, set[str]] = {}
    for spec in inputs():
        if spec.screener and spec.question_id:
            asks.setdefault(spec.screener.step, set()).add(spec.question_id)
    for gate in gates():
        asks.setdefault(gate.step, set()).update(
            spec.question_id for spec in inputs() if spec.name in gate.settles and spec.question_id
        )
    return {step: frozenset(ids) for step, ids in asks.items()}


@functools.cache
def step_asking() -> dict[str, str]:
    """The step that asks each question id (its first, in the order of the steps)."""
    out: dict[str, str] = {}
    for step in STEPS:
        for question in sorted(step.asks):
            out.setdefault(question, step.slug)
    return out


@functools.cache
def status_questions() -> frozenset[str]:
    """The questions a right's answer (not only its amount) can hang on: those its conditions name."""
    from eligibility.engine import registry

    return frozenset(question for condition in registry()[1].values() for question in condition.asks)


@functools.cache
def read_questions() -> frozenset[str]:
    """The questions whose answer some rule reads (a question no rule reads, the rent, is not worth a resident's
    time)."""
    from eligibility.engine import compile_plan

    read = compile_plan(dt.date.today(), (), False).inputs  # noqa: DTZ011 (which inputs are read, not when)
    return frozenset(
        spec.question_id
        for spec in inputs()
        if spec.question_id and (spec.column in read or spec.name in read or spec.type == "programs")
    )


def worth_asking(question: str | None, missing: set[str] | None) -> bool:
    """Whether a question can still change something: a right's answer that is open (``missing``), or an amount
    (a question no condition names but a rule reads, asked whenever its step is). None: before the first answer,
    everything."""
    if missing is None or question is None or question in missing:
        return True
    return question not in status_questions() and question in read_questions()


def missing_questions(result: dict[str, Any]) -> set[str]:
    return {m["id"] for p in result["programs"] if p["status"] == "maybe" for m in p["missing"]}


def every_question() -> set[str]:
    """Before the first answer every question may still matter: the plan counts every step, so the step counter
    only ever goes down ("1 of 9", then "2 of 6"), never up."""
    return set().union(*_asks().values())


def is_needed(step: Step, answers: Answers, missing: set[str]) -> bool:
    if step.slug == "children":
        count = answers.get("children_count")
        return count is None or int(count or 0) > 0  # not asked yet: there may be children
    return step.always or bool(step.asks & missing)


def plan(answers: Answers, done: list[str], missing: set[str]) -> list[str]:
    """The steps this household goes through: those done so far, then those still needed, in order."""
    return [s.slug for s in STEPS if s.slug in done or is_needed(s, answers, missing)]


def next_step(answers: Answers, done: list[str], missing: set[str]) -> str | None:
    for step in STEPS:
        if step.slug not in done and is_needed(step, answers, missing):
            return step.slug
    return None


def _answered(value: Any) -> bool:
    """Blank answers are left out, so the rules see them as unknown rather than as zero; an empty list of
    benefits is an answer ("none of these")."""
    return value is not None and value != ""


def _put(target: dict[str, Any], spec: Input, value: Any) -> None:
    key = spec.group.key
    if key is None:
        target[spec.name] = value
    else:
        target.setdefault(key, {})[spec.name] = value


def _member(answers: Answers, prefix: str, **identity: str) -> dict[str, Any]:
    member: dict[str, Any] = dict(identity)
    for spec in inputs():
        if spec.entity == "person" and spec.screener and _answered(answers.get(prefix + spec.column)):
            _put(member, spec, answers[prefix + spec.column])
    return member


WHO_SUFFIX = "_who"  # a gate for the whole household answered "yes": who it is about (applicant, partner, child)


COUPLED = ("married", "common_law")  # a status the partner shares with the applicant


def _couple(applicant: dict[str, Any], partner: dict[str, Any]) -> None:
    """What the screener asks once for the couple: a married or common-law applicant's partner is so too, and
    "which of these do you already get?" asks the household, so what it lists is all either of them receives."""
    if applicant.get("marital_status") in COUPLED:
        partner.setdefault("marital_status", applicant["marital_status"])
    for spec in inputs():
        if spec.type == "programs" and spec.name in applicant:
            partner.setdefault(spec.name, [])


def _settle(gate: Gate, members: list[dict[str, Any]]) -> None:
    """A gate answered "no" decides every fact it settles, for every member it speaks for."""
    for member in members if gate.members == "all" else members[:1]:
        for spec in inputs():
            if spec.name in gate.settles:
                _put(member, spec, spec.none)


def _settle_others(gate: Gate, who: list[str], members: list[dict[str, Any]]) -> None:
    """A gate answered "yes, about these members": for the others its facts are settled as a "no" would."""
    _settle(gate, [member for member in members if member["role"] not in who])


def household(answers: Answers, *, authority: str | None, as_of: dt.date | None = None) -> dict[str, Any]:
    """The screener's answers as a household (contract v1): each declared input the screener asked, at its place."""
    members = [_member(answers, "", id="p1", role="applicant")]
    if answers.get("has_partner"):
        partner = _member(answers, PARTNER, id="p2", role="partner")
        _couple(members[0], partner)
        members.append(partner)
    for i, born in enumerate(answers.get("children_birth_dates") or [], start=1):
        members.append({"id": f"c{i}", "role": "child", "birth_date": born})
    for gate in gates():
        if answers.get(gate.name) is False:
            _settle(gate, members)
        elif answers.get(gate.name) and gate.members == "all" and answers.get(gate.name + WHO_SUFFIX):
            _settle_others(gate, answers[gate.name + WHO_SUFFIX], members)
    data: dict[str, Any] = {"members": members}
    for spec in inputs():
        if spec.entity == "household" and spec.screener and _answered(answers.get(spec.column)):
            _put(data, spec, answers[spec.column])
    if authority:
        data["authority"] = authority
    if as_of:
        data["as_of"] = as_of.isoformat()
    return data
