"""Audit requirements.lock for known vulnerabilities (pip-audit, PyPI's advisory data), as part of `make test`.

- A known vulnerability in a pinned package fails the run, naming the package, the advisory and the fixed version.
- When the advisory data cannot be reached (no network, a mirror without it), the run goes on and says plainly
  which packages were NOT audited: a gap must be visible, never silent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def main() -> int:
    command = [
        str(Path(sys.executable).parent / "pip-audit"),
        "--requirement",
        str(LOCK),
        "--require-hashes",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "10",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"!! pip-audit could not run; the dependency audit is NOT done:\n{done.stderr.strip()[-2000:]}")
        return 0
    packages = report.get("dependencies", [])
    skipped = [p for p in packages if p.get("skip_reason")]
    vulnerable = [p for p in packages if p.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"VULNERABLE: {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    audited = len(packages) - len(skipped)
    if skipped:
        names = ", ".join(f"{p['name']} {p.get('version', '')}".strip() for p in skipped)
        print(
            f"!! {len(skipped)} of {len(packages)} locked packages were NOT audited (advisory data unreachable): {names}"
        )
    print(
        f"Dependency audit: {audited} of {len(packages)} packages audited, {len(vulnerable)} with known vulnerabilities."
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
