"""Run feature suites and report which matrix cells and rules their passing scenarios prove.

A scenario declares what it proves through its Examples columns (``condition`` or
``trigger type`` with ``phase`` for a matrix cell, ``rule`` for a code; docs/scenarios.md,
"Declaring what a scenario proves"). A cell is covered when at least one scenario
proving it passed on every engine it ran on.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.bdd._record import records_of
from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.policy._cells import (
    AUTHORITY,
    DECISION,
    Cell,
    all_cells,
    authority_columns,
    authority_row_for,
    column_for,
    decision_columns,
    decision_row_for,
)

ENGINE_PARAM = "gatekeeper_engine_name"
EXAMPLE_PARAM = "_pytest_bdd_example"


@dataclass
class ScenarioRun:
    """One scenario (one Examples row), over all the engines it ran on."""

    name: str
    nodeid: str
    example: dict[str, str]
    outcomes: dict[str, str] = field(default_factory=dict)
    gates: set[tuple[str, str | None]] = field(default_factory=set)
    cells: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    observed: set[tuple[str, str]] = field(default_factory=set)
    findings: set[tuple[str, str, str, str]] = field(default_factory=set)
    feature: str = ""

    @property
    def outcome(self) -> str:
        """failed if any engine failed; passed if one passed and none failed; else skipped."""
        values = set(self.outcomes.values())
        if "failed" in values:
            return "failed"
        return "passed" if "passed" in values else "skipped"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "nodeid": self.nodeid,
            "feature": self.feature,
            "outcome": self.outcome,
            "engines": dict(sorted(self.outcomes.items())),
            "cells": self.cells,
            "rules": self.rules,
            "observed": sorted(f"{gate}:{code}" for gate, code in self.observed),
            "example": self.example,
        }


@dataclass
class CellCoverage:
    """A cell and the scenarios that prove it (passing ones, and failing ones)."""

    cell: Cell
    passing: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.passing)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.cell.as_dict(),
            "covered": self.covered,
            "scenarios": self.passing,
            "failing_scenarios": self.failing,
        }


@dataclass
class CoverageReport:
    """The result of a scenario run: cells, rules, scenarios and the pytest exit status."""

    policy_revision: str
    engines: list[str]
    cells: list[CellCoverage]
    scenarios: list[ScenarioRun]
    rules: dict[str, list[str]]
    pytest_exit_code: int
    undeclared_cells: list[str] = field(default_factory=list)

    @property
    def uncovered(self) -> list[Cell]:
        return [c.cell for c in self.cells if not c.covered]

    @property
    def failed(self) -> list[ScenarioRun]:
        return [s for s in self.scenarios if s.outcome == "failed"]

    def count(self, matrix: str) -> tuple[int, int]:
        """(covered, total) cells of ``matrix``."""
        cells = [c for c in self.cells if c.cell.matrix == matrix]
        return sum(c.covered for c in cells), len(cells)

    @property
    def ok(self) -> bool:
        return (
            not self.uncovered
            and not self.failed
            and self.pytest_exit_code in (0, 5)
            and bool(self.scenarios)
        )

    def as_dict(self) -> dict[str, Any]:
        outcomes = [s.outcome for s in self.scenarios]
        return {
            "policy_revision": self.policy_revision,
            "engines": self.engines,
            "ok": self.ok,
            "summary": {
                "scenarios": len(self.scenarios),
                "passed": outcomes.count("passed"),
                "failed": outcomes.count("failed"),
                "skipped": outcomes.count("skipped"),
                "decision_cells": list(self.count(DECISION)),
                "authority_cells": list(self.count(AUTHORITY)),
                "uncovered": [c.key for c in self.uncovered],
            },
            "cells": [c.as_dict() for c in self.cells],
            "rules": {code: names for code, names in sorted(self.rules.items())},
            "scenarios": [s.as_dict() for s in self.scenarios],
            "undeclared_cells": self.undeclared_cells,
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")


class _Collector:
    """pytest plugin that records each scenario's outcome per engine and what it evaluated."""

    def __init__(self) -> None:
        self.runs: dict[str, ScenarioRun] = {}

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Keep the Gherkin scenarios only (a suite folder may hold other tests)."""
        kept = [item for item in items if _is_scenario(item)]
        dropped = [item for item in items if not _is_scenario(item)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        report = yield
        callspec = getattr(item, "callspec", None)
        params: Mapping[str, Any] = callspec.params if callspec is not None else {}
        engine = str(params.get(ENGINE_PARAM, "-"))
        example = params.get(EXAMPLE_PARAM) or {}
        base = item.nodeid.split("[")[0]
        if example:
            base += json.dumps(example, sort_keys=True)
        run = self.runs.get(base)
        if run is None:
            run = ScenarioRun(
                _scenario_name(item),
                item.nodeid.split("[")[0],
                {str(k): str(v) for k, v in example.items()},
                feature=_feature_file(item),
            )
            self.runs[base] = run
        previous = run.outcomes.get(engine)
        if report.failed or previous == "failed":
            run.outcomes[engine] = "failed"
        elif report.skipped and previous != "passed":
            run.outcomes[engine] = "skipped"
        elif report.when == "call" and report.passed:
            run.outcomes[engine] = "passed"
        if report.when == "call":
            for record in records_of(item):
                run.gates.add((record.gate, record.profile))
                found = _findings(record.gate, record.decision)
                run.findings.update(found)
                run.observed.update((gate, code) for gate, code, _, _ in found)
        return report


def _findings(gate: str, decision: Mapping[str, Any]) -> set[tuple[str, str, str, str]]:
    """(gate, code, severity, action) of each violation and warning of a decision."""
    action = str(decision.get("action", ""))
    found: set[tuple[str, str, str, str]] = set()
    for kind in ("violations", "warnings"):
        items = decision.get(kind)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "code" in item:
                effect = action if kind == "violations" else "warning"
                found.add((gate, str(item["code"]), str(item.get("severity", "")), effect))
    return found


def _template(item: pytest.Item) -> Any:
    """pytest-bdd's scenario template of ``item`` (None when it is not a scenario)."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    function = getattr(item, "function", None)
    return scenario_wrapper_template_registry.get(function) if function is not None else None


