"""Build the audit of the policy revision in force: rules, tables, proofs, checks, gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper._policy_files import PolicySet, data_file_paths
from gatekeeper.audit._checks import (
    CheckResult,
    authority_cells,
    decision_cells,
    phase_mapping,
    rule_gate,
    thresholds_read,
)
from gatekeeper.audit._coverage import CoverageReport
from gatekeeper.audit._evidence import LogEvidence
from gatekeeper.audit._matrices import classify_path, decision_matrices, matrix_consistency
from gatekeeper.audit._scenarios import ScenarioEvidence
from gatekeeper.audit._since import RuleSetDiff
from gatekeeper.audit._source import Rule, RuleSet
from gatekeeper.audit._tables import (
    Matrix,
    ProfileTable,
    ThresholdItem,
    authority_matrix,
    duplicate_keys,
    flatten,
    gatekeeper_data,
    profile_tables,
    threshold_items,
)

THRESHOLD_METHOD = (
    "text scan: a rule reads a threshold of its gate's profiles when its text names it as a "
    "string literal or after `thresholds.` / `checks.`; a check kind literal "
    '(of_kind(checks, "sustained_above")) names every check of that kind'
)
COVERAGE_METHOD = "opa test --coverage: covered share of the evaluated lines inside each rule"
PROOF_METHOD = (
    "a rule's code is proven by a passing scenario that asked the rule's gate, declares the code "
    "in its Examples `rule` column, and (for at least one such scenario) got a decision holding "
    "it as a violation or warning; a threshold by a passing `@boundary` row for a code it guards"
)


@dataclass(frozen=True)
class Gap:
    """Something the auditor cannot sign off: what kind, about what, and why."""

    kind: str
    subject: str
    detail: str

    def to_json(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail}


@dataclass
class Environment:
    """The revision in force and the tools that measured it."""

    policy_root: str
    policy_digest: str
    policy_revision: str
    git_revision: str | None
    opa_version: str | None
    embedded_engine: str
    metadata_source: str
    generated_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )


@dataclass
class Inputs:
    """Everything measured outside this module, handed to :func:`build_report`."""

    policy: PolicySet
    rules: RuleSet
    environment: Environment
    coverage: CoverageReport | None
    scenarios: ScenarioEvidence
    since: RuleSetDiff | None = None
    decision_log: LogEvidence | None = None


@dataclass
class AuditReport:
    """The whole audit, ready to render; ``gaps`` empty means sign-off is possible."""

    environment: Environment
    gaps: list[Gap]
    rules: list[dict[str, Any]]
    packages: list[dict[str, Any]]
    matrices: list[dict[str, Any]]
    profiles: list[ProfileTable]
    thresholds: list[dict[str, Any]]
    checks: list[CheckResult]
    scenarios: ScenarioEvidence
    coverage: dict[str, Any]
    since: RuleSetDiff | None
    decision_log: LogEvidence | None
    methods: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the report (also what the templates render)."""
        return {
            "format": "gatekeeper-audit/1",
            "revision": dict(self.environment.__dict__),
            "summary": {
                "gaps": len(self.gaps),
                "rules": len(self.rules),
                "packages": len(self.packages),
                "checks": len(self.checks),
                "checks_failed": sum(1 for c in self.checks if not c.ok),
                "scenarios": len(self.scenarios.scenarios),
                "scenarios_passed": sum(1 for s in self.scenarios.scenarios.values() if s.passed),
            },
            "gaps": [g.to_json() for g in self.gaps],
            "rules": self.rules,
            "packages": self.packages,
            "matrices": self.matrices,
            "profiles": [p.to_json() for p in self.profiles],
            "thresholds": self.thresholds,
            "checks": [c.to_json() for c in self.checks],
            "scenarios": self.scenarios.to_json(),
            "coverage": self.coverage,
            "since": self.since.to_json() if self.since else None,
            "decision_log": self.decision_log.to_json() if self.decision_log else None,
            "methods": self.methods,
        }


def _proofs(evidence: ScenarioEvidence, subject: str) -> list[dict[str, Any]]:
    return [
        {"id": s.scenario_id, "name": s.name, "feature": s.feature, "passed": s.passed}
        for s in evidence.proving(subject)
    ]


