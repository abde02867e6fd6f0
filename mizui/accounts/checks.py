"""What must never run with DEBUG off: the demo, a key anyone can read, messages that go to the console.

`manage.py check --deploy` reports each as an error, and the web application refuses to start with any of them
(mizui/wsgi.py, mizui/asgi.py), so a forgotten `MIZUI_DEMO=1` cannot put public passwords, shown MFA codes and a
hard-coded key in front of residents' data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

# Keys that are public: the demo's fallback (settings.py), Django's generated development keys, the test suite's.
PUBLIC_KEY_PREFIXES = ("dev-only-", "django-insecure", "test-only-")
CONSOLE_BACKENDS = {
    "EMAIL_BACKEND": {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    },
    "SMS_BACKEND": {"mizui.lib.messaging.ConsoleSMSBackend", "mizui.lib.messaging.LocMemSMSBackend"},
}


def production_problems() -> list[tuple[str, str]]:
    """(check id, what is wrong and what to do) for each setting that is unsafe with DEBUG off."""
    if settings.DEBUG:
        return []
    problems = []
    if settings.MIZUI_DEMO:
        problems.append(
            (
                "mizui.E001",
                "MIZUI_DEMO is on with DEBUG off: the demo shows MFA codes and has public passwords. "
                "Unset MIZUI_DEMO in production.",
            )
        )
    if str(settings.SECRET_KEY).startswith(PUBLIC_KEY_PREFIXES):
        problems.append(("mizui.E002", "SECRET_KEY is a public development key. Set a secret one (SECRET_KEY_FILE)."))
    if not [k for k in settings.FIELD_ENCRYPTION_KEYS if k]:
        problems.append(
            ("mizui.E003", "FIELD_ENCRYPTION_KEYS is not set: personal data would be stored without encryption.")
        )
    for name, console in CONSOLE_BACKENDS.items():
        if getattr(settings, name, "") in console:
            problems.append(
                (
                    "mizui.E004",
                    f"{name} is {getattr(settings, name)}: messages to residents and partners would go nowhere. "
                    "Configure a real backend (docs/configuration.md).",
                )
            )
    return problems


@register(Tags.security, deploy=True)
def check_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [Error(message, id=check_id) for check_id, message in production_problems()]


def refuse_unsafe_production() -> None:
    """Called as the web application starts: with DEBUG off, any problem above stops it with the list."""
    problems = production_problems()
    if problems and not settings.TESTING:
        raise ImproperlyConfigured("Mizui refuses to start:\n" + "\n".join(f"- {m}" for _, m in problems))
