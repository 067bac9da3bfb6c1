"""The audit's building blocks: METADATA reading, phase mapping, cell checks, thresholds."""

from __future__ import annotations

import pytest

from gatekeeper._policy_files import load_policy_set
from gatekeeper.audit._checks import decision_cells, phase_mapping, thresholds_read
from gatekeeper.audit._source import collect_rules
from gatekeeper.audit._tables import Matrix, threshold_items

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


def test_each_promotion_threshold_is_read_by_its_own_rule() -> None:
    policy = load_policy_set()
    rules = collect_rules(policy.root, policy.modules)
    items = threshold_items(policy.data)
    rule = next(r for r in rules.rules.values() if r.codes == ["SHADOW_REQUESTS"])
    assert thresholds_read(rule, items) == ["profiles.promotion.default.thresholds.shadow_requests"]
