"""The demo, a public key and console messages cannot reach production (DEBUG off)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks
from django.test import SimpleTestCase, override_settings

from mizui.accounts.checks import production_problems

ROOT = Path(__file__).resolve().parents[3]
SAFE = {
    "DEBUG": False,
    "MIZUI_DEMO": False,
    "SECRET_KEY": "a-real-secret-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": ["sVtSp7cD3o3yGm3bSCrvYnIUe0m6yKqL0uNvKf4cCc0="],
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMS_BACKEND": "mizui.lib.messaging.UnconfiguredSMSBackend",
}


def _ids() -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id and m.id.startswith("mizui.")}


class ProductionCheckTests(SimpleTestCase):
    @override_settings(**SAFE)
    def test_a_production_configuration_passes(self) -> None:
        self.assertEqual(production_problems(), [])
        self.assertEqual(_ids(), set())

    @override_settings(**{**SAFE, "MIZUI_DEMO": True})
    def test_demo_mode_without_debug_is_an_error(self) -> None:
        self.assertEqual(_ids(), {"mizui.E001"})

    @override_settings(**{**SAFE, "SECRET_KEY": "dev-only-insecure-key-for-the-demo-never-use-it-in-production-0123"})
    def test_the_demo_key_is_an_error(self) -> None:
        self.assertEqual(_ids(), {"mizui.E002"})

    @override_settings(**{**SAFE, "FIELD_ENCRYPTION_KEYS": []})
    def test_missing_encryption_keys_are_an_error(self) -> None:
        self.assertEqual(_ids(), {"mizui.E003"})

    @override_settings(
        **{
            **SAFE,
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "SMS_BACKEND": "mizui.lib.messaging.ConsoleSMSBackend",
        }
    )
    def test_console_messages_are_an_error(self) -> None:
        self.assertEqual([p[0] for p in production_problems()], ["mizui.E004", "mizui.E004"])

    @override_settings(**{**SAFE, "DEBUG": True, "MIZUI_DEMO": True})
    def test_a_developer_laptop_is_left_alone(self) -> None:
        self.assertEqual(_ids(), set())

    def test_the_web_application_refuses_to_start_in_demo_mode_without_debug(self) -> None:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
        env.update({"MIZUI_DEMO": "1", "DEBUG": "0", "ALLOWED_HOSTS": "mizui.example.org"})
        done = subprocess.run(
            [sys.executable, "-c", "import mizui.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("Mizui refuses to start", done.stderr)
        self.assertIn("MIZUI_DEMO is on with DEBUG off", done.stderr)
        self.assertIn("SECRET_KEY is a public development key", done.stderr)

    def test_the_job_worker_refuses_to_start_in_demo_mode_without_debug(self) -> None:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
        env.update({"MIZUI_DEMO": "1", "DEBUG": "0", "ALLOWED_HOSTS": "mizui.example.org"})
        done = subprocess.run(
            [sys.executable, "manage.py", "worker", "--batch"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("Mizui refuses to start", done.stderr)
