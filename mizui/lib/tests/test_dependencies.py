"""requirements.lock pins, with hashes, every dependency pyproject.toml declares (so `make` installs what was
locked, and a dependency added without `make lock` is caught here)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[3]


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


class LockTests(SimpleTestCase):
    def test_every_declared_dependency_is_pinned_with_hashes(self) -> None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        declared = {_name(r) for r in project["dependencies"]}
        for extra in project["optional-dependencies"].values():
            declared |= {_name(r) for r in extra}
        lock = (ROOT / "requirements.lock").read_text()
        pinned = {
            m.group(1).lower() for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==\S+ \\\n\s+--hash=sha256:", lock, re.M)
        }
        self.assertEqual(sorted(declared - pinned), [])
        unhashed = [line for line in lock.splitlines() if "==" in line and not line.rstrip().endswith("\\")]
        self.assertEqual(unhashed, [])
