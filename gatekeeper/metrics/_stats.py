"""Statistical tests of canary against baseline (scipy.stats and numpy only).

- Continuous metrics (latency, cost, graded quality scores): Mann-Whitney U,
  two-sided and one-sided, with the rank-biserial correlation as effect size
  (``2U / (n_canary * n_baseline) - 1``; positive: canary values tend to be larger).
- Rates (errors, 0/1 scores): the two-proportion z test (pooled), switching to
  Fisher's exact test when any expected cell of the 2x2 table is below 5.
- Several primary metrics: Holm's step-down or Benjamini-Hochberg adjustment.
- Too little data (fewer than ``MIN_SAMPLES`` per arm, zero traffic, 0/0): an
  explicit insufficient-data result with ``p_value`` None, never a passing p-value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from gatekeeper.models._exceptions import MetricsError

MIN_SAMPLES = 20
"""Fewest measured values per arm for Mann-Whitney U and for a proportion test."""
FISHER_MIN_EXPECTED = 5.0
"""Fisher's exact test replaces the z test when any expected 2x2 cell is below this."""
CORRECTIONS = ("holm", "bh")

Alternative = Literal["greater", "less"]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TestResult:
    """One comparison of canary with baseline; ``p_value`` None means insufficient data."""

    metric: str
    test: str
    p_value: float | None
    p_value_one_sided: float | None
    alternative: str
    statistic: float | None
    effect_size: float | None
    n_canary: int
    n_baseline: int
    reason: str | None = None

    @property
    def insufficient(self) -> bool:
        """True when there was too little data for a p-value."""
        return self.p_value is None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (fields without a value are left out: inputs hold no nulls)."""
        return {key: value for key, value in asdict(self).items() if value is not None}


def _insufficient(
    metric: str, test: str, alternative: str, n_canary: int, n_baseline: int, reason: str
) -> TestResult:
    return TestResult(
        metric=metric,
        test=test,
        p_value=None,
        p_value_one_sided=None,
        alternative=alternative,
        statistic=None,
        effect_size=None,
        n_canary=n_canary,
        n_baseline=n_baseline,
        reason=reason,
    )


def mann_whitney(
    metric: str,
    canary: FloatArray,
    baseline: FloatArray,
    alternative: Alternative = "greater",
) -> TestResult:
    """Mann-Whitney U of canary against baseline; NaN values (not measured) are left out."""
    from scipy import stats

    canary, baseline = measured(canary), measured(baseline)
    n_c, n_b = int(canary.size), int(baseline.size)
    if min(n_c, n_b) < MIN_SAMPLES:
        return _insufficient(
            metric,
            "mann-whitney-u",
            alternative,
            n_c,
            n_b,
            f"fewer than {MIN_SAMPLES} values in an arm (canary {n_c}, baseline {n_b})",
        )
    two = stats.mannwhitneyu(canary, baseline, alternative="two-sided")
    one = stats.mannwhitneyu(canary, baseline, alternative=alternative)
    u = float(two.statistic)
    return TestResult(
        metric=metric,
        test="mann-whitney-u",
        p_value=float(two.pvalue),
        p_value_one_sided=float(one.pvalue),
        alternative=alternative,
        statistic=u,
        effect_size=2.0 * u / (n_c * n_b) - 1.0,
        n_canary=n_c,
        n_baseline=n_b,
    )


def measured(values: FloatArray) -> FloatArray:
    """The finite values (NaN: not measured); no copy when all are measured."""
    finite = np.isfinite(values)
    return values if bool(finite.all()) else values[finite]


def two_proportions(
    metric: str,
    canary_events: int,
    canary_trials: int,
    baseline_events: int,
    baseline_trials: int,
    alternative: Alternative = "greater",
) -> TestResult:
    """Compare two rates; Fisher's exact test when any expected cell is below 5.

    ``effect_size`` is the difference of the rates, canary minus baseline;
    ``alternative`` "greater" asks whether the canary rate is higher.
    """
    from scipy import stats

    counts = (canary_events, canary_trials, baseline_events, baseline_trials)
    if min(counts) < 0 or canary_events > canary_trials or baseline_events > baseline_trials:
        raise MetricsError(f"{metric}: impossible counts {counts}")
    if min(canary_trials, baseline_trials) < MIN_SAMPLES:
        return _insufficient(
            metric,
            "two-proportion",
            alternative,
            canary_trials,
            baseline_trials,
            f"fewer than {MIN_SAMPLES} trials in an arm "
            f"(canary {canary_trials}, baseline {baseline_trials})",
        )
    table = np.array(
        [
            [canary_events, canary_trials - canary_events],
            [baseline_events, baseline_trials - baseline_events],
        ],
        dtype=np.float64,
    )
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    difference = canary_events / canary_trials - baseline_events / baseline_trials
    if bool(np.any(expected < FISHER_MIN_EXPECTED)):
        int_table = table.astype(np.int64)
        two = stats.fisher_exact(int_table, alternative="two-sided")
        one = stats.fisher_exact(int_table, alternative=alternative)
        return TestResult(
            metric=metric,
            test="fisher-exact",
            p_value=float(two.pvalue),
            p_value_one_sided=float(one.pvalue),
            alternative=alternative,
            statistic=float(two.statistic),
            effect_size=difference,
            n_canary=canary_trials,
            n_baseline=baseline_trials,
        )
    pooled = (canary_events + baseline_events) / (canary_trials + baseline_trials)
    se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / canary_trials + 1.0 / baseline_trials))
    z = float(difference / se)
    one_sided = stats.norm.sf(z) if alternative == "greater" else stats.norm.cdf(z)
    return TestResult(
        metric=metric,
        test="two-proportion-z",
        p_value=float(2.0 * stats.norm.sf(abs(z))),
        p_value_one_sided=float(one_sided),
        alternative=alternative,
        statistic=z,
        effect_size=difference,
        n_canary=canary_trials,
        n_baseline=baseline_trials,
    )


def holm(p_values: Sequence[float]) -> FloatArray:
    """Holm's step-down adjusted p-values (same order as given)."""
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    order = np.argsort(p, kind="stable")
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def benjamini_hochberg(p_values: Sequence[float]) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (scipy.stats.false_discovery_control)."""
    from scipy import stats

    return np.asarray(stats.false_discovery_control(np.asarray(p_values), method="bh"))


def adjust(p_values: Sequence[float], method: str) -> FloatArray:
    """Adjust p-values with ``holm`` or ``bh``."""
    if method == "holm":
        return holm(p_values)
    if method == "bh":
        return benjamini_hochberg(p_values)
    raise MetricsError(f"unknown correction {method!r} (expected holm or bh)")
