"""Build the audit of the policy revision in force: rules, tables, proofs, checks, gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper.audit._checks import (
    CheckResult,
    authority_cells,
    decision_cells,
    phase_mapping,
    rule_gate,
    thresholds_read,
)
from gatekeeper.audit._controls import Control
from gatekeeper.audit._coverage import CoverageReport
from gatekeeper.audit._evidence import LogEvidence
from gatekeeper.audit._matrices import classify_path, decision_matrices, matrix_consistency
from gatekeeper.audit._requirements import (
    SHIPPED_ORIGIN,
    Catalogue,
    cited_ids,
    load_catalogue,
)
from gatekeeper.audit._scenarios import ScenarioEvidence
from gatekeeper.audit._signoff import SignOffLine, blank_signoff
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
    profile_specs,
    profile_tables,
    threshold_items,
)
from gatekeeper.audit._waivers import WaiverStatus
from gatekeeper.policy._files import PolicySet, data_file_paths

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
    requirements_catalogue: str = SHIPPED_ORIGIN
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
    controls: list[Control] = field(default_factory=list)
    waivers: list[WaiverStatus] = field(default_factory=list)
    requirements: Catalogue = field(default_factory=load_catalogue)
    signoff: list[SignOffLine] = field(default_factory=blank_signoff)


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
    controls: list[dict[str, Any]] = field(default_factory=list)
    waivers: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    signoff: list[SignOffLine] = field(default_factory=blank_signoff)

    def auditor_summary(self) -> dict[str, Any]:
        """The one-page summary: revision, changes, controls, gaps, waivers, decisions."""
        waivers = Counter(str(w["category"]) for w in self.waivers)
        since = self.since
        period = self.decision_log.period if self.decision_log else None
        return {
            "policy_revision": self.environment.policy_revision,
            "policy_digest": self.environment.policy_digest,
            "git_revision": self.environment.git_revision,
            "generated_at": self.environment.generated_at,
            "since": None
            if since is None
            else {
                "revision": since.revision,
                "commit": since.commit,
                "commit_time": since.commit_time,
                "rules_added": len(since.rules_added),
                "rules_removed": len(since.rules_removed),
                "rules_changed": len(since.rules_changed),
                "data_changes": len(since.changes),
                "thresholds_changed": sum(1 for c in since.changes if c.kind == "threshold"),
                "cells_changed": sum(1 for c in since.changes if c.kind.endswith("cell")),
                "unchanged": since.unchanged,
                "commits": len(since.history.commits) if since.history else 0,
                "unreviewed": sum(1 for c in since.history.commits if not c.reviewed)
                if since.history
                else 0,
                "uncommitted": len(since.history.uncommitted) if since.history else 0,
            },
            "controls": len(self.controls),
            "controls_proven": sum(1 for c in self.controls if c["proven"]),
            "gaps": len(self.gaps),
            "gaps_by_kind": dict(sorted(Counter(g.kind for g in self.gaps).items())),
            "waivers": {
                k: waivers.get(k, 0) for k in ("in force", "expired", "refused", "not judged")
            },
            "separation_of_duties": sorted(
                str(w["id"]) for w in self.waivers if w.get("separation_of_duties")
            ),
            "decisions": period,
        }

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
            "auditor_summary": self.auditor_summary(),
            "signoff": [line.to_json() for line in self.signoff],
            "gaps": [g.to_json() for g in self.gaps],
            "controls": self.controls,
            "waivers": self.waivers,
            "requirements": self.requirements,
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


def metadata_gaps(rule: Rule, catalogue: Catalogue) -> list[Gap]:
    """A public rule without METADATA (or without title/description); codes without a
    requirement; a requirement id the catalogue does not hold."""
    annotation = rule.annotation or {}
    first = rule.definitions[0]
    where = f"{first.file}:{first.line}"
    gaps: list[Gap] = []
    if not rule.is_private and not annotation:
        gaps.append(Gap("rule-without-metadata", rule.rule_id, f"no METADATA block ({where})"))
    elif not rule.is_private and not (annotation.get("title") and annotation.get("description")):
        detail = f"METADATA lacks title or description ({where})"
        gaps.append(Gap("rule-without-metadata", rule.rule_id, detail))
    cited = cited_ids(annotation)
    if rule.codes and not cited:
        detail = f"declares codes {rule.codes} but no custom.requirements id ({where})"
        gaps.append(Gap("rule-without-requirement", rule.rule_id, detail))
    gaps.extend(
        Gap("requirement-unresolved", rule.rule_id, _unresolved_detail(i, where, catalogue))
        for i in catalogue.missing(cited)
    )
    return gaps


def _unresolved_detail(requirement_id: str, where: str, catalogue: Catalogue) -> str:
    return f"requirement {requirement_id} ({where}) is not in the {catalogue.origin}"


def control_requirement_gaps(controls: list[Control], catalogue: Catalogue) -> list[Gap]:
    """A requirement id cited by profile data (a rollout check, a checklist row) that the
    catalogue does not hold (ids cited by rules are the rules' gaps)."""
    gaps = []
    for control in controls:
        for requirement_id, where in control.cited_by.items():
            if where.endswith(".json") and requirement_id not in catalogue.requirements:
                detail = _unresolved_detail(requirement_id, where, catalogue)
                gaps.append(Gap("requirement-unresolved", control.control_id, detail))
    return gaps


def requirement_entries(inputs: Inputs) -> list[dict[str, Any]]:
    """Every requirement the policy cites, with the rules and controls citing it."""
    cited: dict[str, list[str]] = {}
    for rule_id in sorted(inputs.rules.rules):
        for requirement_id in cited_ids(inputs.rules.rules[rule_id].annotation):
            cited.setdefault(requirement_id, []).append(rule_id)
    for control in inputs.controls:
        for requirement_id in control.cited_by:
            cited.setdefault(requirement_id, []).append(control.control_id)
    entries = []
    for requirement_id in dict.fromkeys([*inputs.requirements.requirements, *sorted(cited)]):
        entry = inputs.requirements.describe(requirement_id)
        entry["cited_by"] = sorted(set(cited.get(requirement_id, [])))
        entries.append(entry)
    return entries


def proof_gaps(rule: Rule, evidence: ScenarioEvidence) -> list[Gap]:
    """A code of the rule that no passing scenario declares, or that no decision held."""
    if not evidence.measured:
        return []
    gate = rule_gate(rule)
    gaps: list[Gap] = []
    for code in rule.codes:
        scope = f"{gate}:{code}" if gate else code
        if not evidence.proven(f"code:{scope}"):
            detail = f"no passing scenario proves code {code}"
        elif not evidence.proven(f"fired:{scope}"):
            detail = (
                f"scenarios declare code {code} (rule column) but no passing one saw it "
                "in a decision: the code is never emitted"
            )
        else:
            continue
        gaps.append(Gap("rule-without-scenario", rule.rule_id, detail))
    return gaps


def _rule_entry(
    rule: Rule, inputs: Inputs, items: list[Any], root: Path
) -> tuple[dict[str, Any], list[Gap]]:
    annotation = rule.annotation or {}
    first = rule.definitions[0]
    coverage: float | str | None = "not measured"
    if inputs.coverage is not None:
        spans = [(d.line, d.end_line) for d in rule.definitions]
        coverage = inputs.coverage.for_lines(first.file, spans)
    gate = rule_gate(rule)
    proofs = {
        code: _proofs(inputs.scenarios, f"code:{gate}:{code}" if gate else f"code:{code}")
        for code in rule.codes
    }
    entry = {
        "id": rule.rule_id,
        "package": rule.package,
        "name": rule.name,
        "kind": "function" if rule.is_function else "rule",
        "private": rule.is_private,
        "locations": [f"{d.file}:{d.line}" for d in rule.definitions],
        "title": annotation.get("title"),
        "description": _description(annotation),
        "codes": rule.codes,
        "requirements": [inputs.requirements.describe(i) for i in cited_ids(annotation)],
        "thresholds": thresholds_read(rule, items),
        "coverage_percent": coverage,
        "scenarios": proofs,
    }
    return entry, [*metadata_gaps(rule, inputs.requirements), *proof_gaps(rule, inputs.scenarios)]


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
        if item.codes:  # a promotion threshold guards the codes of its checklist rows
            codes[item.path] = [f"{scope}:{code}" for code in item.codes]
            continue
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


def package_gaps(rules: RuleSet, catalogue: Catalogue) -> list[Gap]:
    """A package without a package-scoped METADATA block, or citing an unknown requirement."""
    gaps = [
        Gap("package-without-metadata", name, f"no package METADATA in {', '.join(p.files)}")
        for name, p in sorted(rules.packages.items())
        if not p.annotation
    ]
    for name, package in sorted(rules.packages.items()):
        where = ", ".join(package.files)
        gaps.extend(
            Gap("requirement-unresolved", name, _unresolved_detail(i, where, catalogue))
            for i in catalogue.missing(cited_ids(package.annotation))
        )
    return gaps


def rule_entries(
    inputs: Inputs, items: list[ThresholdItem]
) -> tuple[list[dict[str, Any]], list[Gap]]:
    """Every rule with its METADATA, thresholds, coverage and proofs; their gaps."""
    rules = inputs.rules.rules
    return _split([_rule_entry(rules[r], inputs, items, inputs.policy.root) for r in sorted(rules)])


def _split(
    pairs: list[tuple[dict[str, Any], list[Gap]]],
) -> tuple[list[dict[str, Any]], list[Gap]]:
    """``(entry, gaps)`` pairs as the entries and all their gaps."""
    return [entry for entry, _ in pairs], [gap for _, gaps in pairs for gap in gaps]


def _authority_checks(data: Mapping[str, Any], matrices: list[Matrix]) -> list[CheckResult]:
    authority = authority_matrix(data)
    if authority is None:
        return [CheckResult("authority-cell", "data.gatekeeper.authority", False, "absent")]
    authority_data = gatekeeper_data(data).get("authority") or {}
    checks = [phase_mapping("authority columns", authority_data.get("columns") or [])]
    any_phase = authority_data.get("any_phase") or {}
    triggers = set((authority_data.get("triggers") or {}).values()) - set(any_phase)
    checks.extend(authority_cells(authority, triggers))
    for trigger_type, roles in sorted(any_phase.items()):
        ok = (
            isinstance(roles, list) and bool(roles) and all(isinstance(r, str) and r for r in roles)
        )
        detail = " + ".join(roles) if ok else f"no role: {roles!r}"
        checks.append(
            CheckResult("authority-cell", f"authority[{trigger_type}][any phase]", ok, detail)
        )
    matrices.append(authority)
    return checks


def data_checks(policy: PolicySet) -> tuple[list[CheckResult], list[Matrix]]:
    """Completeness and conflict checks of the data, and the matrices they read."""
    data = policy.data
    checks = [
        CheckResult(
            "duplicate-key",
            path.relative_to(policy.root).as_posix(),
            False,
            f"key {key!r} is defined twice",
        )
        for path in data_file_paths(policy.root)
        for key in duplicate_keys(path)
    ]
    actions = list((gatekeeper_data(data).get("actions") or {}).get("severity") or {})
    matrices: list[Matrix] = []
    for matrix in decision_matrices(data):
        checks.extend(decision_cells(matrix, actions))
        matrices.append(matrix)
    checks.extend(_authority_checks(data, matrices))
    checks.extend(matrix_consistency(data))
    for gate, profile, spec in profile_specs(data):
        if gate == "rollout" and "columns" in spec:
            checks.append(phase_mapping(f"rollout profile {profile} columns", spec["columns"]))
    return checks, matrices


def check_gaps(checks: list[CheckResult]) -> list[Gap]:
    """A failed completeness or conflict check."""
    return [Gap(f"{c.check}-conflict", c.subject, c.detail) for c in checks if not c.ok]


def matrix_entries(
    matrices: list[Matrix], evidence: ScenarioEvidence
) -> tuple[list[dict[str, Any]], list[Gap]]:
    """Every matrix with the scenarios that prove each cell; unproven cells are gaps."""
    return _split([_matrix_entry(matrix, evidence) for matrix in matrices])


def scenario_gaps(evidence: ScenarioEvidence, thresholds: dict[str, list[str]]) -> list[Gap]:
    """Thresholds without a passing boundary scenario, failed scenarios, or no run at all."""
    if not evidence.measured:
        problem = evidence.problem or "scenario suite did not run"
        return [Gap("scenarios-not-run", evidence.source, problem)]
    gaps = [
        Gap(
            "threshold-without-boundary-scenario",
            threshold,
            f"no passing @boundary scenario for {', '.join(codes) or 'any code'}",
        )
        for threshold, codes in thresholds.items()
        if not any(evidence.proven(f"boundary:{code}") for code in codes)
    ]
    gaps += [
        Gap("scenario-failed", o.scenario_id, o.name)
        for o in evidence.scenarios.values()
        if not o.passed
    ]
    return gaps


def coverage_section(coverage: CoverageReport | None) -> tuple[dict[str, Any], list[Gap]]:
    """The coverage summary; failing Rego unit tests are a gap."""
    section: dict[str, Any] = {"measured": coverage is not None, "method": COVERAGE_METHOD}
    if coverage is None:
        return section, []
    section.update(
        total_percent=coverage.total_percent,
        tests_passed=coverage.tests_passed,
        error=coverage.error,
    )
    if coverage.tests_passed:
        return section, []
    problem = coverage.error or "the Rego unit tests do not pass"
    return section, [Gap("opa-tests-failing", "opa test", problem)]


def log_gaps(log: LogEvidence | None) -> list[Gap]:
    """A decision log whose hash chain does not verify."""
    if log is None or log.chain_ok:
        return []
    return [Gap("decision-log-chain-broken", log.path, f"line {log.problem_line}: {log.problem}")]


def package_entries(rules: RuleSet) -> list[dict[str, Any]]:
    """Every package with its METADATA (engineering appendix)."""
    return [
        {
            "name": package.name,
            "files": package.files,
            "title": (package.annotation or {}).get("title"),
            "description": _description(package.annotation),
            "requirements": cited_ids(package.annotation),
        }
        for package in sorted(rules.packages.values(), key=lambda p: p.name)
    ]


def _description(annotation: Mapping[str, Any] | None) -> str | None:
    return ((annotation or {}).get("description") or "").strip() or None


def build_report(inputs: Inputs) -> AuditReport:
    """Assemble the audit from the measured inputs; gaps come first in every rendering."""
    items = threshold_items(inputs.policy.data)
    rules, rule_gaps = rule_entries(inputs, items)
    checks, matrices = data_checks(inputs.policy)
    matrix_list, matrix_gaps = matrix_entries(matrices, inputs.scenarios)
    thresholds = threshold_codes(items, rules)
    coverage, coverage_gaps = coverage_section(inputs.coverage)
    gaps = [
        *package_gaps(inputs.rules, inputs.requirements),
        *rule_gaps,
        *control_requirement_gaps(inputs.controls, inputs.requirements),
        *check_gaps(checks),
        *matrix_gaps,
        *scenario_gaps(inputs.scenarios, thresholds),
        *coverage_gaps,
        *log_gaps(inputs.decision_log),
    ]
    return AuditReport(
        environment=inputs.environment,
        gaps=gaps,
        rules=rules,
        packages=package_entries(inputs.rules),
        matrices=matrix_list,
        profiles=profile_tables(inputs.policy.data),
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
        controls=[c.to_json() for c in inputs.controls],
        waivers=[w.to_json() for w in inputs.waivers],
        requirements=requirement_entries(inputs),
        signoff=inputs.signoff,
    )
