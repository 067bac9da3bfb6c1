"""Example inputs shared by the model tests (the documentation's examples, every profile)."""

from __future__ import annotations

from typing import Any

from gatekeeper.models._examples import (
    APPROVAL_EXAMPLE,
    PROMOTION_EXAMPLE,
    ROLLOUT_EXAMPLE,
    example,
)

PROMOTION: dict[str, Any] = example(PROMOTION_EXAMPLE)
ROLLOUT: dict[str, Any] = example(ROLLOUT_EXAMPLE)
APPROVAL: dict[str, Any] = example(APPROVAL_EXAMPLE)
PROFILES: dict[str, dict[str, Any]] = {
    "gray-scale": {
        "gate": "rollout",
        "profile": "gray-scale",
        "phase_percent": 5,
        "canary": {
            "slo_checks": [True, False, False],
            "security_pass_rate": 0.97,
            "error_rate": [0.01, 0.02],
            "p95_latency_ms": [2000, 2100],
            "daily_cost": 80.5,
            "daily_cost_budget": 100,
        },
    },
    "environment": {
        "gate": "rollout",
        "profile": "environment",
        "environment": "production",
        "phase_percent": 50,
        "canary": {
            "pass_rate": 0.91,
            "quality_score": 0.82,
            "error_rate": [0.01],
            "p95_latency_ms": [900],
            "buckets": {"melody": {"pass_rate": 0.9}},
        },
        "baseline": {
            "pass_rate": 0.92,
            "quality_score": 0.83,
            "error_rate": 0.01,
            "p95_latency_ms": 880,
            "buckets": {"melody": {"pass_rate": 0.91}},
        },
    },
    "model-registry": {
        "gate": "rollout",
        "profile": "model-registry",
        "phase_percent": 10,
        "canary": {
            "success_rate": [0.995, 0.999],
            "drift_severity": "low",
            "performance_score": 0.8,
        },
        "baseline": {"performance_score": 0.82},
        "versions": [{"version": "v7", "status": "archived", "was_production": True}],
        "rollback_target": "v7",
    },
    "blue-green": {
        "gate": "rollout",
        "profile": "blue-green",
        "phase_percent": 100,
        "canary": {
            "health_checks": [True, True],
            "error_rate": [0.01],
            "response_time_ms": [1200],
            "memory": [0.5],
            "cpu": [0.4],
        },
        "post_rollback": {
            "health": "healthy",
            "version": "blue-41",
            "expected_version": "blue-41",
            "error_rate": 0.001,
            "response_time_ms": 800,
        },
    },
}
