"""Existing second factors move from django-otp's plugin tables to accounts' own, and the plugin tables go.

TOTP secrets are written again through the encrypted field; recovery codes keep working, now stored as keyed
hashes. The old tables are dropped rather than emptied, so their plaintext leaves the database's files too (an
emptied PostgreSQL table keeps dead rows until it is vacuumed). A hash does not give the code back and the old
tables are gone, so this migration is irreversible: restore a backup to go back.
"""

import base64
import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import migrations
from django.utils import timezone

TOTP_TABLE = "otp_totp_totpdevice"
STATIC_DEVICE_TABLE = "otp_static_staticdevice"
STATIC_TOKEN_TABLE = "otp_static_statictoken"


def recovery_code_digest(user_id, code):
    """A copy of mizui.accounts.models.recovery_code_digest (migrations import no mizui code)."""
    secret = settings.BLIND_INDEX_KEY or settings.SECRET_KEY
    key = base64.urlsafe_b64encode(hashlib.sha256(f"blind-index:recovery-code:{secret}".encode()).digest())
    normalized = "".join(code.split()).replace("-", "").lower()
    return hmac.new(key, f"{user_id}:{normalized}".encode(), hashlib.sha256).hexdigest()


def _copy_totp_devices(apps, cursor):
    TOTPDevice = apps.get_model("accounts", "TOTPDevice")
    cursor.execute(
        f"SELECT user_id, name, confirmed, key, step, t0, digits, drift, last_t, created_at, last_used_at FROM {TOTP_TABLE}"
    )
    for user_id, name, confirmed, key, step, t0, digits, drift, last_t, created_at, last_used_at in cursor.fetchall():
        if (step, t0, digits) != (30, 0, 6):
            # Mizui only ever made 30-second, 6-digit devices; anything else would stop working silently.
            raise RuntimeError(f"a TOTP device of user {user_id} has step {step}, t0 {t0}, {digits} digits")
        device = TOTPDevice.objects.create(  # the field encrypts the hex secret on the way in
            user_id=user_id, name=name, confirmed=confirmed, key=key, drift=drift, last_t=last_t
        )
        TOTPDevice.objects.filter(pk=device.pk).update(created_at=_aware(created_at), last_used_at=_aware(last_used_at))


def _aware(value):
    # SQLite hands raw timestamps back without a zone (they are stored in UTC).
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, dt.timezone.utc)
    return value


def _copy_recovery_codes(apps, cursor):
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    cursor.execute(
        f"SELECT d.user_id, t.token FROM {STATIC_TOKEN_TABLE} t JOIN {STATIC_DEVICE_TABLE} d ON d.id = t.device_id"
    )
    codes_by_user = {}
    for user_id, token in cursor.fetchall():
        codes_by_user.setdefault(user_id, set()).add(recovery_code_digest(user_id, token))
    for user_id, digests in codes_by_user.items():
        device, _ = RecoveryCodeDevice.objects.get_or_create(user_id=user_id, name="recovery")
        RecoveryCode.objects.bulk_create(RecoveryCode(device=device, digest=digest) for digest in sorted(digests))


def forward(apps, schema_editor):
    connection = schema_editor.connection
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if TOTP_TABLE in tables:
            _copy_totp_devices(apps, cursor)
        if {STATIC_DEVICE_TABLE, STATIC_TOKEN_TABLE} <= tables:
            _copy_recovery_codes(apps, cursor)
    for table in (STATIC_TOKEN_TABLE, STATIC_DEVICE_TABLE, TOTP_TABLE):
        if table in tables:
            schema_editor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    # The plugins are no longer installed; without their records a later reinstall starts from a clean table.
    schema_editor.execute("DELETE FROM django_migrations WHERE app IN ('otp_totp', 'otp_static')")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_second_factors"),
    ]

    operations = [
        # No reverse_code: irreversible on purpose (see the module's docstring).
        migrations.RunPython(forward, reverse_code=None, elidable=False),
    ]
