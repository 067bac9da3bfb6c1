"""Rollout-gate input from per-interval series, for each profile the data supports.

Series go into the input oldest first, newest last. The gate input cannot hold
``null`` (Rego orders null below every number), so an interval without data cuts a
series: only the trailing run of intervals that have data is kept, and a series
whose newest interval has no data is left out (the policy then reports
``MISSING_EVIDENCE`` and pauses). Every such cut is listed in ``insufficient_data``.

A member of a group never vanishes with its data: a shard whose series stopped
reporting (a crashed or OOM-killed shard is exactly the one that stops) stays in
``canary.shards`` without that series, so the policy names it as missing evidence;
a value across shards is missing for an interval in which any shard that reported
in the window is missing. See docs/build-input.md and docs/security.md.
Fields the measurements cannot give (success gates, SLO checks, health checks,
drift, versions...) are left out; supply them with a base document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gatekeeper.metrics._samples import FloatArray
from gatekeeper.metrics._sequential_input import profile_statistics, sequential_evidence
from gatekeeper.metrics._series import ArmSeries, SeriesSet
from gatekeeper.models._contract import ROLLOUT_PROFILE_NAMES
from gatekeeper.models._exceptions import MetricsError

PROFILES = ROLLOUT_PROFILE_NAMES
ENVIRONMENTS = ("development", "pre-production", "production")


class _Builder:
    """Collects fields and the gaps found while turning series into input fields."""

    def __init__(self, series: SeriesSet, window: int | None) -> None:
        self.series = series
        self.window = window
        self.gaps: list[str] = []

    def trailing(self, values: FloatArray | None, field: str) -> list[float] | None:
        """The trailing run of intervals with data (within the window), or None if none."""
        if values is None:
            return None
        if self.window is not None:
            values = values[-self.window :]
        missing = np.flatnonzero(~np.isfinite(values))
        if missing.size:
            self.gaps.append(field)
            values = values[int(missing[-1]) + 1 :]
        return [float(v) for v in values] if values.size else None

    def put(self, target: dict[str, Any], key: str, value: Any) -> None:
        if value is not None:
            target[key] = value

    def put_series(
        self, target: dict[str, Any], key: str, arm: ArmSeries, metric: str | None = None
    ) -> None:
        """Put the canary's trailing series of ``metric`` (default: ``key``) at ``key``."""
        self.put(target, key, self.trailing(arm.metrics.get(metric or key), f"canary.{key}"))


def build_rollout(
    series: SeriesSet,
    profile: str = "decision-matrix",
    phase_percent: float | None = None,
    environment: str | None = None,
    window_intervals: int | None = None,
    policy_dir: Path | None = None,
) -> dict[str, Any]:
    """The computed part of a rollout input (docs/inputs.md: the profile shapes).

    A profile whose data declares ``statistics`` (in ``policy_dir``, default the policy
    in force) also gets ``canary.sequential``: gatekeeper.metrics._sequential_input.
    """
    if profile not in PROFILES:
        raise MetricsError(f"unknown rollout profile {profile!r} (expected {'|'.join(PROFILES)})")
    if phase_percent is not None and not 0 < phase_percent <= 100:
        raise MetricsError(f"phase_percent must be within (0, 100], got {phase_percent}")
    if environment is not None and environment not in ENVIRONMENTS:
        raise MetricsError(f"unknown environment {environment!r}")
    if window_intervals is not None and window_intervals <= 0:
        raise MetricsError(f"window must be at least one interval, got {window_intervals}")
    builder = _Builder(series, window_intervals)
    canary, baseline = series.arm("canary"), series.arm("baseline")
    document: dict[str, Any] = {
        "gate": "rollout",
        "profile": profile,
        "interval_seconds": series.interval_seconds,
    }
    if phase_percent is not None:
        document["phase_percent"] = phase_percent
    if environment is not None:
        document["environment"] = environment
    sides = _PROFILE_BUILDERS[profile](builder, canary, baseline)
    statistics = profile_statistics(profile, policy_dir)
    if statistics is not None:
        evidence = sequential_evidence(
            _windowed(canary, window_intervals),
            _windowed(baseline, window_intervals),
            statistics,
            builder.gaps,
        )
        sides[0]["sequential"] = evidence  # even empty: never filled from a base document
    for side, fields in zip(("canary", "baseline"), sides, strict=True):
        if fields:
            document[side] = fields
    document["insufficient_data"] = builder.gaps
    return document


