"""The control catalogue: one row per rule code (per gate, and per rollout profile).

A control is what an auditor signs: a code a decision can carry, what it checks in
plain words, its thresholds (from the policy data, with units), the action and
severity it leads to, who may decide, the requirements it implements (ids resolved in
the requirements catalogue: title, source document, section), the scenarios that prove
it and when it last changed. Private helpers and the Rego rule
structure are not controls; they stay in the engineering appendix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gatekeeper.audit._checks import rule_gate, thresholds_read
from gatekeeper.audit._requirements import Catalogue, cited_ids, ids_of
from gatekeeper.audit._scenarios import ScenarioEvidence
from gatekeeper.audit._source import Rule, RuleSet
from gatekeeper.audit._tables import (
    BOUNDS,
    ThresholdItem,
    checklist,
    checklist_row,
    gatekeeper_data,
    threshold_items,
)
from gatekeeper.audit._words import (
    cell_text,
    condition,
    limit_text,
    number,
    with_unit,
)

LastChange = Callable[[Sequence[str]], str]

# A promotion or approval violation denies (README.md, "The decision"); used when no
# scenario saw the code.
_GATE_BLOCKS = {"promotion": "deny", "approval": "deny"}
_GATE_AUTHORITY = {
    "approval": "the request's approvers: their roster roles against the authority matrix"
}
_EXAMPLE = re.compile(r"\s*\((?:[^()=;]+=[^()]*)\)\s*$")


def scenario_titles(scenarios: Sequence[Mapping[str, Any]]) -> list[str]:
    """Distinct scenario titles, without an outline's Examples row (``(rule=COST; ...)``)."""
    titles: list[str] = []
    for scenario in scenarios:
        name = str(scenario["name"]).split(": ", 1)[-1]
        _add_unique(titles, _EXAMPLE.sub("", name))
    return titles


@dataclass
class Control:
    """One rule code of one gate (and rollout profile), as the auditor reads it."""

    gate: str
    profile: str | None
    code: str
    titles: list[str] = field(default_factory=list)
    checks: str = ""
    thresholds: list[str] = field(default_factory=list)
    action: str = ""
    severity: str = ""
    authority: str = ""
    requirements: list[dict[str, Any]] = field(default_factory=list)
    cited_by: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    last_change: str = ""

    @property
    def control_id(self) -> str:
        """``promotion/COST``, ``rollout/decision-matrix/ERROR_RATE``."""
        return "/".join(p for p in (self.gate, self.profile, self.code) if p)

    @property
    def proven(self) -> bool:
        """Whether a passing scenario proves it."""
        return any(s["passed"] for s in self.scenarios)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.control_id,
            "gate": self.gate,
            "profile": self.profile,
            "code": self.code,
            "title": "; ".join(self.titles),
            "checks": self.checks,
            "thresholds": self.thresholds,
            "action": self.action,
            "severity": self.severity,
            "authority": self.authority,
            "requirements": self.requirements,
            "source": source_text(self.requirements),
            "files": self.files,
            "scenarios": self.scenarios,
            "proven": self.proven,
            "proof": {
                "passed": sum(1 for s in self.scenarios if s["passed"]),
                "total": len(self.scenarios),
                "features": sorted({str(s["feature"]).rsplit("/", 1)[-1] for s in self.scenarios}),
                "titles": scenario_titles(self.scenarios),
            },
            "last_change": self.last_change,
        }


def _add_unique(items: list[str], value: Any) -> None:
    text = str(value or "").strip()
    if text and text not in items:
        items.append(text)


def _roles_by_column(authority: Mapping[str, Any], trigger_type: Any) -> str:
    if trigger_type in (authority.get("any_phase") or {}):
        roles = authority["any_phase"][trigger_type]
        return f"{' + '.join(roles)} (any phase)"
    row = (authority.get("matrix") or {}).get(trigger_type)
    if not isinstance(row, Mapping):
        return f"no authority row for {trigger_type}" if trigger_type else ""
    cells = {column: " + ".join(roles) for column, roles in row.items()}
    if len(set(cells.values())) == 1:
        return f"{next(iter(cells.values()))} at every phase ({trigger_type})"
    return f"{trigger_type}: " + "; ".join(f"{c}%: {r}" for c, r in cells.items())


def _column_for(columns: Sequence[Any], percent: Any) -> str | None:
    """The smallest column >= percent (the phase-to-column rule), for display."""
    numbers = sorted(c for c in columns if isinstance(c, int | float))
    if not isinstance(percent, int | float):
        return None
    return next((str(c) for c in numbers if c >= percent), None)


