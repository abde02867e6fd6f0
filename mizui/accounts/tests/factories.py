"""Second factors for tests: a software passkey (an EC key pair the test holds) and helpers to use it."""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from base64 import urlsafe_b64encode
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from mizui.accounts.models import Passkey, User


def b64url(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftwareAuthenticator:
    """What a phone's passkey does, in Python: "none" attestation, an ES256 key, a signature counter."""

    def __init__(self, rp_id: str = "localhost", origin: str = "http://localhost") -> None:
        self.rp_id = rp_id
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.sign_count = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin}).encode()

    def _auth_data(self, flags: int, extra: bytes = b"") -> bytes:
        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.sign_count) + extra

    def create(self, options: dict[str, Any]) -> str:
        """The browser's answer to navigator.credentials.create(), as passkeys.js serializes it."""
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_key()
        auth_data = self._auth_data(0x45, attested)  # user present, user verified, attested credential data
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        response = {
            "clientDataJSON": b64url(self._client_data("webauthn.create", options["challenge"])),
            "attestationObject": b64url(attestation),
            "transports": ["internal"],
        }
        return self._credential(response)

    def get(self, options: dict[str, Any]) -> str:
        """The browser's answer to navigator.credentials.get()."""
        self.sign_count += 1
        auth_data = self._auth_data(0x05)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        response = {
            "clientDataJSON": b64url(client_data),
            "authenticatorData": b64url(auth_data),
            "signature": b64url(signature),
        }
        return self._credential(response)

    def _credential(self, response: dict[str, Any]) -> str:
        credential_id = b64url(self.credential_id)
        return json.dumps(
            {
                "id": credential_id,
                "rawId": credential_id,
                "type": "public-key",
                "response": response,
                "clientExtensionResults": {},
            }
        )


def make_passkey(user: User, name: str = "הטלפון שלי") -> Passkey:
    """A stored passkey whose private key nobody holds (for pages and access checks, not for signing in)."""
    passkey: Passkey = Passkey.objects.create(
        user=user, name=name, credential_id=b64url(secrets.token_bytes(16)), public_key=b"\x00"
    )
    return passkey