def _windowed(arm: ArmSeries, window: int | None) -> ArmSeries:
    """``arm`` with only the trailing ``window`` intervals of each series."""
    if window is None:
        return arm
    return ArmSeries(arm=arm.arm, metrics={k: v[-window:] for k, v in arm.metrics.items()})


Sides = tuple[dict[str, Any], dict[str, Any]]
"""The canary's and the baseline's fields of one profile."""


def _decision_matrix(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put_series(cand, "error_rate", canary)
    b.put_series(cand, "p99_latency_ms", canary)
    shards: dict[str, Any] = {}
    for name, resources in sorted(canary.shards.items()):
        shard: dict[str, Any] = {}
        for resource in ("cpu", "memory"):
            field = f"canary.shards.{name}.{resource}"
            b.put(shard, resource, b.trailing(resources.get(resource), field))
        shards[name] = shard  # kept without a series that stopped: missing evidence
    b.put(cand, "shards", shards or None)
    b.put(cand, "ndcg_at_10", canary.totals.get("ndcg_at_10"))
    base: dict[str, Any] = {}
    b.put(base, "p99_latency_ms", baseline.totals.get("p99_latency_ms"))
    b.put(base, "ndcg_at_10", baseline.totals.get("ndcg_at_10"))
    return cand, base


def _gray_scale(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put_series(cand, "error_rate", canary)
    b.put_series(cand, "p95_latency_ms", canary)
    b.put(cand, "security_pass_rate", canary.totals.get("security_pass"))
    return cand, {}


def _environment(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put(cand, "pass_rate", canary.totals.get("success_rate"))
    b.put(cand, "quality_score", canary.totals.get("quality_score"))
    b.put_series(cand, "error_rate", canary)
    b.put_series(cand, "p95_latency_ms", canary)
    b.put(cand, "buckets", _buckets(canary))
    base: dict[str, Any] = {}
    for key, total in (
        ("pass_rate", "success_rate"),
        ("quality_score", "quality_score"),
        ("error_rate", "error_rate"),
        ("p95_latency_ms", "p95_latency_ms"),
    ):
        b.put(base, key, baseline.totals.get(total))
    b.put(base, "buckets", _buckets(baseline))
    return cand, base


def _buckets(arm: ArmSeries) -> dict[str, Any] | None:
    if not arm.buckets:
        return None
    return {name: {"pass_rate": stats["pass_rate"]} for name, stats in sorted(arm.buckets.items())}


def _model_registry(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put_series(cand, "success_rate", canary)
    b.put(cand, "performance_score", canary.totals.get("performance_score"))
    base: dict[str, Any] = {}
    b.put(base, "performance_score", baseline.totals.get("performance_score"))
    return cand, base


def _blue_green(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put_series(cand, "error_rate", canary)
    b.put_series(cand, "response_time_ms", canary, "mean_latency_ms")
    for resource in ("memory", "cpu"):
        b.put(cand, resource, b.trailing(_across_shards(canary, resource), f"canary.{resource}"))
    return cand, {}


def _across_shards(arm: ArmSeries, resource: str) -> FloatArray | None:
    """Per interval, the highest value of every shard (or the unsharded series).

    An interval in which any shard lacks a value has none (NaN): the highest of the
    shards still reporting is not the highest of the shards.
    """
    if resource in arm.metrics:
        return arm.metrics[resource]
    columns = [r[resource] for r in arm.shards.values() if resource in r]
    if not columns:
        return None
    stacked = np.vstack(columns)
    out: FloatArray = np.full(stacked.shape[1], np.nan)
    measured = np.isfinite(stacked).all(axis=0)
    out[measured] = np.max(stacked[:, measured], axis=0)
    return out


def _sequential(b: _Builder, canary: ArmSeries, baseline: ArmSeries) -> Sides:
    cand: dict[str, Any] = {}
    b.put_series(cand, "error_rate", canary)
    b.put_series(cand, "p99_latency_ms", canary)
    return cand, {}


_PROFILE_BUILDERS = {
    "decision-matrix": _decision_matrix,
    "gray-scale": _gray_scale,
    "environment": _environment,
    "model-registry": _model_registry,
    "blue-green": _blue_green,
    "sequential": _sequential,
}