def _is_scenario(item: pytest.Item) -> bool:
    return _template(item) is not None


def _feature_file(item: pytest.Item) -> str:
    """The file name of the feature a scenario item comes from ("" when not a scenario)."""
    template = _template(item)
    return Path(template.feature.filename).name if template is not None else ""


def _scenario_name(item: pytest.Item) -> str:
    """``feature.feature: <the outline name, rendered> (<the row's other values>)``."""
    from pytest_bdd.parser import PARAM_RE, render_string

    template = _template(item)
    callspec = getattr(item, "callspec", None)
    example = dict(callspec.params.get(EXAMPLE_PARAM) or {}) if callspec is not None else {}
    if template is None:
        return item.name
    used = set(PARAM_RE.findall(template.name))
    name = f"{Path(template.feature.filename).name}: {render_string(template.name, example)}"
    rest = [f"{k}={v}" for k, v in example.items() if k not in used]
    return f"{name} ({'; '.join(rest)})" if rest else name


def _column(value: str, columns: Sequence[int]) -> int | None:
    try:
        percent = float(value.strip().rstrip("%"))
    except ValueError:
        return None
    return column_for(percent, columns)


def _example_value(example: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        for key, value in example.items():
            if key.strip().lower().replace("_", " ") == name:
                return value
    return None


def attribute(runs: Sequence[ScenarioRun], data: Mapping[str, Any]) -> list[str]:
    """Fill each run's ``cells`` and ``rules`` from its Examples row; return declaration errors."""
    problems: list[str] = []
    matrices = (
        (DECISION, "condition", decision_row_for, decision_columns(data), "decision-matrix cell"),
        (AUTHORITY, "trigger type", authority_row_for, authority_columns(data), "authority cell"),
    )
    for run in runs:
        phase = _example_value(run.example, "phase")
        rule = _example_value(run.example, "rule")
        if rule:
            run.rules.append(rule.strip())
        asked = {DECISION: ("rollout", "decision-matrix") in run.gates}
        asked[AUTHORITY] = any(gate == "approval" for gate, _ in run.gates)
        for matrix, key, row_for, columns, what in matrices:
            value = _example_value(run.example, key)
            if phase is None or value is None or not asked[matrix]:
                continue
            row, column = row_for(data, value), _column(phase, columns)
            if row is None or column is None:
                problems.append(f"{run.name}: no {what} for {value!r} at {phase}")
            else:
                run.cells.append(f"{matrix}:{row}@{column}")
    return problems


def build_report(
    runs: Sequence[ScenarioRun],
    data: Mapping[str, Any],
    revision: str,
    engines: Sequence[str],
    exit_code: int,
) -> CoverageReport:
    """The coverage of every cell in ``data`` by ``runs``."""
    problems = attribute(runs, data)
    cells = [CellCoverage(cell) for cell in all_cells(data)]
    by_key = {c.cell.key: c for c in cells}
    rules: dict[str, list[str]] = {}
    for run in runs:
        for key in run.cells:
            coverage = by_key.get(key)
            if coverage is None:
                problems.append(f"{run.name}: cell {key} is not in the policy data")
                continue
            (coverage.passing if run.outcome == "passed" else coverage.failing).append(run.name)
        if run.outcome == "passed":
            for code in run.rules:
                rules.setdefault(code, []).append(run.name)
    return CoverageReport(revision, list(engines), cells, list(runs), rules, exit_code, problems)


def _entry_point_registered() -> bool:
    from importlib.metadata import entry_points

    return any(ep.value == "gatekeeper.bdd.plugin" for ep in entry_points(group="pytest11"))


def _binding_module(features: Path, folder: Path) -> Path:
    """A test module binding every feature below ``features`` (for a bare features folder)."""
    module = folder / "test_gatekeeper_features.py"
    module.write_text(
        "from pytest_bdd import scenarios\n\n"
        f"scenarios({str(features.resolve())!r}, features_base_dir={str(features.resolve())!r})\n",
        encoding="utf-8",
    )
    return module


def default_path() -> Path:
    """``tests/features`` or ``features`` in the working folder, else the shipped suites."""
    from gatekeeper.policy._files import shipped_folder

    for candidate in (Path("tests/features"), Path("features")):
        if candidate.exists():
            return candidate
    return shipped_folder("features")


def run_scenarios(
    path: str | Path | None = None,
    engine: str | Sequence[str] = "embedded",
    policy_dir: str | Path | None = None,
    data: Sequence[str | Path] = (),
    pytest_args: Sequence[str] = (),
    plugins: Sequence[object] = (),
) -> CoverageReport:
    """Run the scenarios below ``path`` on ``engine`` (one or several) and report coverage.

    ``path`` is a folder or module of pytest-bdd tests (``tests/features``), or a folder
    of ``.feature`` files, bound on the fly. The cells come from the policy data of
    ``policy_dir`` plus ``data`` files; ``plugins`` are extra pytest plugin objects.
    Raises ``GatekeeperError`` when pytest cannot run.
    """
    from gatekeeper.policy._files import load_policy_set

    target = Path(path) if path is not None else default_path()
    if not target.exists():
        raise GatekeeperError(f"scenarios: {target} does not exist")
    policy = load_policy_set(Path(policy_dir) if policy_dir else None, [Path(p) for p in data])
    engines = [engine] if isinstance(engine, str) else list(engine)
    args = [*pytest_args, "-p", "no:cacheprovider"]
    if not _entry_point_registered():
        args += ["-p", "gatekeeper.bdd.plugin"]
    for name in engines:
        args += ["--gatekeeper-engine", name]
    args += ["--gatekeeper-policy-dir", str(policy.root)]
    for extra in data:
        args += ["--gatekeeper-data", str(extra)]
    collector = _Collector()
    with tempfile.TemporaryDirectory(prefix="gatekeeper-scenarios-") as scratch:
        features = [target] if target.suffix == ".feature" else sorted(target.rglob("*.feature"))
        has_tests = target.suffix == ".py" or any(target.rglob("test_*.py"))
        if features and not has_tests:
            folder = target if target.is_dir() else target.parent
            run_target = _binding_module(folder, Path(scratch))
            args += ["--rootdir", str(Path.cwd()), "-o", f"bdd_features_base_dir={folder}"]
        else:
            run_target = target
        exit_code = int(pytest.main([*args, str(run_target)], plugins=[collector, *plugins]))
    if exit_code in (2, 3, 4):
        raise GatekeeperError(
            f"scenarios: pytest could not run the suites in {target} (exit {exit_code})"
        )
    runs = list(collector.runs.values())
    return build_report(runs, policy.data, policy.revision, engines, exit_code)


def format_table(report: CoverageReport) -> str:
    """The coverage table as text: one line per cell with the scenarios that prove it."""
    lines: list[str] = []
    for matrix, title in ((DECISION, "Decision matrix"), (AUTHORITY, "Decision-authority matrix")):
        covered, total = report.count(matrix)
        lines.append(f"{title}: {covered}/{total} cells covered")
        for coverage in (c for c in report.cells if c.cell.matrix == matrix):
            cell = coverage.cell
            mark = "ok  " if coverage.covered else "MISS"
            lines.append(
                f"  {mark} {cell.row_label} @ {cell.column}% -> {cell.expected}"
                f"  [{len(coverage.passing)} scenario(s)]"
            )
            lines += [f"         - {name}" for name in coverage.passing]
            lines += [f"         x FAILED {name}" for name in coverage.failing]
        lines.append("")
    outcomes = [s.outcome for s in report.scenarios]
    lines.append(
        f"Scenarios: {len(outcomes)} ({outcomes.count('passed')} passed, "
        f"{outcomes.count('failed')} failed, {outcomes.count('skipped')} skipped) "
        f"on {', '.join(report.engines)}; policy {report.policy_revision}"
    )
    lines += [f"warning: {problem}" for problem in report.undeclared_cells]
    lines += [
        f"UNCOVERED: {cell.key} ({cell.row_label} at {cell.column}%): no passing scenario"
        for cell in report.uncovered
    ]
    lines += [f"FAILED: {run.name}" for run in report.failed]
    return "\n".join(lines)