def _matrix_action(cells: Mapping[str, Any]) -> str:
    texts = {column: cell_text(cell) for column, cell in cells.items()}
    if len(set(texts.values())) == 1:
        return f"{next(iter(texts.values()))} at every phase"
    return "; ".join(f"{column}%: {text}" for column, text in texts.items())


class _Catalogue:
    """Builds the controls from the rules, the policy data and the scenario evidence."""

    def __init__(
        self,
        data: Mapping[str, Any],
        evidence: ScenarioEvidence,
        policy_root: str,
        catalogue: Catalogue,
    ) -> None:
        self.policy_root = policy_root
        self.catalogue = catalogue
        root = gatekeeper_data(data)
        self.authority: Mapping[str, Any] = root.get("authority") or {}
        self.profiles: Mapping[str, Any] = root.get("profiles") or {}
        self.exceptions: Mapping[str, Any] = (root.get("exceptions") or {}).get("config") or {}
        self.evidence = evidence
        self.items: list[ThresholdItem] = threshold_items(data)
        self.controls: dict[tuple[str, str | None, str], Control] = {}

    def control(self, gate: str, profile: str | None, code: str) -> Control:
        key = (gate, profile, code)
        if key not in self.controls:
            self.controls[key] = Control(gate, profile, code)
        return self.controls[key]

    def rollout_checks(self, code: str) -> list[tuple[str, Mapping[str, Any]]]:
        return [
            (profile, check)
            for profile, spec in sorted((self.profiles.get("rollout") or {}).items())
            for check in ((spec or {}).get("checks") or {}).values()
            if isinstance(check, Mapping) and code in (check.get("code"), check.get("warning_code"))
        ]

    def add_rule(self, rule: Rule) -> None:
        gate = rule_gate(rule) or "any"
        annotation = rule.annotation or {}
        cited = cited_ids(annotation)
        files = [f"{self.policy_root}/{d.file}" for d in rule.definitions]
        read = [
            i
            for i in self.items
            if i.gate == "promotion" and i.path in thresholds_read(rule, self.items)
        ]
        for code in rule.codes:
            checks = self.rollout_checks(code) if gate == "rollout" else []
            targets: list[tuple[str | None, Mapping[str, Any] | None]] = list(checks) or [
                (None, None)
            ]
            row = self.checklist_row(code) if gate == "promotion" else {}
            for profile, check in targets:
                control = self.control(gate, profile, code)
                _add_unique(control.titles, row.get("title") or annotation.get("title"))
                own = ids_of((check or row or {}).get("requirements"))
                where = self.data_file(gate, profile) if own else rule.rule_id
                self.cite(control, own or cited, where)
                for file in files:
                    _add_unique(control.files, file)
                if check is not None:
                    self.describe_check(control, profile, check)
                    _add_unique(control.files, self.data_file("rollout", profile))
                elif not control.checks:
                    control.checks = str(row.get("checks") or _plain_words(annotation))
                for item in read:
                    if item.codes and code not in item.codes:
                        continue  # another checklist row's threshold
                    self.promotion_threshold(control, item)
                    _add_unique(control.files, self.data_file("promotion", None))

    def cite(self, control: Control, ids: list[str], where: str) -> None:
        """Add the requirements ``ids`` (cited by ``where``) to a control, resolved."""
        for requirement_id in ids:
            if requirement_id not in control.cited_by:
                control.cited_by[requirement_id] = where
                control.requirements.append(self.catalogue.describe(requirement_id))

    def checklist_row(self, code: str) -> Mapping[str, Any]:
        """The default promotion profile's checklist row of ``code`` (empty when none)."""
        promotion = (self.profiles.get("promotion") or {}).get("default")
        return next((row for row in checklist(promotion) if row.get("code") == code), {})

    def data_file(self, gate: str, profile: str | None) -> str:
        parts = [self.policy_root, "gatekeeper", "profiles", gate, *([profile] if profile else [])]
        return "/".join([*parts, "data.json"])

    def describe_check(
        self, control: Control, profile: str | None, check: Mapping[str, Any]
    ) -> None:
        spec = (self.profiles.get("rollout") or {}).get(profile) or {}
        warning = control.code == check.get("warning_code")
        control.checks = condition(check)
        control.thresholds = _check_thresholds(check)
        control.severity = "warning" if warning else str(check.get("severity", ""))
        row = ((spec.get("matrix") or {}).get("rows") or {}).get(check.get("row"))
        if warning:
            control.action = "warning only (the action is unchanged)"
        elif isinstance(row, Mapping):
            control.action = _matrix_action(row.get("cells") or {})
            control.authority = _roles_by_column(self.authority, row.get("trigger_type"))
        elif isinstance(check.get("cell"), Mapping):
            control.action = cell_text(check["cell"])
        if not control.authority and check.get("trigger_type"):
            control.authority = _roles_by_column(self.authority, check["trigger_type"])

    def finish(self, last_change: LastChange) -> list[Control]:
        promotion = (self.profiles.get("promotion") or {}).get("default") or {}
        for control in self.controls.values():
            scope = f"{control.gate}/{control.profile}" if control.profile else control.gate
            subject = (
                f"code:{scope}:{control.code}" if control.gate != "any" else f"code:{control.code}"
            )
            control.scenarios = [
                {"name": s.name, "feature": s.feature, "passed": s.passed}
                for s in self.evidence.proving(subject)
            ]
            seen = self.evidence.findings.get((control.gate, control.code), {})
            if not control.severity:
                control.severity = ", ".join(sorted(seen.get("severity", set()))) or "-"
            if not control.action:
                actions = sorted(seen.get("action", set()))
                control.action = ", ".join(actions) or _GATE_BLOCKS.get(control.gate, "-")
            if control.gate == "promotion":
                decider = " + ".join(promotion.get("authority") or []) or "-"
                control.authority = f"{decider} decides; {self.waiver_authority(control)}"
            if not control.authority:
                control.authority = _GATE_AUTHORITY.get(control.gate, "-")
            control.last_change = last_change(control.files)
        return sorted(self.controls.values(), key=lambda c: (c.gate, c.profile or "", c.code))

    def promotion_threshold(self, control: Control, item: ThresholdItem) -> None:
        profile = (self.profiles.get("promotion") or {}).get(item.profile) or {}
        row = checklist_row(profile, item.name)
        bound = BOUNDS.get(str(row.get("direction")), "")
        value = with_unit(item.value, row.get("unit"))
        _add_unique(control.thresholds, f"{item.name} {bound} {value} ({item.profile})")

    def waiver_authority(self, control: Control) -> str:
        if control.code in (self.exceptions.get("unwaivable") or []):
            return "never waivable"
        trigger = ((self.exceptions.get("trigger_type") or {}).get(control.gate) or {}).get(
            control.code
        )
        if not trigger:
            return "not waivable (no authority row)"
        column = _column_for(
            self.authority.get("columns") or [], self.exceptions.get("promotion_phase_percent")
        )
        roles = ((self.authority.get("matrix") or {}).get(trigger) or {}).get(column) or []
        return f"a waiver needs {' + '.join(roles) or 'nobody'} ({trigger}, {column}% column)"


