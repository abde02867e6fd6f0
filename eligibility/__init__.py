"""Mizui's rules package: Israeli social rights as dated, cited, explainable code (pure Python, no Django).

Public API (stable): evaluate, screen, explain, programs, validate_household, HouseholdError,
RULES_VERSION, LANGUAGES.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eligibility.api import evaluate, explain, screen
    from eligibility.catalogue import programs
    from eligibility.household import Household, HouseholdError, validate_household
    from eligibility.i18n import LANGUAGES
    from eligibility.version import RULES_VERSION

# Loaded on first use (PEP 562): a program that imports one module of the package (the `mizui` command, a
# Dask worker) does not pay for the rest at start-up.
_HOME = {
    "evaluate": "eligibility.api",
    "explain": "eligibility.api",
    "screen": "eligibility.api",
    "programs": "eligibility.catalogue",
    "Household": "eligibility.household",
    "HouseholdError": "eligibility.household",
    "validate_household": "eligibility.household",
    "LANGUAGES": "eligibility.i18n",
    "RULES_VERSION": "eligibility.version",
}

__all__ = [
    "LANGUAGES",
    "RULES_VERSION",
    "Household",
    "HouseholdError",
    "evaluate",
    "explain",
    "programs",
    "screen",
    "validate_household",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'eligibility' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
