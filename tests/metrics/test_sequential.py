"""The anytime-valid count test: validity-critical properties and its error rate under the null.

Properties (hypothesis) that the guarantee rests on: the e-process is never negative,
starts at 1, is recomputed from the whole series identically at every look (a prefix
of the series gives the prefix of the answer), its lower bound never falls, and a bound
above 1 is an e-value over ``1 / alpha``. Seeded simulations measure the false-alarm
rate over 60 looks under the null (equal and unequal traffic splits) and the coverage
of the bound away from 1 (docs/statistics.md).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gatekeeper.metrics._samples import ArmSamples
from gatekeeper.metrics._sequential import (
    BOUND_GRID,
    E_VALUE_CAP,
    compare_counts,
    count_series,
    log_e_process,
    lower_bounds,
)
from gatekeeper.metrics._tail import pooled_tail_counts
from gatekeeper.models._exceptions import MetricsError

ALPHA = 0.05


@st.composite
def interval_counts(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-interval counts of both arms: requests 0..400, events within them."""
    looks = draw(st.integers(min_value=1, max_value=25))
    rows = []
    for _ in range(looks):
        cn = draw(st.integers(min_value=0, max_value=400))
        bn = draw(st.integers(min_value=0, max_value=400))
        ce = draw(st.integers(min_value=0, max_value=cn))
        be = draw(st.integers(min_value=0, max_value=bn))
        rows.append((ce, cn, be, bn))
    ce, cn, be, bn = (np.array(column, dtype=np.float64) for column in zip(*rows, strict=True))
    return ce, cn, be, bn


@settings(max_examples=150, deadline=None, derandomize=True)
@given(interval_counts())
def test_e_process_is_non_negative_finite_and_starts_at_one(
    counts: tuple[np.ndarray, ...],
) -> None:
    series = count_series(*counts)
    # an interval with no events carries no evidence: prepended, the process starts at 1
    x = np.r_[0.0, series.x]
    m = np.r_[0.0, series.m]
    q = np.r_[0.5, series.q]
    log_e = log_e_process(x, m, q)
    assert log_e[0] == pytest.approx(0.0, abs=1e-12)
    e = np.exp(log_e)
    assert np.all(np.isfinite(log_e))
    assert np.all(e >= 0)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(interval_counts(), st.sampled_from([0.01, 0.025, 0.05, 0.2]))
