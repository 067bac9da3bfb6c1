"""``opa test --coverage`` per rule: the share of a rule's evaluated lines that tests reach.

``opa test --coverage --format json`` lists, per file, the covered and not-covered
line ranges. A rule's coverage is the covered share of those lines that fall
inside its definitions (head row to last body row). Without the ``opa`` binary
nothing is measured and the audit says so; it never invents a number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gatekeeper.audit._process import run_tool


@dataclass(frozen=True)
class FileCoverage:
    """Covered and not-covered line numbers of one module."""

    covered: frozenset[int]
    not_covered: frozenset[int]


@dataclass(frozen=True)
class CoverageReport:
    """The result of one ``opa test --coverage`` run over the policy folder."""

    total_percent: float
    files: dict[str, FileCoverage]
    tests_passed: bool
    error: str | None = None

    def for_lines(self, file: str, spans: Iterable[tuple[int, int]]) -> float | None:
        """Coverage (percent) of the lines in ``spans`` of ``file``; None when none evaluate."""
        if self.error is not None:
            return None
        lines = self.files.get(file)
        if lines is None:
            return 0.0
        rows = {row for start, end in spans for row in range(start, end + 1)}
        covered = len(rows & lines.covered)
        missed = len(rows & lines.not_covered)
        if covered + missed == 0:
            return None
        return round(100.0 * covered / (covered + missed), 1)


def _rows(ranges: Any) -> frozenset[int]:
    rows: set[int] = set()
    for item in ranges or []:
        start = int(item["start"]["row"])
        end = int(item["end"]["row"])
        rows.update(range(start, end + 1))
    return frozenset(rows)


def measure(root: Path, opa_binary: str) -> CoverageReport:
    """Run ``opa test --coverage --format json`` on ``root`` (tests included)."""
    command = [opa_binary, "test", "--coverage", "--format", "json", "."]
    completed = run_tool(command, "opa test --coverage", cwd=root, timeout=600)
    try:
        report = json.loads(completed.stdout)
    except ValueError:
        detail = (completed.stderr or completed.stdout).strip()[:2000]
        return CoverageReport(0.0, {}, False, error=f"opa test gave no coverage report: {detail}")
    files: dict[str, FileCoverage] = {}
    for name, entry in (report.get("files") or {}).items():
        relative = Path(name).as_posix().removeprefix("./")
        covered = _rows(entry.get("covered"))
        files[relative] = FileCoverage(covered, _rows(entry.get("not_covered")) - covered)
    return CoverageReport(
        total_percent=float(report.get("coverage", 0.0)),
        files=files,
        tests_passed=completed.returncode == 0,
    )
