"""RULES_VERSION = package version + git SHA, found without running git or importing anything heavy."""

from __future__ import annotations

import os
from pathlib import Path

__version__ = "0.1.0"


def _git_sha(start: Path) -> str | None:
    for folder in (start, *start.parents):
        git = folder / ".git"
        if git.is_file():  # a worktree: "gitdir: <path>"
            text = git.read_text(encoding="utf-8").strip()
            git = (folder / text.removeprefix("gitdir:").strip()).resolve()
        if not git.is_dir():
            continue
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head[:12] or None
        ref = head.removeprefix("ref:").strip()
        common = git / "commondir"
        roots = [git, (git / common.read_text(encoding="utf-8").strip()).resolve()] if common.is_file() else [git]
        for root in roots:
            loose = root / ref
            if loose.is_file():
                return loose.read_text(encoding="utf-8").strip()[:12]
            packed = root / "packed-refs"
            if packed.is_file():
                for line in packed.read_text(encoding="utf-8").splitlines():
                    if line.endswith(" " + ref):
                        return line.split(" ", 1)[0][:12]
        return None
    return None


def rules_version() -> str:
    try:
        sha = os.environ.get("MIZUI_GIT_SHA") or _git_sha(Path(__file__).resolve().parent)
    except OSError:
        sha = None
    return f"{__version__}+{sha or 'dev'}"


RULES_VERSION = rules_version()
