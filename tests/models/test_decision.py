"""The decision model: an engine answer of the wrong shape is an EngineError, never a pass."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from gatekeeper.check._pipeline import exit_code_of
from gatekeeper.models import parse_decision
from gatekeeper.models._exceptions import EngineError

BLOCKED: dict[str, Any] = {
    "gate": "rollout",
    "allow": False,
    "action": "auto_rollback",
    "violations": [
        {
            "code": "ERROR_RATE",
            "message": "error rate 0.8% > 0.5% for 3 min",
            "observed": 0.008,
            "threshold": 0.005,
            "rule": "rollout.error_rate",
            "severity": "critical",
            "field": "canary.error_rate",
        }
    ],
    "warnings": [],
    "authority": ["System"],
    "decision_window_minutes": None,
    "default_action": None,
}
GO: dict[str, Any] = {
    "gate": "promotion",
    "allow": True,
    "action": "promote",
    "violations": [],
    "warnings": [],
    "authority": ["System"],
    "decision_window_minutes": None,
    "default_action": None,
}


def test_success_parses_a_blocking_decision() -> None:
    decision = parse_decision(BLOCKED, expected_gate="rollout")
    assert decision.codes == ["ERROR_RATE"]
    assert decision.violations[0].extra == {"field": "canary.error_rate"}
    assert exit_code_of(decision) == 1


def test_success_go_decision_exits_zero() -> None:
    assert exit_code_of(parse_decision(GO)) == 0


def test_success_manual_decision_with_window() -> None:
    raw = dict(BLOCKED, action="manual_decision", authority=["QA DRI"])
    raw.update(decision_window_minutes=5, default_action="auto_rollback")
    decision = parse_decision(raw)
    assert decision.decision_window_minutes == 5
    assert exit_code_of(decision) == 1


def test_fail_invalid_input_code_exits_two() -> None:
    raw = copy.deepcopy(BLOCKED)
    raw["violations"][0]["code"] = "INVALID_INPUT"
    assert exit_code_of(parse_decision(raw)) == 2


def _without(key: str) -> dict[str, Any]:
    return {k: v for k, v in BLOCKED.items() if k != key}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, "must be a decision object, got null"),
        ([BLOCKED], "must be a decision object, got array"),
        ("deny", "must be a decision object, got string"),
        (_without("allow"), "allow: required field is missing"),
        (_without("default_action"), "default_action: required field is missing"),
        (dict(BLOCKED, allow="false"), "allow: must be true or false"),
        (dict(BLOCKED, allow=0), "allow: must be true or false"),
        (dict(BLOCKED, violations={}), "violations: must be an array"),
        (dict(BLOCKED, authority="System"), "authority: must be an array"),
        (dict(BLOCKED, decision_window_minutes="5"), "decision_window_minutes"),
        (dict(BLOCKED, gate="deploy"), "gate: must be one of"),
        (dict(BLOCKED, verdict="no"), "verdict: unknown field"),
        (dict(BLOCKED, violations=[{"code": "X"}]), "violations[0].message: required field"),
        (dict(BLOCKED, action="ship"), "action 'ship' is not an action of the rollout gate"),
        (dict(BLOCKED, action="promote"), "not an action of the rollout gate"),
        (dict(BLOCKED, allow=True), "allow=true contradicts action 'auto_rollback'"),
        (dict(GO, allow=False), "allow=false contradicts action 'promote'"),
        (dict(GO, violations=BLOCKED["violations"]), "allow=true with violations"),
    ],
)
def test_fail_malformed_engine_result(raw: Any, expected: str) -> None:
    with pytest.raises(EngineError) as caught:
        parse_decision(raw)
    assert expected in str(caught.value)


def test_fail_gate_mismatch() -> None:
    with pytest.raises(EngineError, match="gate is 'rollout', but the input is for 'approval'"):
        parse_decision(BLOCKED, expected_gate="approval")


def test_success_http_wire_models_follow_the_decision_records() -> None:
    """serve's OpenAPI models name exactly the decision's and violation's fields."""
    from gatekeeper.models import DECISION_KEYS, Decision, Violation
    from gatekeeper.serve._models import DecisionResponse, Finding

    assert list(Decision._fields) == list(DECISION_KEYS)
    assert list(DecisionResponse.model_fields)[: len(DECISION_KEYS)] == list(DECISION_KEYS)
    violation_keys = [name for name in Violation._fields if name != "extra"]
    assert list(Finding.model_fields) == violation_keys
