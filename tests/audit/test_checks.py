"""The audit's building blocks: METADATA reading, phase mapping, cell checks, thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gatekeeper.audit._checks import decision_cells, phase_mapping, thresholds_read
from gatekeeper.audit._report import Inputs, _rule_entry, threshold_codes
from gatekeeper.audit._scenarios import from_coverage
from gatekeeper.audit._source import collect_rules
from gatekeeper.audit._tables import Matrix, threshold_items
from gatekeeper.policy._files import load_policy_set

ACTIONS = ["auto_rollback", "manual_decision", "continue"]


@pytest.mark.opa
def test_python_metadata_reader_agrees_with_opa_inspect(opa_binary: str) -> None:
    policy = load_policy_set()
    by_opa = collect_rules(policy.root, policy.modules, opa_binary)
    by_python = collect_rules(policy.root, policy.modules)
    assert by_opa.metadata_source == "opa-inspect"
    assert by_python.metadata_source == "python-yaml"
    assert set(by_opa.rules) == set(by_python.rules)

    def normal(annotation: dict[str, object] | None) -> dict[str, object] | None:
        if annotation is None:
            return None
        cleaned = {k: v for k, v in annotation.items() if k != "scope"}
        return {k: v.strip() if isinstance(v, str) else v for k, v in cleaned.items()}

    differences = [
        rule_id
        for rule_id, rule in by_opa.rules.items()
        if normal(rule.annotation) != normal(by_python.rules[rule_id].annotation)
    ]
    assert differences == []
    for name, package in by_opa.packages.items():
        assert normal(package.annotation) == normal(by_python.packages[name].annotation), name


def test_phase_mapping_of_the_seed_columns() -> None:
    result = phase_mapping("t", [5, 25, 50, 100])
    assert result.ok
    assert result.detail == "1-5 -> 5, 6-25 -> 25, 26-50 -> 50, 51-100 -> 100"


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        ([5, 25, 50], "phases 51..100 map to no column"),
        ([5, 25, 25, 100], "duplicated column"),
        ([5, "25", 100], "columns must be integers"),
        ([0, 100], "columns must lie in 1..100"),
    ],
)
def test_phase_mapping_failures(columns: list[object], problem: str) -> None:
    result = phase_mapping("t", columns)
    assert not result.ok
    assert problem in result.detail


def test_decision_cells_one_known_action_per_cell() -> None:
    matrix = Matrix(
        name="m",
        title="m",
        source="test",
        columns=["5", "25", "50", "100"],
        rows={
            "row": {
                "5": {"action": "auto_rollback"},
                "25": {"action": "manual_decision", "window_minutes": 5,
                       "default_action": "auto_rollback"},
                "50": {"action": ["auto_rollback", "continue"]},
                "100": {"action": "auto_rollback", "window_minutes": 3},
                "75": {"action": "auto_rollback"},
            },
            "other": {
                "5": {"action": "explode"},
                "25": {"action": "manual_decision"},
                "50": {"action": "manual_decision", "window_minutes": 2,
                       "default_action": "manual_decision"},
            },
        },
    )  # fmt: skip
    results = {r.subject: r for r in decision_cells(matrix, ACTIONS)}
    assert results["m[row][5]"].ok and results["m[row][25]"].ok
    assert "more than one action" in results["m[row][50]"].detail
    assert "contradictory" in results["m[row][100]"].detail
    assert "unknown columns ['75']" in results["m[row]"].detail
    assert "unknown action 'explode'" in results["m[other][5]"].detail
    assert "without a decision window" in results["m[other][25]"].detail
    assert "not an automatic action" in results["m[other][50]"].detail
    assert results["m[other][100]"].detail == "no action"


def _checklist_rows() -> list[dict[str, Any]]:
    data = load_policy_set().data
    rows: list[dict[str, Any]] = data["gatekeeper"]["profiles"]["promotion"]["default"]["checklist"]
    return rows


def test_each_promotion_threshold_guards_only_its_own_checklist_code() -> None:
    policy = load_policy_set()
    rows = _checklist_rows()
    codes = threshold_codes(threshold_items(policy.data), [])
    promotion = {p: c for p, c in codes.items() if p.startswith("profiles.promotion.")}
    assert promotion == {
        f"profiles.promotion.default.thresholds.{row['threshold']}": [f"promotion:{row['code']}"]
        for row in rows
    }
    assert promotion["profiles.promotion.default.thresholds.shadow_requests"] == [
        "promotion:SHADOW_REQUESTS"
    ]
    assert promotion["profiles.promotion.default.thresholds.statistical_significance_p"] == [
        "promotion:SIGNIFICANCE"
    ]


def test_checklist_rules_declare_exactly_the_codes_of_their_rows() -> None:
    policy = load_policy_set()
    rules = collect_rules(policy.root, policy.modules)
    items = threshold_items(policy.data)
    judged = [
        r
        for r in rules.rules.values()
        if r.package == "gatekeeper.promotion" and r.definitions[0].file.endswith("checklist.rego")
    ]
    declared = [code for rule in judged for code in rule.codes]
    assert sorted(declared) == sorted(row["code"] for row in _checklist_rows())
    significance = next(r for r in judged if r.codes == ["SIGNIFICANCE"])
    assert thresholds_read(significance, items) == [
        "profiles.promotion.default.thresholds.statistical_significance_p"
    ]


def test_rule_ids_name_every_unit_without_quote_marks() -> None:
    policy = load_policy_set()
    rules = collect_rules(policy.root, policy.modules)
    assert not [rule_id for rule_id in rules.rules if "'" in rule_id]
    invalid = sorted(r for r in rules.rules if r.startswith("gatekeeper.promotion.violations[INV"))
    assert invalid == [
        "gatekeeper.promotion.violations[INVALID_INPUT evidence.rego:Evidence not a number]",
        "gatekeeper.promotion.violations[INVALID_INPUT promotion.rego:Unknown profile]",
        "gatekeeper.promotion.violations[INVALID_INPUT thresholds.rego:Threshold not a number]",
        "gatekeeper.promotion.violations[INVALID_INPUT thresholds.rego:Thresholds not an object]",
    ]
    assert "gatekeeper.promotion.violations[SIGNIFICANCE]" in rules.rules
    limits = [r for r in rules.rules if r.startswith("gatekeeper.promotion.violations[SHADOW_")]
    assert limits == [
        "gatekeeper.promotion.violations[SHADOW_REQUESTS,SHADOW_DURATION,GOLD_SECURITY,"
        "GOLD_OVERALL,COST,INCIDENTS,P95_LATENCY,ERROR_RATE,ACCURACY_DELTA,SECURITY_PASS_RATE]"
    ]


def test_units_alike_in_codes_file_and_title_are_told_apart_by_line(tmp_path: Path) -> None:
    block = "# METADATA\n# title: Same\n# description: d\n# custom:\n#   code: X\n"
    source = f"package p\n\n{block}v contains 1 if true\n\n{block}v contains 2 if true\n"
    rules = collect_rules(tmp_path, {"p/p.rego": source})
    assert sorted(rules.rules) == ["p.v[X p.rego:Same]", "p.v[X p.rego:Same]@p/p.rego:15"]


def _run(rules: list[str], observed: list[list[str]], outcome: str = "passed") -> dict[str, Any]:
    return {
        "name": "n",
        "nodeid": f"f::{len(rules)}{len(observed)}{outcome}",
        "outcome": outcome,
        "cells": [],
        "rules": rules,
        "gates": [["rollout", "decision-matrix"]],
        "observed": observed,
        "example": {},
        "tags": [],
    }


def test_a_declared_code_counts_as_emitted_only_when_a_decision_held_it() -> None:
    declared_only = from_coverage({"scenarios": [_run(["ERROR_RATE_SUSTAINED"], [])]}, "t")
    assert declared_only.proven("code:rollout:ERROR_RATE_SUSTAINED")
    assert not declared_only.proven("fired:rollout:ERROR_RATE_SUSTAINED")
    seen = from_coverage({"scenarios": [_run(["ERROR_RATE"], [["rollout", "ERROR_RATE"]])]}, "t")
    assert seen.proven("fired:rollout:ERROR_RATE")
    other_gate = from_coverage(
        {"scenarios": [_run(["ERROR_RATE"], [["promotion", "ERROR_RATE"]])]}, "t"
    )
    assert not other_gate.proven("fired:rollout:ERROR_RATE")
    failed = from_coverage(
        {"scenarios": [_run(["ERROR_RATE"], [["rollout", "ERROR_RATE"]], "failed")]}, "t"
    )
    assert not failed.proven("fired:rollout:ERROR_RATE")


def test_a_check_threshold_is_guarded_by_its_code_and_its_warning_code() -> None:
    policy = load_policy_set()
    codes = threshold_codes(threshold_items(policy.data), [])
    assert codes["profiles.rollout.model-registry.checks.rollback_target"] == [
        "rollout/model-registry:NO_ROLLBACK_TARGET",
        "rollout/model-registry:ROLLBACK_CANDIDATES_LOW",
    ]
    assert codes["profiles.rollout.decision-matrix.checks.critical_error_rate"] == [
        "rollout/decision-matrix:ERROR_RATE"
    ]


def test_a_code_declared_but_never_emitted_is_a_named_gap() -> None:
    policy = load_policy_set()
    rules = collect_rules(policy.root, policy.modules)
    rule = rules.rules["gatekeeper.rollout.checks.flags.findings"]
    runs = [_run(["SUCCESS_GATE_FAILURE"], [])]
    evidence = from_coverage({"scenarios": runs}, "t")
    inputs = Inputs(policy, rules, None, None, evidence)  # type: ignore[arg-type]
    _, gaps = _rule_entry(rule, inputs, [], policy.root)
    assert [(g.kind, g.subject) for g in gaps] == [("rule-without-scenario", rule.rule_id)]
    assert "never emitted" in gaps[0].detail
    runs[0]["observed"] = [["rollout", "SUCCESS_GATE_FAILURE"]]
    inputs.scenarios = from_coverage({"scenarios": runs}, "t")
    assert _rule_entry(rule, inputs, [], policy.root)[1] == []


def test_each_examples_row_is_its_own_scenario() -> None:
    first = {**_run(["ERROR_RATE"], [["rollout", "ERROR_RATE"]], "failed"), "nodeid": "::t"}
    second = {**_run(["P99_LATENCY"], [["rollout", "P99_LATENCY"]]), "nodeid": "::t"}
    first["example"], second["example"] = {"rule": "ERROR_RATE"}, {"rule": "P99_LATENCY"}
    first["feature"] = second["feature"] = "d.feature"
    evidence = from_coverage({"scenarios": [first, second]}, "t")
    assert sorted(evidence.scenarios) == [
        "d.feature::t[rule=ERROR_RATE]",
        "d.feature::t[rule=P99_LATENCY]",
    ]
    assert not evidence.proven("code:rollout:ERROR_RATE")
    assert evidence.proven("code:rollout:P99_LATENCY")
