"""What agencies answered about a case's barriers, for its barrier card.

The answers come through the agency's signed link, which community owns (community/services/agencies.py); cases
sits below community (docs/decisions/0008) and cannot ask for them, so community registers a provider here when its
app is ready, as it does for event codes (cases/event_codes.py). Without a provider the card shows no answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    agency: str
    response: str
    commitment: str
    commit_by: dt.date | None
    answered_at: dt.datetime


# barrier ids (of the current tenant) → {barrier id: its answers, oldest first}
Provider = Callable[[Sequence[int]], dict[int, list[Answer]]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def for_barriers(barrier_ids: Sequence[int]) -> dict[int, list[Answer]]:
    found: dict[int, list[Answer]] = {}
    if not barrier_ids:
        return found
    for provider in _providers:
        for pk, answers in provider(barrier_ids).items():
            found.setdefault(pk, []).extend(answers)
    return found