def _rule_entry(
    rule: Rule, inputs: Inputs, items: list[Any], root: Path
) -> tuple[dict[str, Any], list[Gap]]:
    annotation = rule.annotation or {}
    custom = annotation.get("custom") or {}
    gaps: list[Gap] = []
    first = rule.definitions[0]
    if not rule.is_private:
        if not annotation:
            gaps.append(
                Gap(
                    "rule-without-metadata",
                    rule.rule_id,
                    f"no METADATA block ({first.file}:{first.line})",
                )
            )
        elif not annotation.get("title") or not annotation.get("description"):
            gaps.append(
                Gap(
                    "rule-without-metadata",
                    rule.rule_id,
                    f"METADATA lacks title or description ({first.file}:{first.line})",
                )
            )
    if rule.codes and not custom.get("spec"):
        gaps.append(
            Gap(
                "rule-without-spec",
                rule.rule_id,
                f"declares codes {rule.codes} but no custom.spec SPEC row",
            )
        )
    spans = [(d.line, d.end_line) for d in rule.definitions]
    coverage: float | str | None
    if inputs.coverage is None:
        coverage = "not measured"
    else:
        coverage = inputs.coverage.for_lines(first.file, spans)
    proofs: dict[str, list[dict[str, Any]]] = {}
    gate = rule_gate(rule)
    for code in rule.codes:
        scope = f"{gate}:{code}" if gate else code
        proofs[code] = _proofs(inputs.scenarios, f"code:{scope}")
        if not inputs.scenarios.measured:
            continue
        if not inputs.scenarios.proven(f"code:{scope}"):
            detail = f"no passing scenario proves code {code}"
        elif not inputs.scenarios.proven(f"fired:{scope}"):
            detail = (
                f"scenarios declare code {code} (rule column) but no passing one saw it "
                "in a decision: the code is never emitted"
            )
        else:
            continue
        gaps.append(Gap("rule-without-scenario", rule.rule_id, detail))
    entry = {
        "id": rule.rule_id,
        "package": rule.package,
        "name": rule.name,
        "kind": "function" if rule.is_function else "rule",
        "private": rule.is_private,
        "locations": [f"{d.file}:{d.line}" for d in rule.definitions],
        "title": annotation.get("title"),
        "description": (annotation.get("description") or "").strip() or None,
        "codes": rule.codes,
        "spec": custom.get("spec"),
        "thresholds": thresholds_read(rule, items),
        "coverage_percent": coverage,
        "scenarios": proofs,
    }
    return entry, gaps


def _matrix_entry(matrix: Matrix, evidence: ScenarioEvidence) -> tuple[dict[str, Any], list[Gap]]:
    gaps: list[Gap] = []
    cells: list[dict[str, Any]] = []
    for row in matrix.rows:
        for column in matrix.columns:
            subject = f"cell:{matrix.name}:{row}:{column}"
            proofs = _proofs(evidence, subject)
            if evidence.measured and not evidence.proven(subject):
                gaps.append(
                    Gap(
                        "cell-without-scenario",
                        f"{matrix.name}[{row}][{column}]",
                        "no passing scenario proves this cell",
                    )
                )
            cells.append(
                {
                    "row": row,
                    "column": column,
                    "value": matrix.cell_text(row, column),
                    "scenarios": proofs,
                }
            )
    entry = matrix.to_json()
    entry["cells"] = cells
    return entry, gaps


def boundary_scope(item: ThresholdItem) -> str:
    """Where a threshold's boundary scenarios must ask: ``promotion``, ``rollout/<profile>``."""
    return f"rollout/{item.profile}" if item.gate == "rollout" else item.gate


