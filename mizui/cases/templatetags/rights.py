"""`{{ text|rights_named }}`: a stored text (a task's title, a timeline entry written before rights were named) with
any right's id replaced by its name in the page's language: a caseworker reads "income support", never
`income_support`."""

from __future__ import annotations

import functools
import re

from django import template
from django.utils.translation import get_language

import eligibility

register = template.Library()
WORD = re.compile(r"\b[a-z][a-z0-9_]*\b")


@functools.cache
def _names(lang: str) -> dict[str, str]:
    return {p["id"]: str(p["label"]) for p in eligibility.programs(lang)}


@register.filter
def rights_named(text: str) -> str:
    names = _names(get_language() or "he")
    return WORD.sub(lambda m: names.get(m.group(0), m.group(0)), str(text))