def _plain_words(annotation: Mapping[str, Any]) -> str:
    """A rule's words when no checklist row describes it: its METADATA description."""
    return str(annotation.get("description") or annotation.get("title") or "").strip()


def source_text(requirements: Sequence[Mapping[str, Any]]) -> str:
    """``ROLL-TRIG-01 Critical error rate ... (Sprint #1: ..., Rollback Triggers > ...)``."""
    return "; ".join(
        f"{r['id']} {r['title']} ({r['reference']})"
        if r.get("resolved")
        else f"{r['id']} (not in the requirements catalogue)"
        for r in requirements
    )


def _check_thresholds(check: Mapping[str, Any]) -> list[str]:
    unit = check.get("delta_unit") or check.get("unit")
    found = [f"limit: {limit_text(check['limit'], unit)}"] if "limit" in check else []
    keys = ("minutes", "consecutive", "failure_limit", "min_candidates", "warn_percent")
    return found + [f"{k.replace('_', ' ')}: {number(check[k])}" for k in keys if k in check]


def build_controls(
    rules: RuleSet,
    data: Mapping[str, Any],
    evidence: ScenarioEvidence,
    policy_root: str,
    last_change: LastChange,
    requirements: Catalogue,
) -> list[Control]:
    """Every control of the policy: one per (gate, rollout profile, code)."""
    catalogue = _Catalogue(data, evidence, policy_root, requirements)
    for rule_id in sorted(rules.rules):
        rule = rules.rules[rule_id]
        if rule.codes and not rule.is_private:
            catalogue.add_rule(rule)
    return catalogue.finish(last_change)
