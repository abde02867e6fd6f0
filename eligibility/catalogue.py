"""The rights catalogue (programs.yaml) and the questions a screener may ask (inputs.yaml, questions.yaml)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from eligibility.i18n import pick
from eligibility.inputs import questions as declared_questions
from eligibility.parameters import get_parameter, load_parameters, read_yaml, worst_confidence

HERE = Path(__file__).parent


@functools.cache
def _load(name: str) -> dict[str, Any]:
    data = read_yaml(HERE / name)
    assert isinstance(data, dict)
    return data


def catalogue() -> dict[str, dict[str, Any]]:
    programs = _load("programs.yaml")["programs"]
    assert isinstance(programs, dict)
    return programs


def agencies() -> dict[str, dict[str, Any]]:
    data = _load("programs.yaml")["agencies"]
    assert isinstance(data, dict)
    return data


@functools.cache
def program_ids() -> tuple[str, ...]:
    return tuple(catalogue())


@functools.cache
def questions() -> dict[str, dict[str, str]]:
    """Question id → label (he/ar/ru/en): one per declared input (inputs.yaml), and the facts only an agency's
    records decide (questions.yaml)."""
    agency_only = _load("questions.yaml")["questions"]
    assert isinstance(agency_only, dict)
    return {**{qid: dict(text) for qid, text in declared_questions().items()}, **agency_only}


def question(qid: str, lang: str) -> dict[str, str]:
    return {"id": qid, "label": _question_label(qid, lang)}


@functools.lru_cache(maxsize=4096)  # bounded: ``lang`` comes from callers; a screening asks dozens of labels
def _question_label(qid: str, lang: str) -> str:
    return str(pick(questions().get(qid), lang) or qid)


def program_parameters(pid: str) -> list[str]:
    prefixes = catalogue()[pid].get("parameter_prefix") or []
    return [n for n in load_parameters() if any(n == p or n.startswith(p + ".") for p in prefixes)]


def retroactive_months(pid: str, as_of: dt.date) -> int | None:
    name = catalogue()[pid].get("retroactive_months")
    if name is None:
        return None
    value = get_parameter(str(name))(as_of)
    return None if value is None else int(value)


def appeal_window(pid: str, as_of: dt.date) -> tuple[int, str] | None:
    """(amount, unit) of the window to appeal a decision on ``pid``: its agency's dated
    ``general.appeal_deadline.<agency>``; None where the agency has none (a ``null`` value) or none is encoded."""
    name = f"general.appeal_deadline.{catalogue()[pid]['agency']}"
    if name not in load_parameters():
        return None
    param = get_parameter(name)
    value = param(as_of)
    return None if value is None else (int(value), param.unit)


def prefix_confidence(pid: str, as_of: dt.date) -> str:
    return worst_confidence({get_parameter(n).confidence_at(as_of) for n in program_parameters(pid)})


def programs(lang: str = "he", as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """The catalogue: id, names (he/ar/ru/en), agency, legal basis, documents, how to apply, retroactivity,
    Kol Zchut link, gateways and the confidence of the figures in force on ``as_of`` (default: today)."""
    from eligibility.household import today

    when = as_of or today()
    out = []
    for pid, spec in catalogue().items():
        agency = agencies()[spec["agency"]]
        out.append(
            {
                "id": pid,
                "name": dict(spec["name"]),
                "label": pick(spec["name"], lang),
                "agency": spec["agency"],
                "agency_name": pick(agency["name"], lang),
                "kind": spec["kind"],
                "legal_basis": list(spec.get("legal_basis") or []),
                "documents": list(pick(spec.get("documents"), lang) or []),
                "how_to_apply": pick(spec.get("how_to_apply"), lang),
                "retroactive_months": retroactive_months(pid, when),
                "kolzchut": spec.get("kolzchut"),
                "gateways": list(spec.get("gateways") or []),
                "confidence": prefix_confidence(pid, when),
                "variable": spec["variable"],
                "parameter_prefix": list(spec.get("parameter_prefix") or []),
            }
        )
    return out
