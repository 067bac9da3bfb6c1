"""Input models: every rejection class names the field path; evidence may be absent."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from _input_examples import APPROVAL, PROFILES, PROMOTION, ROLLOUT

from gatekeeper.models import validate_input
from gatekeeper.models._exceptions import InputError


def _with(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with the dotted ``path`` set to ``value`` (``[i]`` for lists)."""
    result = copy.deepcopy(document)
    target: Any = result
    parts = path.replace("[", ".[").split(".")
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value
    return result


@pytest.mark.parametrize(
    "document",
    [PROMOTION, ROLLOUT, APPROVAL, *PROFILES.values()],
    ids=["promotion", "rollout", "approval", *PROFILES],
)
def test_success_spec_examples_validate_and_stay_untouched(document: dict[str, Any]) -> None:
    before = copy.deepcopy(document)
    checked = validate_input(document)
    assert checked.document == before
    assert checked.document is document


def test_success_profile_defaults_to_decision_matrix() -> None:
    document = {key: value for key, value in ROLLOUT.items() if key != "profile"}
    assert validate_input(document).profile == "decision-matrix"


def test_success_shadow_version_without_gate_is_promotion() -> None:
    document = {key: value for key, value in PROMOTION.items() if key != "gate"}
    assert validate_input(document).gate == "promotion"


@pytest.mark.parametrize(
    "document",
    [
        {"gate": "rollout"},
        {"gate": "promotion"},
        {"gate": "approval"},
        {"gate": "rollout", "canary": {}, "baseline": {}},
        {"gate": "rollout", "profile": "environment", "canary": {"buckets": {}}},
    ],
)
def test_success_missing_evidence_is_left_to_the_policy(document: dict[str, Any]) -> None:
    assert validate_input(document).document == document


def test_success_unknown_fields_are_allowed_and_kept() -> None:
    document = _with(ROLLOUT, "canary.collector", {"name": "prom", "lag_s": 3})
    document["trace_id"] = "abc"
    assert validate_input(document).document["canary"]["collector"] == {"name": "prom", "lag_s": 3}


