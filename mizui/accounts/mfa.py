"""Second factors: an authenticator app (TOTP), passkeys (passkeys.py) and single-use recovery codes.

A copy of the database reveals none of them: TOTP secrets are encrypted with the field-encryption keys, recovery
codes are kept as keyed hashes, and a passkey is only a public key.

Wrong codes are limited per (user, client address), never per account alone, so nobody can lock the real user
out by typing wrong codes elsewhere (ASVS 6.3.1, NIST 800-63B 5.2.2):
- from one address, five wrong codes are free; then each try waits 30 s, doubling up to 15 minutes, never more;
- from addresses where the user has not passed the second factor lately, all wrong codes together are capped at
  ACCOUNT_CEILING a day; past it those addresses wait, while the user's familiar addresses and passkeys (which
  cannot be guessed) still get in.
"""

from __future__ import annotations

import secrets
import time
from base64 import b32encode
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Sum
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login

from mizui.accounts.models import (
    Passkey,
    RecoveryCode,
    RecoveryCodeDevice,
    SecondFactorThrottle,
    TOTPDevice,
    User,
    recovery_code_digest,
)
from mizui.lib.clientip import client_ip
from mizui.lib.crypto import blind_index

RECOVERY_CODE_COUNT = 10
# 12 characters of 31 (no 0/o, 1/i/l): 59 bits each, beyond offline guessing even with the hashing key.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 12
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"

FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 15 * 60
ACCOUNT_CEILING = 50
CEILING_WINDOW = timedelta(hours=24)
FAMILIAR_FOR = timedelta(days=90)

Factor = TOTPDevice | RecoveryCodeDevice | Passkey

# The session remembers when it last passed a second factor: changing factors needs a recent one (ASVS 7.5.1).
VERIFIED_AT = "mizui_mfa_at"
FRESH_SECONDS = 10 * 60


def is_verified(user: object) -> bool:
    """True when this session passed the second factor (django-otp's OTPMiddleware sets the method)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def is_fresh(request: HttpRequest) -> bool:
    at = request.session.get(VERIFIED_AT)
    return is_verified(request.user) and at is not None and time.time() - float(at) < FRESH_SECONDS


def mark_verified(request: HttpRequest, device: Factor) -> None:
    """This session passed `device`: remember it, under a new session id (ASVS 7.2.4)."""
    otp_login(request, device)
    request.session.cycle_key()
    request.session[VERIFIED_AT] = time.time()


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_passkey(user: User) -> bool:
    return Passkey.objects.filter(user=user).exists()


def has_second_factor(user: User) -> bool:
    """An app or a passkey. Recovery codes alone are not one: they are the way back to one."""
    return has_confirmed_totp(user) or has_passkey(user)


def factor_count(user: User) -> int:
    return int(Passkey.objects.filter(user=user).count()) + (1 if has_confirmed_totp(user) else 0)


# Authenticator app


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device an enrolment shows as a QR code (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def add_totp_device(user: User, *, key: str) -> TOTPDevice:
    """A confirmed device with a known secret (the demo's derivable ones, and tests)."""
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key, confirmed=True)
    return device


def confirm_totp_device(device: TOTPDevice, token: str) -> bool:
    with transaction.atomic():
        if not device.verify_token(token):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return True


def qr_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(config_url(device), error="m").svg_data_uri(scale=5, border=2))


def config_url(device: TOTPDevice) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    issuer = str(settings.OTP_TOTP_ISSUER).replace(":", "")
    label = quote(f"{issuer}:{device.user.email}")
    query = urlencode({"secret": _base32(device), "algorithm": "SHA1", "digits": device.DIGITS})
    return f"otpauth://totp/{label}?{query}&period={device.STEP}&issuer={quote(issuer)}"


def _base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for typing into an app without a camera."""
    secret = _base32(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_code(device: TOTPDevice) -> str:
    """Only for the demo login page (MIZUI_DEMO=1): the code the user's app would show now."""
    return f"{device.totp(time.time()).token():0{device.DIGITS}d}"


# Recovery codes


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones, shown once; only their keyed hashes are stored."""
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        if code not in codes:
            codes.append(code)
    with transaction.atomic():
        device, _ = RecoveryCodeDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
        device.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=recovery_code_digest(user.pk, code)) for code in codes
        )
    return ["-".join(code[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4)) for code in codes]


def recovery_codes_left(user: User) -> int:
    return int(RecoveryCode.objects.filter(device__user=user).count())


# Typed codes, throttled per (user, client address)


@dataclass(frozen=True)
class Refusal:
    seconds: int
    account_wide: bool  # the ceiling over unfamiliar addresses, not this address's own pace


def client_address(request: HttpRequest) -> str:
    """A keyed hash of the client's address, as the access log and the login lockout see it (lib/clientip.py)."""
    return blind_index(client_ip(request) or "unknown", "mfa-address")


def _wait_after(failures: int) -> int:
    if failures < FREE_FAILURES:
        return 0
    return int(min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS))


def refusal(user: User, address: str) -> Refusal | None:
    """Why a code typed now for `user` from `address` would not even be checked, if it would not."""
    now = timezone.now()
    row = SecondFactorThrottle.objects.filter(user=user, address=address).first()
    if row is not None and row.last_failure_at is not None:
        left = _wait_after(row.failures) - (now - row.last_failure_at).total_seconds()
        if left > 0:
            return Refusal(seconds=int(left) + 1, account_wide=False)
    if row is not None and row.verified_at is not None and now - row.verified_at < FAMILIAR_FOR:
        return None
    unfamiliar = SecondFactorThrottle.objects.filter(user=user, last_failure_at__gt=now - CEILING_WINDOW).filter(
        Q(verified_at__isnull=True) | Q(verified_at__lt=now - FAMILIAR_FOR)
    )
    if (unfamiliar.aggregate(total=Sum("failures"))["total"] or 0) < ACCOUNT_CEILING:
        return None
    oldest = unfamiliar.order_by("last_failure_at").values_list("last_failure_at", flat=True).first()
    assert oldest is not None
    return Refusal(seconds=int((oldest + CEILING_WINDOW - now).total_seconds()) + 1, account_wide=True)


def _record(user: User, address: str, *, success: bool) -> None:
    row, _ = SecondFactorThrottle.objects.get_or_create(user=user, address=address)
    if success:
        SecondFactorThrottle.objects.filter(pk=row.pk).update(failures=0, verified_at=timezone.now())
    else:
        SecondFactorThrottle.objects.filter(pk=row.pk).update(
            failures=F("failures") + 1, last_failure_at=timezone.now()
        )


def record_passkey_success(user: User, request: HttpRequest) -> None:
    """A passkey makes its address familiar too, so a later code typed there is not held by the ceiling."""
    _record(user, client_address(request), success=True)


def verify_code(user: User, request: HttpRequest, token: str) -> TOTPDevice | RecoveryCodeDevice | None:
    """The device that accepts `token` (an app's code or a recovery code), counting a miss against the address.

    The caller checks `refusal` first. Devices are locked for the check, so one code cannot pass twice.
    """
    address = client_address(request)
    with transaction.atomic():
        device: TOTPDevice | RecoveryCodeDevice | None
        if token.isdigit() and len(token) == TOTPDevice.DIGITS:  # a recovery code is longer, even if all digits
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        else:
            device = RecoveryCodeDevice.objects.select_for_update().filter(user=user).first()
        accepted = device is not None and device.verify_token(token)
        _record(user, address, success=accepted)
    return device if accepted else None
