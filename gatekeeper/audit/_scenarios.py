"""Scenario evidence: which Gherkin scenarios prove each rule code, matrix cell and threshold.

The audit runs the scenario suite through the suite's own coverage function
(:func:`gatekeeper.bdd.coverage.run_scenarios`, embedded engine) and reads, per
scenario, whether it passed and what it declares it proves (its Examples columns
``condition``/``trigger type`` + ``phase`` for a matrix cell, ``rule`` for a code,
and the ``@boundary`` tag for a threshold boundary). Subjects are keyed:

- ``code:<gate>:<CODE>`` - a code a rule of that gate declares in ``custom.code(s)``
  (``code:<CODE>`` for library rules, any gate);
- ``fired:<gate>:<CODE>`` - the same, from a scenario whose decision of that gate held
  the code (a violation or a warning): the code is emitted, not only declared. A rule's
  code is proven when a passing scenario declares it and one of them saw it emitted;
- ``cell:<matrix>:<row>:<column>`` - ``<matrix>`` is ``authority`` or a rollout
  profile name (``decision-matrix``);
- ``boundary:<gate or rollout/profile>:<CODE>`` - a boundary scenario for that code:
  its Examples row sits in a table tagged ``@boundary`` (read from the feature files
  with pytest-bdd's parser).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper.audit._process import run_tool
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._layer import POLICY_DATA_ENV

_MATRIX_NAMES = {"decision": "decision-matrix", "authority": "authority"}


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario (one Examples row of an outline) and whether it passed in this run."""

    scenario_id: str
    name: str
    feature: str
    passed: bool
    outcome: str


@dataclass
class ScenarioEvidence:
    """The outcome of one run of the scenario suite, and the subjects each scenario proves."""

    measured: bool
    source: str
    scenarios: dict[str, ScenarioOutcome] = field(default_factory=dict)
    subjects: dict[str, list[str]] = field(default_factory=dict)
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    findings: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=dict)

    def proving(self, subject: str) -> list[ScenarioOutcome]:
        """Scenarios that claim to prove ``subject`` (passed or not)."""
        return [self.scenarios[s] for s in self.subjects.get(subject, []) if s in self.scenarios]

    def proven(self, subject: str) -> bool:
        """Whether at least one scenario proving ``subject`` passed."""
        return any(outcome.passed for outcome in self.proving(subject))

    def add(self, outcome: ScenarioOutcome, subjects: Sequence[str]) -> None:
        """Record one scenario and what it proves."""
        self.scenarios[outcome.scenario_id] = outcome
        for subject in subjects:
            self.subjects.setdefault(subject, []).append(outcome.scenario_id)

    def saw(self, gate: str, code: str, severity: str, action: str) -> None:
        """A passing scenario's decision of ``gate`` held ``code`` with this severity and action."""
        seen = self.findings.setdefault((gate, code), {"severity": set(), "action": set()})
        if severity:
            seen["severity"].add(severity)
        if action:
            seen["action"].add(action)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "measured": self.measured,
            "source": self.source,
            "problem": self.problem,
            "notes": self.notes,
            "total": len(self.scenarios),
            "passed": sum(1 for s in self.scenarios.values() if s.passed),
            "scenarios": [s.__dict__ for s in self.scenarios.values()],
        }


def _scope(gate: str, profile: str | None) -> str:
    """``promotion`` or ``rollout/<profile>``: where a code or threshold lives."""
    return f"{gate}/{profile}" if gate == "rollout" and profile else gate


def cell_subject(key: str) -> str:
    """``decision:gate_failure@25`` (coverage key) -> ``cell:decision-matrix:gate_failure:25``."""
    matrix, _, rest = key.partition(":")
    row, _, column = rest.rpartition("@")
    return f"cell:{_MATRIX_NAMES.get(matrix, matrix)}:{row}:{column}"


def boundary_examples(features: Path) -> list[dict[str, str]]:
    """Examples rows tagged ``@boundary`` (on the feature, scenario or Examples table)."""
    from pytest_bdd.parser import FeatureParser

    files = [features] if features.suffix == ".feature" else sorted(features.rglob("*.feature"))
    rows: list[dict[str, str]] = []
    for path in files:
        feature = FeatureParser(str(path.parent), path.name).parse()
        for scenario in feature.scenarios.values():
            inherited = set(feature.tags) | set(scenario.tags)
            for examples in scenario.examples:
                if "boundary" in inherited | set(examples.tags):
                    rows.extend(
                        {str(k): str(v) for k, v in context.items()}
                        for context in examples.as_contexts()
                    )
    return rows


