"""Statistical tests agree with direct scipy/numpy calls; too little data is never a p-value."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from gatekeeper.metrics import (
    FISHER_MIN_EXPECTED,
    MIN_SAMPLES,
    adjust,
    benjamini_hochberg,
    holm,
    mann_whitney,
    two_proportions,
)
from gatekeeper.models._exceptions import MetricsError


def test_mann_whitney_equal_samples_give_p_near_one() -> None:
    values = np.random.default_rng(7).gamma(2.0, 50.0, 500)
    result = mann_whitney("latency", values.copy(), values.copy(), "greater")
    assert result.test == "mann-whitney-u"
    assert result.p_value == pytest.approx(1.0, abs=1e-9)
    assert result.effect_size == pytest.approx(0.0, abs=1e-12)


def test_mann_whitney_shifted_canary_is_significant_and_matches_scipy() -> None:
    rng = np.random.default_rng(11)
    baseline = rng.normal(100.0, 10.0, 400)
    canary = rng.normal(106.0, 10.0, 400)
    result = mann_whitney("latency", canary, baseline, "greater")
    direct_two = stats.mannwhitneyu(canary, baseline, alternative="two-sided")
    direct_one = stats.mannwhitneyu(canary, baseline, alternative="greater")
    assert result.p_value is not None and result.p_value < 0.05
    assert result.p_value == pytest.approx(float(direct_two.pvalue), rel=1e-12)
    assert result.p_value_one_sided == pytest.approx(float(direct_one.pvalue), rel=1e-12)
    assert result.statistic == float(direct_two.statistic)
    u = float(direct_two.statistic)
    assert result.effect_size == pytest.approx(2 * u / (400 * 400) - 1)
    assert result.effect_size is not None and result.effect_size > 0


def test_mann_whitney_less_alternative_and_full_separation() -> None:
    baseline = np.arange(100.0, 130.0)
    canary = np.arange(10.0, 40.0)
    result = mann_whitney("latency", canary, baseline, "less")
    assert result.effect_size == -1.0
    direct = stats.mannwhitneyu(canary, baseline, alternative="less")
    assert result.p_value_one_sided == pytest.approx(float(direct.pvalue))


def test_mann_whitney_ignores_unmeasured_values() -> None:
    rng = np.random.default_rng(3)
    canary = rng.normal(0, 1, 60)
    baseline = rng.normal(0, 1, 60)
    with_gaps = np.concatenate([canary, [np.nan] * 5])
    assert (
        mann_whitney("x", with_gaps, baseline).p_value
        == mann_whitney("x", canary, baseline).p_value
    )


@pytest.mark.parametrize(("n_canary", "n_baseline"), [(MIN_SAMPLES - 1, 100), (100, 0), (0, 0)])
def test_mann_whitney_too_few_samples_is_insufficient(n_canary: int, n_baseline: int) -> None:
    result = mann_whitney("latency", np.ones(n_canary), np.ones(n_baseline))
    assert result.insufficient
    assert result.p_value is None and result.p_value_one_sided is None
    assert "fewer than" in (result.reason or "")
    assert "p_value" not in result.as_dict()


def _fisher_by_enumeration(a: int, n1: int, c: int, n2: int) -> float:
    """Two-sided Fisher p from the hypergeometric law, enumerated with math.comb."""
    events = a + c
    total = math.comb(n1 + n2, events)
    probs = [
        math.comb(n1, k) * math.comb(n2, events - k) / total
        for k in range(max(0, events - n2), min(events, n1) + 1)
    ]
    observed = math.comb(n1, a) * math.comb(n2, c) / total
    return sum(p for p in probs if p <= observed * (1 + 1e-7))


def test_fisher_exact_for_a_known_small_table() -> None:
    # canary 1 error in 25, baseline 8 in 25: expected error cells 4.5 < 5 -> Fisher.
    result = two_proportions("error_rate", 1, 25, 8, 25, "greater")
    table = [[1, 24], [8, 17]]
    assert result.test == "fisher-exact"
    assert result.p_value == pytest.approx(float(stats.fisher_exact(table).pvalue), rel=1e-12)
    assert result.p_value == pytest.approx(_fisher_by_enumeration(1, 25, 8, 25), rel=1e-9)
    assert result.p_value == pytest.approx(0.023215, abs=1e-6)
    one = stats.fisher_exact(table, alternative="greater").pvalue
    assert result.p_value_one_sided == pytest.approx(float(one), rel=1e-12)
    assert result.effect_size == pytest.approx(1 / 25 - 8 / 25)


def test_two_proportion_z_matches_chi_square_without_correction() -> None:
    result = two_proportions("error_rate", 120, 10_000, 80, 10_000, "greater")
    table = np.array([[120, 9880], [80, 9920]])
    chi2 = stats.chi2_contingency(table, correction=False)
    assert result.test == "two-proportion-z"
    assert result.p_value == pytest.approx(float(chi2.pvalue), rel=1e-9)
    assert result.statistic is not None
    assert result.statistic**2 == pytest.approx(float(chi2.statistic), rel=1e-9)
    assert result.p_value < 0.05
    assert result.p_value_one_sided == pytest.approx(result.p_value / 2, rel=1e-9)


def test_switch_rule_is_any_expected_cell_below_five() -> None:
    # 10 events in 2000 trials: expected event cells 5.0 each -> z test; 9 -> Fisher.
    assert two_proportions("e", 5, 1000, 5, 1000).test == "two-proportion-z"
    assert two_proportions("e", 4, 1000, 5, 1000).test == "fisher-exact"
    assert FISHER_MIN_EXPECTED == 5.0


def test_zero_errors_in_both_arms_is_a_valid_fisher_p_of_one() -> None:
    result = two_proportions("error_rate", 0, 500, 0, 500)
    assert result.test == "fisher-exact"
    assert result.p_value == 1.0


@pytest.mark.parametrize("trials", [(0, 0), (0, 500), (MIN_SAMPLES - 1, 500)])
def test_zero_traffic_or_too_few_trials_is_insufficient(trials: tuple[int, int]) -> None:
    result = two_proportions("error_rate", 0, trials[0], 0, trials[1])
    assert result.insufficient and result.p_value is None


def test_impossible_counts_raise() -> None:
    with pytest.raises(MetricsError, match="impossible counts"):
        two_proportions("error_rate", 30, 20, 0, 100)


def test_holm_step_down_known_values() -> None:
    adjusted = holm([0.01, 0.04, 0.03, 0.005])
    assert adjusted.tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([0.9, 0.8]).tolist() == [1.0, 1.0]


def test_benjamini_hochberg_is_scipys() -> None:
    p = [0.01, 0.04, 0.03, 0.005, 0.2]
    expected = stats.false_discovery_control(p, method="bh")
    assert benjamini_hochberg(p).tolist() == pytest.approx(expected.tolist())
    assert adjust(p, "bh").tolist() == pytest.approx(expected.tolist())
    with pytest.raises(MetricsError, match="unknown correction"):
        adjust(p, "bonferroni")