def test_lower_bound_never_falls_and_prefixes_give_the_same_answer(
    counts: tuple[np.ndarray, ...], alpha: float
) -> None:
    series = count_series(*counts)
    bounds = lower_bounds(series.x, series.m, series.q, alpha)
    assert np.all(np.diff(bounds) >= 0)
    assert np.all((bounds == 0) | np.isin(bounds, BOUND_GRID))
    cut = max(1, series.x.size // 2)
    head = lower_bounds(series.x[:cut], series.m[:cut], series.q[:cut], alpha)
    np.testing.assert_array_equal(head, bounds[:cut])
    head_e = log_e_process(series.x[:cut], series.m[:cut], series.q[:cut])
    np.testing.assert_allclose(head_e, log_e_process(series.x, series.m, series.q)[:cut])


@settings(max_examples=100, deadline=None, derandomize=True)
@given(interval_counts(), st.sampled_from([0.01, 0.025, 0.05]))
def test_a_bound_above_one_is_an_e_value_over_one_over_alpha(
    counts: tuple[np.ndarray, ...], alpha: float
) -> None:
    series = count_series(*counts)
    result = compare_counts(series, alpha)
    if result.lower_bound > 1:
        assert result.e_max >= 1 / alpha
    assert 0 <= result.e_value <= result.e_max <= E_VALUE_CAP


def _simulate(
    rng: np.random.Generator,
    runs: int,
    looks: int,
    canary_rate: float,
    baseline_rate: float,
    canary_share: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    total = rng.integers(100, 2000, size=(runs, looks))
    cn = rng.binomial(total, canary_share)
    bn = total - cn
    ce = rng.binomial(cn, canary_rate)
    be = rng.binomial(bn, baseline_rate)
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.where(total > 0, cn / total, 0.0)
    return ce.astype(float), (ce + be).astype(float), q


@pytest.mark.parametrize("canary_share", [0.5, 0.1])
def test_false_alarms_over_60_looks_stay_within_alpha(canary_share: float) -> None:
    """2,000 canaries, no difference, 60 looks: alarms at most alpha (3 standard errors)."""
    rng = np.random.default_rng(20260)
    runs = 2000
    x, m, q = _simulate(rng, runs, 60, 0.02, 0.02, canary_share)
    log_e = log_e_process(x, m, q)
    alarms = np.mean(np.max(log_e, axis=-1) >= math.log(1 / ALPHA))
    assert alarms <= ALPHA + 3 * math.sqrt(ALPHA * (1 - ALPHA) / runs)


def test_a_better_canary_raises_fewer_alarms_than_alpha() -> None:
    rng = np.random.default_rng(7)
    x, m, q = _simulate(rng, 1000, 60, 0.015, 0.02, 0.5)
    alarms = np.mean(np.max(log_e_process(x, m, q), axis=-1) >= math.log(1 / ALPHA))
    assert alarms <= 0.01


def test_the_bound_covers_the_true_ratio_at_every_look() -> None:
    """With the canary 1.5x the baseline, the bound goes above 1.5 in at most alpha of runs."""
    rng = np.random.default_rng(99)
    runs = 300
    x, m, q = _simulate(rng, runs, 30, 0.03, 0.02, 0.5)
    misses = 0
    for run in range(runs):
        bounds = lower_bounds(x[run], m[run], q[run], ALPHA)
        misses += bool(bounds[-1] > 1.5)
    assert misses / runs <= ALPHA + 3 * math.sqrt(ALPHA * (1 - ALPHA) / runs)


def test_a_doubled_error_rate_is_found_within_minutes() -> None:
    rng = np.random.default_rng(5)
    n = np.full(15, 1000.0)
    result = compare_counts(
        count_series(rng.binomial(1000, 0.04, 15), n, rng.binomial(1000, 0.02, 15), n), 0.01
    )
    assert result.lower_bound > 1.3
    assert result.e_max >= 100
    assert result.looks == 15


def test_intervals_without_requests_in_an_arm_carry_no_evidence() -> None:
    nan = math.nan
    series = count_series(
        np.array([5.0, nan, 3.0, 0.0]),
        np.array([100.0, 100.0, 0.0, 50.0]),
        np.array([1.0, 2.0, 0.0, 0.0]),
        np.array([100.0, 100.0, 100.0, 50.0]),
    )
    assert series.looks == 2
    np.testing.assert_array_equal(series.m, [6.0, 0.0, 0.0, 0.0])
    assert series.canary_events == 5.0
    assert series.baseline_requests == 150.0


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (([1.0], [10.0], [-1.0], [10.0]), "negative baseline count"),
        (([11.0], [10.0], [1.0], [10.0]), "more events than requests"),
        (([1.0, 2.0], [10.0], [1.0], [10.0]), "differ in length"),
    ],
)
def test_impossible_counts_are_refused(counts: tuple[list[float], ...], message: str) -> None:
    arrays = [np.array(c) for c in counts]
    with pytest.raises(MetricsError, match=message):
        count_series(*arrays)


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.1])
def test_alpha_outside_zero_one_is_refused(alpha: float) -> None:
    series = count_series(np.array([1.0]), np.array([10.0]), np.array([1.0]), np.array([10.0]))
    with pytest.raises(MetricsError, match="alpha must be within"):
        compare_counts(series, alpha)


def _arm(name: str, timestamps: np.ndarray, latency: np.ndarray) -> ArmSamples:
    n = timestamps.size
    return ArmSamples(
        arm=name,
        source=name,
        timestamp=timestamps,
        latency_ms=latency,
        is_error=np.zeros(n, dtype=bool),
    )


def test_tail_counts_are_each_arms_requests_above_the_pooled_p99() -> None:
    rng = np.random.default_rng(3)
    t_c = np.sort(rng.uniform(0, 180, 900))
    t_b = np.sort(rng.uniform(0, 120, 1500))  # no baseline in the third interval
    canary = _arm("canary", t_c, rng.gamma(2.0, 50.0, t_c.size) * 1.3)
    baseline = _arm("baseline", t_b, rng.gamma(2.0, 50.0, t_b.size))
    slow_c, slow_b = pooled_tail_counts(canary, baseline, 0.0, 60, 3)
    for k in range(2):
        c = canary.latency_ms[(t_c >= 60 * k) & (t_c < 60 * (k + 1))]
        b = baseline.latency_ms[(t_b >= 60 * k) & (t_b < 60 * (k + 1))]
        line = np.percentile(np.concatenate([c, b]), 99)
        assert slow_c[k] == np.count_nonzero(c > line)
        assert slow_b[k] == np.count_nonzero(b > line)
    assert math.isnan(slow_c[2]) and math.isnan(slow_b[2])
    assert slow_c[:2].sum() > slow_b[:2].sum()  # the slower canary holds most of the tail
