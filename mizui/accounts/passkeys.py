"""Passkeys (WebAuthn) as a second factor: the ceremonies' options and their verification, server side.

The browser half is static/js/passkeys.js. A page that offers a passkey embeds the options and keeps their
challenge in the session; the form that answers consumes it, so each challenge is good once and for five minutes.
"""

from __future__ import annotations

import ipaddress
import json
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    parse_authentication_credential_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from mizui.accounts.models import Passkey, User
from mizui.lib.crypto import blind_index

CHALLENGE = "mizui_webauthn_challenge"
CHALLENGE_SECONDS = 5 * 60


class PasskeyError(Exception):
    """The browser's answer did not verify: wrong challenge, origin, key or signature, or a stale page."""


def rp_id() -> str:
    """WEBAUTHN_RP_ID, or the host of SITE_ROOT; an IP address (a laptop's demo) becomes localhost."""
    if settings.WEBAUTHN_RP_ID:
        return str(settings.WEBAUTHN_RP_ID)
    host = urlsplit(str(settings.SITE_ROOT)).hostname or "localhost"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return "localhost"  # browsers refuse an IP address as a passkey's domain


def _host(request: HttpRequest) -> str:
    return urlsplit(f"//{request.get_host()}").hostname or ""


def available(request: HttpRequest) -> bool:
    """Browsers offer a passkey only on its domain or a subdomain of it."""
    host, domain = _host(request), rp_id()
    return host == domain or host.endswith(f".{domain}")


def _origin(request: HttpRequest) -> str:
    # The host passed ALLOWED_HOSTS; a page elsewhere cannot obtain a signature for our domain anyway.
    return f"{request.scheme}://{request.get_host()}"


def _user_handle(user: User) -> bytes:
    """A stable, opaque id for the authenticator (WebAuthn asks that it reveal nothing about the person)."""
    return bytes.fromhex(blind_index(str(user.pk), "webauthn-user-handle"))[:32]


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    known = {t.value for t in AuthenticatorTransport}
    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(p.credential_id),
            transports=[AuthenticatorTransport(t) for t in p.transports if t in known],
        )
        for p in Passkey.objects.filter(user=user).order_by("pk")
    ]


def _remember(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE] = {"purpose": purpose, "challenge": bytes_to_base64url(challenge), "at": time.time()}


def _take(request: HttpRequest, purpose: str) -> bytes:
    """The challenge of the page just shown, removed from the session so it cannot be answered twice."""
    stored = request.session.pop(CHALLENGE, None)
    if not stored or stored.get("purpose") != purpose or time.time() - float(stored["at"]) > CHALLENGE_SECONDS:
        raise PasskeyError("no fresh challenge")
    return base64url_to_bytes(stored["challenge"])


def _as_dict(options_json: str) -> dict[str, Any]:
    """For the page's json_script (base64url strings; static/js/passkeys.js turns them into bytes)."""
    options: dict[str, Any] = json.loads(options_json)
    return options


def registration_options(request: HttpRequest, user: User) -> dict[str, Any]:
    options = generate_registration_options(
        rp_id=rp_id(),
        rp_name=str(settings.OTP_TOTP_ISSUER),
        user_name=user.email,
        user_id=_user_handle(user),
        user_display_name=user.full_name or user.email,
        timeout=CHALLENGE_SECONDS * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),  # the same phone twice would only confuse
    )
    _remember(request, "register", options.challenge)
    return _as_dict(options_to_json(options))


def register(request: HttpRequest, user: User, *, credential: str, name: str) -> Passkey:
    challenge = _take(request, "register")
    try:
        parsed = parse_registration_credential_json(credential)
        verified = verify_registration_response(
            credential=parsed, expected_challenge=challenge, expected_rp_id=rp_id(), expected_origin=_origin(request)
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise PasskeyError(str(error)) from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise PasskeyError("credential already registered")
    passkey: Passkey = Passkey.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t.value) for t in parsed.response.transports or []],
    )
    return passkey


def authentication_options(request: HttpRequest, user: User) -> dict[str, Any]:
    options = generate_authentication_options(
        rp_id=rp_id(),
        timeout=CHALLENGE_SECONDS * 1000,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _remember(request, "login", options.challenge)
    return _as_dict(options_to_json(options))


def authenticate(request: HttpRequest, user: User, *, credential: str) -> Passkey:
    """The user's passkey that signed this session's challenge; its signature counter moves on."""
    challenge = _take(request, "login")
    try:
        parsed = parse_authentication_credential_json(credential)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise PasskeyError(str(error)) from error
    with transaction.atomic():
        passkey = (
            Passkey.objects.select_for_update()
            .filter(user=user, credential_id=bytes_to_base64url(parsed.raw_id))
            .first()
        )
        if passkey is None:
            raise PasskeyError("not one of this user's passkeys")
        try:
            verified = verify_authentication_response(
                credential=parsed,
                expected_challenge=challenge,
                expected_rp_id=rp_id(),
                expected_origin=_origin(request),
                credential_public_key=bytes(passkey.public_key),
                credential_current_sign_count=passkey.sign_count,
            )
        except (WebAuthnException, ValueError, KeyError, TypeError) as error:
            raise PasskeyError(str(error)) from error
        passkey.sign_count = verified.new_sign_count
        passkey.last_used_at = timezone.now()
        passkey.save(update_fields=["sign_count", "last_used_at"])
    return passkey
