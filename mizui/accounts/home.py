"""The staff home is a worklist for the person's role, assembled from panels the apps above accounts provide
(accounts cannot import them): each app registers a provider in its AppConfig.ready, and a provider returns the
panels it has for this request (none for a role it does not serve). A panel is a template and its context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mizui.accounts.http import StaffRequest


@dataclass(frozen=True)
class Panel:
    order: int  # smaller first
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[StaffRequest], list[Panel]]
_PROVIDERS: list[Provider] = []
# Names of objects in the personal activity page ("viewed Miriam Cohen's file"): object type → ids → names.
Describer = Callable[[StaffRequest, str, list[str]], dict[str, str]]
_DESCRIBERS: list[Describer] = []


def register(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def register_describer(describer: Describer) -> None:
    if describer not in _DESCRIBERS:
        _DESCRIBERS.append(describer)


def panels(request: StaffRequest) -> list[Panel]:
    found = [panel for provider in _PROVIDERS for panel in provider(request)]
    return sorted(found, key=lambda panel: panel.order)


def names(request: StaffRequest, object_type: str, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for describer in _DESCRIBERS:
        out.update(describer(request, object_type, ids))
    return out
