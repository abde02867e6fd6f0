"""Mizui's rules package: Israeli social rights as dated, cited, explainable code (pure Python, no Django).

Public API (stable): evaluate, screen, explain, programs, validate_household, HouseholdError,
RULES_VERSION, LANGUAGES.
"""

from __future__ import annotations

from eligibility.api import evaluate, explain, screen
from eligibility.catalogue import programs
from eligibility.household import Household, HouseholdError, validate_household
from eligibility.i18n import LANGUAGES
from eligibility.version import RULES_VERSION

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
