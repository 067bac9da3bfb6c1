"""The ``canary.sequential`` evidence of a rollout input, for a profile that asks for it.

A rollout profile that judges triggers statistically declares, in its Rego data,
``statistics.false_rollback_alpha`` and the checks judged (``statistics.judged``), each
naming the ``metric`` it reads. The budget is split evenly across those checks
(Bonferroni on e-values): each metric's bound is computed at ``alpha / k``. The policy
decides; this module only measures, at the level the profile's data declares, and
records that level beside the evidence so a policy with another budget refuses it
(docs/statistics.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gatekeeper.metrics._sequential import compare_counts, count_series
from gatekeeper.metrics._series import ArmSeries
from gatekeeper.metrics._tail import SLOW_METRIC
from gatekeeper.models._exceptions import MetricsError, PolicyError

METRIC_COUNTS = {"error_rate": "errors", "p99_latency": SLOW_METRIC}
"""Metric a sequential check reads -> the per-interval count series of each arm."""


@dataclass(frozen=True)
class Statistics:
    """A profile's declared budget and the metrics judged against it."""

    alpha: float
    metrics: tuple[str, ...]

    @property
    def level(self) -> float:
        """The level of each metric's test and bound: the budget split evenly."""
        return self.alpha / len(self.metrics)


def profile_statistics(profile: str, policy_dir: Path | None = None) -> Statistics | None:
    """The ``statistics`` block of a rollout profile's data, or None when it has none."""
    from gatekeeper.policy._documents import read_data_file
    from gatekeeper.policy._files import default_policy_dir

    root = policy_dir or default_policy_dir()
    path = root / "gatekeeper" / "profiles" / "rollout" / profile / "data.json"
    if not path.is_file():
        return None
    try:
        data = read_data_file(path)
    except PolicyError as exc:
        raise MetricsError(f"cannot read the profile data: {exc}") from exc
    block = data.get("statistics") if isinstance(data, dict) else None
    if block is None:
        return None
    return _parse(block, data.get("checks") or {}, f"{path}: statistics")


def _parse(block: Any, checks: Any, where: str) -> Statistics:
    if not isinstance(block, dict):
        raise MetricsError(f"{where}: must be an object")
    alpha = block.get("false_rollback_alpha")
    if not isinstance(alpha, int | float) or isinstance(alpha, bool) or not 0 < alpha < 1:
        raise MetricsError(f"{where}.false_rollback_alpha: a number within (0, 1) is required")
    judged = block.get("judged")
    if not isinstance(judged, list) or not judged:
        raise MetricsError(f"{where}.judged: a non-empty list of check names is required")
    metrics: list[str] = []
    for name in judged:
        check = checks.get(name) if isinstance(checks, dict) else None
        metric = check.get("metric") if isinstance(check, dict) else None
        if metric not in METRIC_COUNTS:
            raise MetricsError(
                f"{where}.judged: check {name!r} names no metric the builder measures "
                f"({'|'.join(METRIC_COUNTS)})"
            )
        metrics.append(str(metric))
    return Statistics(alpha=float(alpha), metrics=tuple(metrics))


def sequential_evidence(
    canary: ArmSeries, baseline: ArmSeries, statistics: Statistics, gaps: list[str]
) -> dict[str, Any]:
    """``canary.sequential``: per metric, the evidence at the newest look.

    A metric whose counts are missing is left out and listed in ``gaps`` (the policy
    then reports missing evidence and pauses: never a silent pass).
    """
    out: dict[str, Any] = {}
    for metric in dict.fromkeys(statistics.metrics):
        counts = METRIC_COUNTS[metric]
        arrays = [
            arm.metrics.get(name) for arm in (canary, baseline) for name in (counts, "requests")
        ]
        if any(a is None for a in arrays) or not _has_look(arrays):
            gaps.append(f"canary.sequential.{metric}")
            continue
        ce, cn, be, bn = (np.asarray(a, dtype=np.float64) for a in arrays)
        series = count_series(ce, cn, be, bn, f"canary.sequential.{metric}")
        out[metric] = compare_counts(series, statistics.level).as_evidence()
    return out


def _has_look(arrays: list[Any]) -> bool:
    ce, cn, be, bn = arrays
    if len({np.shape(a) for a in arrays}) != 1:
        return False
    usable = np.isfinite(ce) & np.isfinite(be) & (np.nan_to_num(cn) > 0) & (np.nan_to_num(bn) > 0)
    return bool(np.any(usable))
