"""Attribution codes at intake: "came from event X" (Inquiry.event_code).

Community owns the events, but cases sits below community in the layers contract (docs/decisions/0008), so cases
cannot ask for them. Community registers a provider here when its app is ready; intake forms then offer the
authority's codes and refuse unknown ones. Without a provider the code stays free text.
"""

from __future__ import annotations

from collections.abc import Callable

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context

# authority → [(code, label)] of the events whose code intake may record now
Provider = Callable[[Authority], list[tuple[str, str]]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def choices(authority: Authority) -> list[tuple[str, str]] | None:
    """The codes intake may record for `authority`, or None when no app provides any (free text)."""
    if not _providers:
        return None
    with tenant_context(authority):  # the public help form asks before any tenant is set
        return [choice for provider in _providers for choice in provider(authority)]


def normalize(code: str) -> str:
    return "".join(code.split()).upper()[:20]


def known(authority: Authority, code: str) -> str:
    """`code` as stored when it names one of the authority's events, else "" (a public link with a stale code)."""
    options = choices(authority)
    code = normalize(code)
    if options is None:
        return code
    return code if code in {value for value, _label in options} else ""