def threshold_codes(
    items: list[ThresholdItem], rules: list[dict[str, Any]]
) -> dict[str, list[str]]:
    """Numeric thresholds and the subjects whose boundary scenarios prove them: a rollout
    check's own ``code`` or ``warning_code``, or the codes of every rule that reads the
    threshold, scoped to the gate (and rollout profile) of the threshold."""
    codes: dict[str, list[str]] = {}
    for item in items:
        numbers = [
            v
            for v in flatten(item.value).values()
            if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        if not numbers:
            continue
        scope = boundary_scope(item)
        if isinstance(item.value, dict) and isinstance(item.value.get("code"), str):
            # A check's numbers guard the findings it emits: its code, and its warning code
            # (model-registry's min_candidates guards ROLLBACK_CANDIDATES_LOW).
            own = [item.value.get(key) for key in ("code", "warning_code")]
            codes[item.path] = [f"{scope}:{code}" for code in own if isinstance(code, str)]
            continue
        found: list[str] = []
        for rule in rules:
            if item.path in rule["thresholds"]:
                found.extend(f"{scope}:{c}" for c in rule["codes"] if f"{scope}:{c}" not in found)
        codes[item.path] = found
    return codes


def build_report(inputs: Inputs) -> AuditReport:
    """Assemble the audit from the measured inputs; gaps come first in every rendering."""
    policy, data = inputs.policy, inputs.policy.data
    gaps: list[Gap] = []
    for name, package in sorted(inputs.rules.packages.items()):
        if not package.annotation:
            gaps.append(
                Gap(
                    "package-without-metadata",
                    name,
                    f"no package METADATA in {', '.join(package.files)}",
                )
            )
    items = threshold_items(data)
    rules: list[dict[str, Any]] = []
    for rule_id in sorted(inputs.rules.rules):
        entry, rule_gaps = _rule_entry(inputs.rules.rules[rule_id], inputs, items, policy.root)
        rules.append(entry)
        gaps.extend(rule_gaps)
    checks: list[CheckResult] = []
    for path in data_file_paths(policy.root):
        for key in duplicate_keys(path):
            checks.append(
                CheckResult(
                    "duplicate-key",
                    path.relative_to(policy.root).as_posix(),
                    False,
                    f"key {key!r} is defined twice",
                )
            )
    actions = list((gatekeeper_data(data).get("actions") or {}).get("severity") or {})
    matrices: list[Matrix] = []
    for matrix in decision_matrices(data):
        checks.extend(decision_cells(matrix, actions))
        matrices.append(matrix)
    authority = authority_matrix(data)
    if authority is None:
        checks.append(CheckResult("authority-cell", "data.gatekeeper.authority", False, "absent"))
    else:
        raw_columns = (gatekeeper_data(data).get("authority") or {}).get("columns") or []
        checks.append(phase_mapping("authority columns", raw_columns))
        authority_data = gatekeeper_data(data).get("authority") or {}
        any_phase = authority_data.get("any_phase") or {}
        triggers = set((authority_data.get("triggers") or {}).values()) - set(any_phase)
        checks.extend(authority_cells(authority, triggers))
        for trigger_type, roles in sorted(any_phase.items()):
            ok = (
                isinstance(roles, list)
                and bool(roles)
                and all(isinstance(r, str) and r for r in roles)
            )
            checks.append(
                CheckResult(
                    "authority-cell",
                    f"authority[{trigger_type}][any phase]",
                    ok,
                    " + ".join(roles) if ok else f"no role: {roles!r}",
                )
            )
        matrices.append(authority)
    checks.extend(matrix_consistency(data))
    profiles_data = gatekeeper_data(data).get("profiles") or {}
    for profile, spec in sorted((profiles_data.get("rollout") or {}).items()):
        if isinstance(spec, dict) and "columns" in spec:
            checks.append(phase_mapping(f"rollout profile {profile} columns", spec["columns"]))
    for check in checks:
        if not check.ok:
            gaps.append(Gap(f"{check.check}-conflict", check.subject, check.detail))
    matrix_entries: list[dict[str, Any]] = []
    for matrix in matrices:
        entry, matrix_gaps = _matrix_entry(matrix, inputs.scenarios)
        matrix_entries.append(entry)
        gaps.extend(matrix_gaps)
    thresholds = threshold_codes(items, rules)
    if inputs.scenarios.measured:
        for threshold, codes in thresholds.items():
            if not any(inputs.scenarios.proven(f"boundary:{code}") for code in codes):
                gaps.append(
                    Gap(
                        "threshold-without-boundary-scenario",
                        threshold,
                        f"no passing @boundary scenario for {', '.join(codes) or 'any code'}",
                    )
                )
        for outcome in inputs.scenarios.scenarios.values():
            if not outcome.passed:
                gaps.append(Gap("scenario-failed", outcome.scenario_id, outcome.name))
    else:
        gaps.append(
            Gap(
                "scenarios-not-run",
                inputs.scenarios.source,
                inputs.scenarios.problem or "scenario suite did not run",
            )
        )
    coverage: dict[str, Any] = {"measured": inputs.coverage is not None, "method": COVERAGE_METHOD}
    if inputs.coverage is not None:
        coverage["total_percent"] = inputs.coverage.total_percent
        coverage["tests_passed"] = inputs.coverage.tests_passed
        coverage["error"] = inputs.coverage.error
        if not inputs.coverage.tests_passed:
            gaps.append(
                Gap(
                    "opa-tests-failing",
                    "opa test",
                    inputs.coverage.error or "the Rego unit tests do not pass",
                )
            )
    if inputs.decision_log is not None and not inputs.decision_log.chain_ok:
        log = inputs.decision_log
        gaps.append(
            Gap("decision-log-chain-broken", log.path, f"line {log.problem_line}: {log.problem}")
        )
    packages = [
        {
            "name": p.name,
            "files": p.files,
            "title": (p.annotation or {}).get("title"),
            "description": ((p.annotation or {}).get("description") or "").strip() or None,
            "spec": ((p.annotation or {}).get("custom") or {}).get("spec"),
        }
        for p in sorted(inputs.rules.packages.values(), key=lambda p: p.name)
    ]
    return AuditReport(
        environment=inputs.environment,
        gaps=gaps,
        rules=rules,
        packages=packages,
        matrices=matrix_entries,
        profiles=profile_tables(data),
        thresholds=[
            {
                "path": path,
                "codes": codes,
                "boundary_scenarios": [
                    p for c in codes for p in _proofs(inputs.scenarios, f"boundary:{c}")
                ],
            }
            for path, codes in thresholds.items()
        ],
        checks=checks,
        scenarios=inputs.scenarios,
        coverage=coverage,
        since=inputs.since,
        decision_log=inputs.decision_log,
        methods={
            "thresholds": THRESHOLD_METHOD,
            "coverage": COVERAGE_METHOD,
            "proofs": PROOF_METHOD,
            "metadata": inputs.rules.metadata_source,
            "classify": classify_path.__doc__ or "",
        },
    )
