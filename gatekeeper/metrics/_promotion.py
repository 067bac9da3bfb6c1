"""Promotion-gate input from request samples: metrics, statistical tests, shadow evidence.

The candidate (the shadow version) is the ``canary`` arm, the current version the
``baseline`` arm. Fields that need data the samples lack are left out, so the policy
reports them as ``MISSING_EVIDENCE``; a test with too little data leaves its
``<name>_p_value`` out and lists that name in ``statistical_tests.insufficient_data``
(for a primary metric also ``metrics.<name>_delta``, which is then left out too: a
delta from too few samples is no evidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from gatekeeper.metrics._aggregate import totals
from gatekeeper.metrics._samples import ArmSamples, FloatArray
from gatekeeper.metrics._stats import (
    CORRECTIONS,
    Alternative,
    TestResult,
    adjust,
    mann_whitney,
    measured,
    two_proportions,
)
from gatekeeper.models._exceptions import MetricsError

DEFAULT_PRIMARY = ("accuracy",)
SECURITY_SCORE = "security_pass"
COST_SCORE = "cost"


def build_promotion(
    baseline: ArmSamples,
    canary: ArmSamples,
    primary_metrics: Sequence[str] = DEFAULT_PRIMARY,
    correction: str = "holm",
) -> dict[str, Any]:
    """The computed part of a promotion input (docs/inputs.md): metrics, tests, shadow."""
    if correction not in CORRECTIONS:
        raise MetricsError(f"unknown correction {correction!r} (expected holm or bh)")
    base_totals, cand_totals = totals(baseline), totals(canary)
    metrics: dict[str, Any] = {}
    tests: dict[str, TestResult] = {}
    if canary.size:
        metrics["p95_latency_ms"] = cand_totals["p95_latency_ms"]
        metrics["error_rate"] = cand_totals["error_rate"]
    if SECURITY_SCORE in cand_totals:
        metrics["security_pass_rate"] = cand_totals[SECURITY_SCORE]
    for name in primary_metrics:
        tests[name] = _score_test(name, canary, baseline, "greater")
        if not tests[name].insufficient:
            metrics[f"{name}_delta"] = cand_totals[name] - base_totals[name]
    if COST_SCORE in cand_totals and base_totals.get(COST_SCORE, 0.0) > 0:
        metrics["cost_delta"] = cand_totals[COST_SCORE] / base_totals[COST_SCORE] - 1.0
    if COST_SCORE in canary.scores or COST_SCORE in baseline.scores:
        tests["cost"] = _score_test(COST_SCORE, canary, baseline, "greater")
    tests["latency"] = mann_whitney("latency", canary.latency_ms, baseline.latency_ms, "greater")
    tests["error_rate"] = _flag_rates("error_rate", canary.is_error, baseline.is_error, "greater")
    document: dict[str, Any] = {
        "gate": "promotion",
        "metrics": metrics,
        "statistical_tests": _statistical_tests(tests, list(primary_metrics), correction),
    }
    if canary.size:
        document["shadow"] = {
            "requests": canary.size,
            "duration_hours": cand_totals["duration_seconds"] / 3600.0,
        }
    return document


def _score_test(
    name: str, canary: ArmSamples, baseline: ArmSamples, alternative: Alternative
) -> TestResult:
    """Two-proportion/Fisher for a 0/1 score, Mann-Whitney U for a graded one."""
    empty: FloatArray = np.empty(0)
    cand = measured(canary.scores.get(name, empty))
    base = measured(baseline.scores.get(name, empty))
    if _is_binary(cand) and _is_binary(base):
        return _flag_rates(name, cand, base, alternative)
    return mann_whitney(name, cand, base, alternative)


def _flag_rates(name: str, canary: Any, baseline: Any, alternative: Alternative) -> TestResult:
    """The two-proportion test of the share of true (or 1.0) values in each arm."""
    return two_proportions(
        name,
        int(np.count_nonzero(canary)),
        int(canary.size),
        int(np.count_nonzero(baseline)),
        int(baseline.size),
        alternative,
    )


def _is_binary(values: FloatArray) -> bool:
    return bool(np.all((values == 0.0) | (values == 1.0)))


def _statistical_tests(
    tests: dict[str, TestResult], primary: list[str], correction: str
) -> dict[str, Any]:
    """``<name>_p_value`` (two-sided; primary metrics adjusted when several), details, gaps."""
    out: dict[str, Any] = {}
    insufficient = [f"{name}_p_value" for name, result in tests.items() if result.insufficient]
    insufficient += [f"metrics.{name}_delta" for name in primary if tests[name].insufficient]
    adjusted: dict[str, float] = {}
    if len(primary) > 1:
        # An untestable primary metric still counts as a hypothesis (p = 1): conservative.
        raw = [1.0 if tests[name].insufficient else _p(tests[name]) for name in primary]
        adjusted = {
            name: float(v) for name, v in zip(primary, adjust(raw, correction), strict=True)
        }
    for name, result in tests.items():
        if result.insufficient:
            continue
        out[f"{name}_p_value"] = adjusted.get(name, _p(result))
    out["insufficient_data"] = insufficient
    if len(primary) > 1:
        out["correction"] = {"method": correction, "primary_metrics": primary}
    out["details"] = {name: result.as_dict() for name, result in tests.items()}
    return out


def _p(result: TestResult) -> float:
    if result.p_value is None:
        raise MetricsError(f"{result.metric}: no p-value")
    return result.p_value