def test_success_integral_float_count_is_accepted_but_not_rewritten() -> None:
    document = _with(PROMOTION, "shadow.requests", 1500.0)
    checked = validate_input(document)
    assert checked.document["shadow"]["requests"] == 1500.0
    assert isinstance(checked.document["shadow"]["requests"], float)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # a number given as a string
        (_with(ROLLOUT, "phase_percent", "25"), 'phase_percent: must be a number, got string "25"'),
        (
            _with(PROMOTION, "metrics.error_rate", "0.01"),
            "metrics.error_rate: must be a number, got string",
        ),
        (_with(ROLLOUT, "canary.error_rate[1]", "0.1"), "canary.error_rate[1]: must be a number"),
        (_with(ROLLOUT, "canary.error_rate[1]", True), "canary.error_rate[1]: must be a number"),
        # NaN / Infinity
        (
            _with(ROLLOUT, "canary.error_rate[2]", float("nan")),
            "canary.error_rate[2]: must be a finite number",
        ),
        (
            _with(PROMOTION, "metrics.p95_latency_ms", float("inf")),
            "metrics.p95_latency_ms: must be a finite number",
        ),
        (_with(ROLLOUT, "trace", float("-inf")), "trace: must be a finite number"),
        # rates outside [0, 1]
        (
            _with(ROLLOUT, "canary.error_rate[2]", 1.5),
            "canary.error_rate[2]: must be within [0, 1] (got 1.5)",
        ),
        (
            _with(PROMOTION, "gold_set.overall_pass_rate", -0.1),
            "gold_set.overall_pass_rate: must be within [0, 1]",
        ),
        (
            _with(ROLLOUT, "canary.shards.shard-a.cpu[0]", 1.01),
            "canary.shards.shard-a.cpu[0]: must be within [0, 1]",
        ),
        (
            _with(PROMOTION, "statistical_tests.accuracy_p_value", 2),
            "statistical_tests.accuracy_p_value: must be within [0, 1]",
        ),
        # negative counts and measurements
        (_with(PROMOTION, "shadow.requests", -1), "shadow.requests: must be >= 0"),
        (_with(PROMOTION, "incidents.active", -2), "incidents.active: must be >= 0"),
        (_with(PROMOTION, "shadow.requests", 10.5), "shadow.requests: must be a whole number"),
        (
            _with(ROLLOUT, "canary.p99_latency_ms[0]", -5),
            "canary.p99_latency_ms[0]: must be >= 0",
        ),
        (
            _with(ROLLOUT, "pending_decision.minutes_pending", -1),
            "pending_decision.minutes_pending: must be >= 0",
        ),
        # phase outside (0, 100]
        (_with(ROLLOUT, "phase_percent", 0), "phase_percent: must be within (0, 100]"),
        (_with(ROLLOUT, "phase_percent", 100.5), "phase_percent: must be within (0, 100]"),
        (_with(APPROVAL, "phase_percent", -5), "phase_percent: must be within (0, 100]"),
        (_with(ROLLOUT, "interval_seconds", 0), "interval_seconds: must be > 0"),
        # unknown gate, profile, environment and enumerations
        (_with(ROLLOUT, "gate", "deploy"), 'gate: unknown gate "deploy"'),
        (_with(ROLLOUT, "gate", 7), "gate: unknown gate 7"),
        ({"canary": {}}, "gate: missing"),
        ({"version": {"state": "live"}}, "gate: missing"),
        (
            _with(ROLLOUT, "profile", "canary-magic"),
            'profile: unknown rollout profile "canary-magic"',
        ),
        (
            _with(PROFILES["environment"], "environment", "staging"),
            "environment: must be one of 'development', 'pre-production' or 'production'",
        ),
        (_with(PROMOTION, "profile", "strict"), "profile: must be one of 'default'"),
        (_with(APPROVAL, "trigger_type", "vibes"), "trigger_type: must be one of"),
        (_with(APPROVAL, "decision", "ship-it"), "decision: must be one of"),
        (
            _with(ROLLOUT, "pending_decision.trigger", "latency"),
            "pending_decision.trigger: must be one of",
        ),
        (
            _with(PROFILES["model-registry"], "canary.drift_severity", "extreme"),
            "canary.drift_severity: must be one of",
        ),
        (
            _with(PROFILES["model-registry"], "versions[0].status", "gone"),
            "versions[0].status: must be one of",
        ),
        # wrong shapes
        (_with(APPROVAL, "approvers", "alice@example.com"), "approvers: must be an array"),
        (_with(ROLLOUT, "canary", [0.1]), "canary: must be an object, got array"),
        (_with(ROLLOUT, "canary.success_gates.recall_at_50", "yes"), "must be true or false"),
        (_with(PROFILES["gray-scale"], "canary.slo_checks[0]", 1), "canary.slo_checks[0]"),
        # explicit null for a known field (Rego orders null below every number)
        (_with(ROLLOUT, "canary.ndcg_at_10", None), "canary.ndcg_at_10: must not be null"),
        # not an object at all
        ([ROLLOUT], "input: must be a JSON object, got array"),
        ("rollout", "input: must be a JSON object, got string"),
    ],
)
def test_fail_rejected_with_field_path(document: Any, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_input(document)
    assert expected in str(caught.value)


def test_fail_several_errors_are_all_named() -> None:
    document = _with(ROLLOUT, "phase_percent", 0)
    document = _with(document, "canary.error_rate[0]", 3)
    with pytest.raises(InputError) as caught:
        validate_input(document)
    message = str(caught.value)
    assert "phase_percent: must be within (0, 100]" in message
    assert "canary.error_rate[0]: must be within [0, 1]" in message


def test_fail_misspelt_field_is_absent_evidence_not_a_value() -> None:
    """The documented choice: a typo is an unknown field, so the real field is absent."""
    document = copy.deepcopy(ROLLOUT)
    document["canary"]["eror_rate"] = document["canary"].pop("error_rate")
    checked = validate_input(document)
    assert "error_rate" not in checked.document["canary"]
    assert checked.notes == (
        "canary.eror_rate is not a known field (did you mean canary.error_rate?); "
        "canary.error_rate counts as missing evidence",
    )


def test_success_unrelated_unknown_fields_give_no_note() -> None:
    document = _with(ROLLOUT, "canary.collector", "prometheus")
    assert validate_input(document).notes == ()
