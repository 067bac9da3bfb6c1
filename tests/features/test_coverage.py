"""The coverage of matrix cells: cells come from the policy data, scenarios declare them."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.bdd._inputs import GateInput
from gatekeeper.bdd._phrases import parse_percent, roles_of
from gatekeeper.bdd.coverage import ScenarioRun, build_report
from gatekeeper.policy._cells import (
    all_cells,
    authority_cells,
    column_for,
    decision_cells,
    decision_row_for,
)
from gatekeeper.policy._files import PolicySet

REPO = Path(__file__).resolve().parents[2]


def test_cells_are_read_from_the_policy_data(policy_set: PolicySet) -> None:
    cells = decision_cells(policy_set.data)
    assert len(cells) == 20
    assert len(authority_cells(policy_set.data)) == 16
    cell = next(c for c in cells if c.key == "decision:quality_regression@5")
    assert cell.expected == "manual_decision (10 min)"
    data: dict[str, Any] = copy.deepcopy(dict(policy_set.data))
    rows = data["gatekeeper"]["profiles"]["rollout"]["decision-matrix"]["matrix"]["rows"]
    rows["new_trigger"] = {"label": "new trigger", "cells": {}}
    assert len(decision_cells(data)) == 24
    del data["gatekeeper"]["authority"]["matrix"]["business"]
    assert len(authority_cells(data)) == 12


def test_a_condition_names_its_row_by_key_or_label(policy_set: PolicySet) -> None:
    assert decision_row_for(policy_set.data, "critical error rate") == "critical_error_rate"
    assert decision_row_for(policy_set.data, "nDCG@10 drop") == "quality_regression"
    assert decision_row_for(policy_set.data, "sunspots") is None


@pytest.mark.parametrize(("percent", "column"), [(1, 5), (5, 5), (10, 25), (30, 50), (75, 100)])
def test_a_phase_goes_to_the_next_column_up(percent: float, column: int) -> None:
    assert column_for(percent, [5, 25, 50, 100]) == column


def test_a_cell_without_a_passing_scenario_is_uncovered(policy_set: PolicySet) -> None:
    passing = ScenarioRun("a", "a", {"condition": "gate failure", "phase": "10"}, {"e": "passed"})
    passing.gates.add(("rollout", "decision-matrix"))
    failing = ScenarioRun("b", "b", {"condition": "gate failure", "phase": "50"}, {"e": "failed"})
    failing.gates.add(("rollout", "decision-matrix"))
    wrong_gate = ScenarioRun(
        "c", "c", {"trigger type": "quality gate", "phase": "5"}, {"e": "passed"}
    )
    wrong_gate.gates.add(("rollout", "decision-matrix"))
    report = build_report([passing, failing, wrong_gate], policy_set.data, "r", ["e"], 1)
    covered = {c.cell.key for c in report.cells if c.covered}
    assert covered == {"decision:gate_failure@25"}
    assert len(report.uncovered) == len(all_cells(policy_set.data)) - 1
    assert not report.ok
    by_key = {c.cell.key: c for c in report.cells}
    assert by_key["decision:gate_failure@50"].failing == ["b"]


def test_percentages_are_exact_decimals() -> None:
    assert parse_percent("0.5%") == 0.005
    assert parse_percent("0.7%") == 0.007
    assert roles_of("the QA DRI and the Sprint DRI") == ["QA DRI", "Sprint DRI"]


def test_a_held_value_replaces_the_trailing_intervals() -> None:
    gate_input = GateInput("rollout", {"interval_seconds": 30}, history_minutes=3)
    gate_input.add_series(("canary", "error_rate"), 0.001)
    gate_input.hold(("canary", "error_rate"), 0.007, 90)
    assert gate_input.render()["canary"]["error_rate"] == [0.001] * 3 + [0.007] * 3


def test_the_command_names_every_uncovered_cell(tmp_path: Path) -> None:
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(REPO / "features" / "authority_matrix.feature", features)
    out = tmp_path / "coverage.json"
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "scenarios", str(features), "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Decision-authority matrix: 16/16 cells covered" in completed.stdout
    assert "Decision matrix: 0/20 cells covered" in completed.stdout
    assert "UNCOVERED: decision:gate_failure@25" in completed.stdout
    report = json.loads(out.read_text())
    assert report["summary"]["authority_cells"] == [16, 16]
    assert report["summary"]["failed"] == 0
    assert len(report["summary"]["uncovered"]) == 20
