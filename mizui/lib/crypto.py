"""Field encryption for especially sensitive data (names, phones, ID numbers, incomes, notes).

Fernet (AES-128-CBC + HMAC-SHA256) with keys from FIELD_ENCRYPTION_KEYS (comma-separated, newest first, so
keys can rotate); `blind_index` gives a keyed HMAC for exact search without storing the plaintext.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


def _derive(secret: str, purpose: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(f"{purpose}:{secret}".encode()).digest())


@cache
def _fernet() -> MultiFernet:
    keys: list[str] = [k for k in settings.FIELD_ENCRYPTION_KEYS if k]
    relaxed = bool(settings.DEBUG) or bool(settings.MIZUI_DEMO) or bool(settings.TESTING)
    if not keys and not relaxed:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set; see docs/configuration.md.")
    if not keys:  # development, demo and tests derive a key from SECRET_KEY
        keys = [_derive(settings.SECRET_KEY, "field-encryption").decode()]
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    """The field keys, newest first: what encrypts fields here and files in lib/filecrypt.py."""
    return _fernet()


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FIELD_ENCRYPTION_KEYS", "SECRET_KEY"}:  # tests that change the keys
        _fernet.cache_clear()


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("cannot decrypt a field: wrong FIELD_ENCRYPTION_KEYS?") from None


def _blind_key(purpose: str) -> bytes:
    return _derive(settings.BLIND_INDEX_KEY or settings.SECRET_KEY, f"blind-index:{purpose}")


def blind_index(value: str, purpose: str) -> str:
    """A keyed hash for exact-match search (ID number, phone) that reveals nothing without the key."""
    return hmac.new(_blind_key(purpose), value.encode(), hashlib.sha256).hexdigest()


def blind_indexer(purpose: str) -> Callable[[str], str]:
    """`blind_index` for one purpose, its key derived once: for imports that hash millions of values."""
    base = hmac.new(_blind_key(purpose), digestmod=hashlib.sha256)

    def index(value: str) -> str:
        h = base.copy()
        h.update(value.encode())
        return h.hexdigest()

    return index


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Stored encrypted; read and written as plain text by the application."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))