def scenario_id(nodeid: str, example: Mapping[str, str]) -> str:
    """One id per scenario: an outline's node id plus its Examples row (rows share a node id)."""
    if not example:
        return nodeid
    return f"{nodeid}[{'; '.join(f'{k}={v}' for k, v in example.items())}]"


def from_coverage(
    report: Mapping[str, Any], source: str, boundary_rows: Sequence[dict[str, str]] = ()
) -> ScenarioEvidence:
    """Read the scenario run (``_scenario_run`` output) into scenario evidence."""
    evidence = ScenarioEvidence(measured=True, source=source)
    evidence.notes.extend(str(p) for p in report.get("undeclared_cells") or [])
    for run in report.get("scenarios") or []:
        outcome = str(run["outcome"])
        nodeid = str(run["nodeid"])
        example = {str(k): str(v) for k, v in (run.get("example") or {}).items()}
        feature = str(run.get("feature") or nodeid.split("::", 1)[0])
        if nodeid.startswith("::"):  # a module bound on the fly, outside the rootdir
            nodeid = feature + nodeid
        scenario = ScenarioOutcome(
            scenario_id=scenario_id(nodeid, example),
            name=str(run["name"]),
            feature=feature,
            passed=outcome == "passed",
            outcome=outcome,
        )
        subjects = [cell_subject(key) for key in run.get("cells") or []]
        scopes = sorted({_scope(str(gate), profile) for gate, profile in run.get("gates") or []})
        codes = [str(code) for code in run.get("rules") or []]
        gates = sorted({scope.split("/")[0] for scope in scopes})
        observed = {(str(gate), str(code)) for gate, code in run.get("observed") or []}
        for code in codes:
            subjects.append(f"code:{code}")
            subjects += [f"code:{gate}:{code}" for gate in gates]
            subjects += [f"code:{scope}:{code}" for scope in scopes if "/" in scope]
            seen_in = [gate for gate in gates if (gate, code) in observed]
            subjects += [f"fired:{code}"] if seen_in else []
            subjects += [f"fired:{gate}:{code}" for gate in seen_in]
        if example and example in boundary_rows:
            subjects += [f"boundary:{scope}:{code}" for code in codes for scope in scopes]
        evidence.add(scenario, subjects)
        if scenario.passed:
            for gate, code, severity, action in run.get("findings") or []:
                evidence.saw(str(gate), str(code), str(severity), str(action))
    return evidence


def run_scenarios(features: Path, policy_dir: Path, extra_data: Sequence[Path]) -> ScenarioEvidence:
    """Run the Gherkin suite at ``features`` on the embedded engine and collect its evidence.

    The suite runs in a child Python process (``python -m gatekeeper.audit._scenario_run``):
    pytest keeps module state per process, and the audit's own output must stay clean.
    """
    source = f"scenarios in {features} (embedded engine)"
    if not features.exists():
        return ScenarioEvidence(False, source, problem=f"not found: {features}")
    with tempfile.TemporaryDirectory(prefix="gatekeeper-audit-") as scratch:
        result_file = Path(scratch) / "coverage.json"
        command = [
            sys.executable,
            "-m",
            "gatekeeper.audit._scenario_run",
            str(result_file),
            str(features.resolve()),
            str(policy_dir),
        ]
        command += [str(Path(p).resolve()) for p in extra_data]
        package_parent = str(Path(__file__).resolve().parents[2])
        # the scenarios state the shipped thresholds: an organisation's layer is judged
        # by --since and the decision log, never by failing boundary rows
        env = {k: v for k, v in os.environ.items() if k != POLICY_DATA_ENV}
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_parent, env.get("PYTHONPATH", "")) if p
        )
        try:
            completed = run_tool(command, "scenario run", cwd=scratch, timeout=1800, env=env)
        except PolicyError as exc:
            return ScenarioEvidence(False, source, problem=str(exc))
        if completed.returncode != 0 or not result_file.is_file():
            tail = (completed.stderr or completed.stdout).strip().splitlines()[-6:]
            return ScenarioEvidence(False, source, problem=" / ".join(tail) or "no result")
        report = json.loads(result_file.read_text("utf-8"))
    return from_coverage(report, source, boundary_examples(features))
