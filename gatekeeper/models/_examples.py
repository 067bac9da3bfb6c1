"""The example inputs of the documentation, in one place.

The promotion input of docs/promotion-approval.md
(``scenarios/promotion/deny--seed-003-example.json``, which lacks the checklist
evidence), the evidence that completes it, and one valid input of each gate. The
Gherkin steps and the tests build on these instead of keeping copies of their own.
"""

from __future__ import annotations

import copy
from typing import Any

DOCUMENTED_PROMOTION: dict[str, Any] = {
    "version": {
        "id": "v1-abc123",
        "model": "gpt-4o-2024-05-13",
        "prompt": "code-review-v4-exp",
        "state": "shadow",
    },
    "metrics": {
        "p95_latency_ms": 2500,
        "error_rate": 0.01,
        "accuracy_delta": 0.03,
        "security_pass_rate": 0.995,
        "cost_delta": 0.05,
    },
    "statistical_tests": {"accuracy_p_value": 0.02, "latency_p_value": 0.15, "cost_p_value": 0.08},
    "thresholds": {
        "p95_latency_ms": 3000,
        "error_rate": 0.02,
        "accuracy_delta": 0.02,
        "security_pass_rate": 0.99,
        "cost_increase_max": 0.1,
        "statistical_significance_p": 0.05,
    },
}

PASSING_EVIDENCE: dict[str, Any] = {
    "shadow": {"requests": 1500, "duration_hours": 26},
    "gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
    "incidents": {"active": 0},
}

PROMOTION_EXAMPLE: dict[str, Any] = {
    "gate": "promotion",
    **DOCUMENTED_PROMOTION,
    **PASSING_EVIDENCE,
}

ROLLOUT_EXAMPLE: dict[str, Any] = {
    "gate": "rollout",
    "profile": "decision-matrix",
    "phase_percent": 25,
    "interval_seconds": 60,
    "canary": {
        "error_rate": [0.001, 0.006, 0.007, 0.008],
        "p99_latency_ms": [180, 190, 185, 188],
        "shards": {"shard-a": {"cpu": [0.50, 0.61], "memory": [0.40, 0.41]}},
        "success_gates": {"recall_at_50": True, "p99_budget": True},
        "ndcg_at_10": 0.5231,
    },
    "baseline": {"p99_latency_ms": 180, "ndcg_at_10": 0.5234},
    "pending_decision": {"trigger": "quality_regression", "minutes_pending": 3},
}

APPROVAL_EXAMPLE: dict[str, Any] = {
    "gate": "approval",
    "trigger_type": "quality",
    "phase_percent": 50,
    "decision": "continue",
    "approvers": ["alice@example.com", "bob@example.com"],
}


def example(document: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of one example, safe to change."""
    return copy.deepcopy(document)


def scenario_rule_set(relative: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The profile and environment a caller chooses for a file of ``scenarios/``.

    ``relative`` is the file's path below ``scenarios/`` as parts. A rollout input
    lives in ``rollout/<profile>/``, and an ``environment`` input in
    ``rollout/environment/<environment>/`` (directly in ``rollout/environment/``
    when the caller names no environment). Other gates have no rule set to choose.
    """
    if len(relative) < 3 or relative[0] != "rollout":
        return None, None
    profile = relative[1]
    environment = relative[2] if profile == "environment" and len(relative) > 3 else None
    return profile, environment


def scenario_options(relative: tuple[str, ...]) -> list[str]:
    """``gatekeeper check`` options for a file of ``scenarios/`` (see :func:`scenario_rule_set`)."""
    profile, environment = scenario_rule_set(relative)
    options = ["--profile", profile] if profile else []
    return options + (["--environment", environment] if environment else [])
