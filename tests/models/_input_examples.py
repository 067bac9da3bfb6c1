"""Example inputs shared by the model tests (SPEC section 6 and the brief's profile shapes)."""

from __future__ import annotations

from typing import Any

PROMOTION: dict[str, Any] = {
    "gate": "promotion",
    "version": {"id": "v1-abc123", "model": "gpt-4o", "prompt": "cr-v4", "state": "shadow"},
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
    "shadow": {"requests": 1500, "duration_hours": 26},
    "gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
    "incidents": {"active": 0},
}
ROLLOUT: dict[str, Any] = {
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
APPROVAL: dict[str, Any] = {
    "gate": "approval",
    "trigger_type": "quality",
    "phase_percent": 50,
    "decision": "continue",
    "approvers": ["alice@example.com", "bob@example.com"],
}
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
