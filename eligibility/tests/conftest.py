"""Collect the rules' YAML cases (eligibility/tests/**/*.yaml) as pytest items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eligibility.testing import load_cases, run_case


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and "tests" in file_path.parts:
        return YamlFile.from_parent(parent, path=file_path)
    return None


class YamlFile(pytest.File):
    def collect(self) -> Any:
        for index, case in enumerate(load_cases(self.path)):
            yield YamlCase.from_parent(self, name=f"{index}: {case['name']}", case=case)


class YamlCase(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        errors = run_case(self.case)
        if errors:
            raise YamlCaseError(errors)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, YamlCaseError):
            return f"{self.case['name']}\n  " + "\n  ".join(excinfo.value.errors)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, self.name


class YamlCaseError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
