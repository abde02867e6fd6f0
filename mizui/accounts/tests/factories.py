"""Second factors for tests."""

from __future__ import annotations

import secrets
from base64 import urlsafe_b64encode

from mizui.accounts.models import Passkey, User


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def make_passkey(user: User, name: str = "הטלפון שלי") -> Passkey:
    """A stored passkey whose private key nobody holds (for pages and access checks, not for signing in)."""
    passkey: Passkey = Passkey.objects.create(
        user=user, name=name, credential_id=b64url(secrets.token_bytes(16)), public_key=b"\x00"
    )
    return passkey
