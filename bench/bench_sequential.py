"""Benchmark: the anytime-valid canary judge against what gates run today, by simulation.

Seeded canaries, one look a minute for 60 minutes, five count metrics per canary
(errors 2%, requests slower than the baseline's p99 (1%) and p95 (5%), timeouts 0.5%,
retries 1%), 50 to 5,000 requests per arm per minute. Three judges, each given the
same five-metric budget alpha = 0.05:

- sequential: gatekeeper's e-process (``gatekeeper.metrics._sequential``, the shipped
  code) per metric, a rollback when one reaches ``5 / alpha`` (e-value Bonferroni);
- repeated z: a fixed-horizon one-sided two-proportion z-test on the counts so far,
  at ``alpha / 5`` per metric (corrected for the metrics, not for the looks), asked at
  every look;
- Kayenta-style: a two-sided Mann-Whitney test at every look on the per-minute values
  so far (the error, timeout and retry rates; the p99 and p95 latencies), 98%
  confidence per metric and the canary worse, no correction across metrics.

Under the null (nothing differs) the table gives false rollbacks; under a regression
of one metric at 1,000 requests per arm per minute (error rate x1.5 and x2; p99
latency +10% and +20%, lognormal latencies with sigma 0.5) the share of canaries
rolled back within 15 and 60 minutes and the median minutes to the rollback, beside a
fixed-horizon z-test told the right horizon in advance (the fewest minutes for 90%
power at ``alpha / 5``): its time to detect is that horizon. The latency metrics are
counts above a line fixed in advance for the count judges, per-minute quantiles for
the Kayenta-style one; each judge sees data with the right distribution, drawn apart.

Run: ``python bench/run.py sequential`` or ``python bench/bench_sequential.py``
(``--quick``: a smoke run with few canaries). The runner's convention: ``run(quick)``.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import special, stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from gatekeeper.metrics._sequential import log_e_process

FloatArray = npt.NDArray[np.float64]

SEED = 20_260_523
ALPHA = 0.05
LOOKS = 60
EARLY = 15
NAMES = ("errors", "slow>p99", "slow>p95", "timeouts", "retries")
BASE_RATES = np.array([0.02, 0.01, 0.05, 0.005, 0.01])
QUANTILES = {1: 0.99, 2: 0.95}  # latency metrics: index -> the quantile Kayenta reads
SIGMA = 0.5  # lognormal latency spread
KAYENTA_ALPHA = 0.02  # 98% confidence, two-sided, per metric
POWER_GOAL = 0.9
VOLUME = 1000
LOW_VOLUME = 200  # a second, harder set of regressions (full run only)


@dataclass(frozen=True)
class Scenario:
    """What the canary does: rate multipliers per metric, latency scale."""

    name: str
    error_factor: float = 1.0
    latency_factor: float = 1.0

    def canary_rates(self) -> FloatArray:
        rates = BASE_RATES.copy()
        rates[0] *= self.error_factor
        for index, q in QUANTILES.items():
            z = float(special.ndtri(q))
            rates[index] = float(special.ndtr(-(z - math.log(self.latency_factor) / SIGMA)))
        return rates


@dataclass(frozen=True)
class Canaries:
    """Per run, metric and minute: requests per arm and events per arm, and quantiles."""

    n_c: FloatArray  # (R, T)
    n_b: FloatArray
    x_c: FloatArray  # (R, K, T)
    x_b: FloatArray
    q_c: FloatArray  # (R, 2, T): per-minute p99 and p95 latency of the canary
    q_b: FloatArray


def simulate(
    rng: np.random.Generator, runs: int, scenario: Scenario, volume: float | None
) -> Canaries:
    """``runs`` canaries: volume fixed, or per run log-uniform in 50..5,000 a minute."""
    if volume is None:
        per_run = np.exp(rng.uniform(math.log(50), math.log(5000), (runs, 1)))
    else:
        per_run = np.full((runs, 1), float(volume))
    n_c = rng.poisson(np.broadcast_to(per_run, (runs, LOOKS))).astype(float)
    n_b = rng.poisson(np.broadcast_to(per_run, (runs, LOOKS))).astype(float)
    rates_c = scenario.canary_rates()[None, :, None]
    rates_b = BASE_RATES[None, :, None]
    x_c = rng.binomial(n_c[:, None, :].astype(np.int64), rates_c).astype(float)
    x_b = rng.binomial(n_b[:, None, :].astype(np.int64), rates_b).astype(float)
    q_c = _quantiles(rng, n_c, scenario.latency_factor)
    q_b = _quantiles(rng, n_b, 1.0)
    return Canaries(n_c, n_b, x_c, x_b, q_c, q_b)


def _quantiles(rng: np.random.Generator, n: FloatArray, factor: float) -> FloatArray:
    """Per minute, the sample p99 and p95 of ``n`` lognormal latencies (order statistics)."""
    out = np.empty((n.shape[0], len(QUANTILES), n.shape[1]))
    size = np.maximum(n, 1.0)
    for slot, q in enumerate(QUANTILES.values()):
        k = np.clip(np.ceil(q * size), 1, size)
        u = rng.beta(k, size - k + 1)
        out[:, slot, :] = factor * np.exp(SIGMA * special.ndtri(u))
    return out


def first_alarm(alarms: npt.NDArray[np.bool_]) -> FloatArray:
    """Minute (1-based) of the first alarm per run over the last axis; inf when none."""
    hit = alarms.any(axis=-1)
    first = np.argmax(alarms, axis=-1).astype(float) + 1.0
    return np.where(hit, first, np.inf)


def sequential_judge(c: Canaries) -> FloatArray:
    total = c.n_c + c.n_b
    q = np.where(total > 0, c.n_c / np.maximum(total, 1.0), 0.0)
    log_e = log_e_process(c.x_c, c.x_c + c.x_b, np.broadcast_to(q[:, None, :], c.x_c.shape))
    return first_alarm((log_e >= math.log(len(NAMES) / ALPHA)).any(axis=1))


def z_statistics(c: Canaries) -> FloatArray:
    """One-sided two-proportion z on the cumulative counts, per run, metric and look."""
    nc = np.cumsum(c.n_c, axis=-1)[:, None, :]
    nb = np.cumsum(c.n_b, axis=-1)[:, None, :]
    xc = np.cumsum(c.x_c, axis=-1)
    xb = np.cumsum(c.x_b, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (xc + xb) / (nc + nb)
        se = np.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nb))
        z = (xc / nc - xb / nb) / se
    return np.where(np.isfinite(z), z, 0.0)


def repeated_z_judge(c: Canaries) -> FloatArray:
    critical = float(special.ndtri(1 - ALPHA / len(NAMES)))
    return first_alarm((z_statistics(c) > critical).any(axis=1))


def kayenta_judge(c: Canaries) -> FloatArray:
    """Mann-Whitney on the per-minute values so far, per metric, at every look."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_c = np.where(c.n_c[:, None, :] > 0, c.x_c / c.n_c[:, None, :], 0.0)
        rate_b = np.where(c.n_b[:, None, :] > 0, c.x_b / c.n_b[:, None, :], 0.0)
    values_c = rate_c.copy()
    values_b = rate_b.copy()
    for slot, index in enumerate(QUANTILES):
        values_c[:, index, :] = c.q_c[:, slot, :]
        values_b[:, index, :] = c.q_b[:, slot, :]
    runs, metrics, looks = values_c.shape
    alarms = np.zeros((runs, metrics, looks), dtype=bool)
    for k in range(metrics):
        alarms[:, k, :] = _mann_whitney_alarms(values_c[:, k, :], values_b[:, k, :])
    return first_alarm(alarms.any(axis=1))


def _mann_whitney_alarms(a: FloatArray, b: FloatArray) -> npt.NDArray[np.bool_]:
    """Per run and look t: the two-sided test on a[:, :t] vs b[:, :t] rejects, a larger."""
    runs, looks = a.shape
    wins = (a[:, :, None] > b[:, None, :]) + 0.5 * (a[:, :, None] == b[:, None, :])
    u = np.cumsum(np.cumsum(wins, axis=1), axis=2)[:, np.arange(looks), np.arange(looks)]
    out = np.zeros((runs, looks), dtype=bool)
    for t in range(2, looks + 1):
        n = float(t)
        pooled = np.sort(np.concatenate([a[:, :t], b[:, :t]], axis=1), axis=1)
        ties = _tie_term(pooled)
        variance = n * n / 12 * ((2 * n + 1) - ties / (2 * n * (2 * n - 1)))
        mean = n * n / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (np.abs(u[:, t - 1] - mean) - 0.5) / np.sqrt(variance)
        p = 2 * stats.norm.sf(np.where(variance > 0, z, 0.0))
        out[:, t - 1] = (p < KAYENTA_ALPHA) & (u[:, t - 1] > mean) & (variance > 0)
    return out


def _tie_term(sorted_rows: FloatArray) -> FloatArray:
    """Per row, the sum over tie groups of (size^3 - size)."""
    runs, width = sorted_rows.shape
    new = np.ones((runs, width), dtype=bool)
    new[:, 1:] = sorted_rows[:, 1:] != sorted_rows[:, :-1]
    starts = np.flatnonzero(new.ravel())
    sizes = np.diff(np.r_[starts, runs * width]).astype(float)
    rows = starts // width
    return np.bincount(rows, weights=sizes**3 - sizes, minlength=runs)


def fixed_horizon_minutes(scenario: Scenario, volume: float) -> int:
    """The fewest minutes for 90% power of the one-sided z-test at alpha / 5."""
    rates_c = scenario.canary_rates()
    k = int(np.argmax(np.abs(rates_c - BASE_RATES)))
    p1, p2 = BASE_RATES[k], rates_c[k]
    z = special.ndtri(1 - ALPHA / len(NAMES)) + special.ndtri(POWER_GOAL)
    n = z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / (p2 - p1) ** 2
    return math.ceil(n / volume)


def fixed_horizon_power(c: Canaries, horizon: int) -> float:
    critical = float(special.ndtri(1 - ALPHA / len(NAMES)))
    at = min(horizon, LOOKS) - 1
    return float(np.mean((z_statistics(c)[:, :, at] > critical).any(axis=1)))


JUDGES: dict[str, Callable[[Canaries], FloatArray]] = {
    "sequential (gatekeeper)": sequential_judge,
    "repeated z-test": repeated_z_judge,
    "Kayenta-style Mann-Whitney": kayenta_judge,
}
REGRESSIONS = (
    Scenario("error rate x1.5", error_factor=1.5),
    Scenario("error rate x2", error_factor=2.0),
    Scenario("p99 latency +10%", latency_factor=1.1),
    Scenario("p99 latency +20%", latency_factor=1.2),
)


def _median(times: FloatArray) -> str:
    found = times[np.isfinite(times)]
    if found.size * 2 <= times.size:
        return "-"
    return f"{float(np.median(times)):.0f}"


def run(quick: bool = False) -> list[str]:
    null_runs, regression_runs = (300, 200) if quick else (4000, 1000)
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    lines = [
        f"{null_runs} null canaries (50..5,000 requests per arm per minute), {regression_runs}"
        f" per regression; {LOOKS} looks, {len(NAMES)} metrics,"
        f" alpha {ALPHA} for the five together",
        "",
        "| scenario | judge | rolled back (60 min) | within 15 min | median minutes |",
        "|---|---|---:|---:|---:|",
    ]
    null = simulate(rng, null_runs, Scenario("null"), None)
    rates: dict[str, float] = {}
    for judge, decide in JUDGES.items():
        times = decide(null)
        rates[judge] = float(np.mean(np.isfinite(times)))
        lines.append(
            f"| no regression (false rollbacks) | {judge} | {rates[judge]:.3f} |"
            f" {np.mean(times <= EARLY):.3f} | {_median(times)} |"
        )
    goals: list[str] = []
    error = math.sqrt(ALPHA * (1 - ALPHA) / null_runs)
    seq = rates["sequential (gatekeeper)"]
    goals.append(
        f"goal false rollbacks <= {ALPHA} (+2 s.e. {2 * error:.3f}) over {null_runs} canaries:"
        f" {seq:.3f}, {'met' if seq <= ALPHA + 2 * error else 'NOT met'}"
    )
    volumes = (VOLUME,) if quick else (VOLUME, LOW_VOLUME)
    for volume, scenario in ((v, s) for v in volumes for s in REGRESSIONS):
        canaries = simulate(rng, regression_runs, scenario, volume)
        label = f"{scenario.name}, {volume}/arm/min"
        medians: dict[str, float] = {}
        for judge, decide in JUDGES.items():
            times = decide(canaries)
            medians[judge] = float(np.median(times))
            lines.append(
                f"| {label} | {judge} | {np.mean(np.isfinite(times)):.3f} |"
                f" {np.mean(times <= EARLY):.3f} | {_median(times)} |"
            )
        horizon = fixed_horizon_minutes(scenario, volume)
        if horizon <= LOOKS:
            power = fixed_horizon_power(canaries, horizon)
            lines.append(
                f"| {label} | fixed-horizon z-test told {horizon} min | {power:.3f}"
                f" (at {horizon} min) | {power if horizon <= EARLY else 0.0:.3f} | {horizon} |"
            )
        else:
            lines.append(f"| {label} | fixed-horizon z-test told {horizon} min | - | - | - |")
        ratio = medians["sequential (gatekeeper)"] / horizon
        goals.append(
            f"time to detect ratio ({label}): sequential median"
            f" {medians['sequential (gatekeeper)']:.0f} min / fixed horizon {horizon} min ="
            f" {ratio:.2f}x (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})"
        )
        if scenario.error_factor == 2.0 and volume == VOLUME:
            times = sequential_judge(canaries)
            within = float(np.mean(times <= EARLY))
            goals.append(
                f"goal power >= {POWER_GOAL} for error rate x2 at {VOLUME}/arm/min within"
                f" {EARLY} min: {within:.3f}, {'met' if within >= POWER_GOAL else 'NOT met'}"
            )
    lines += ["", *goals, f"({time.perf_counter() - started:.1f} s of simulation)"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run with few canaries")
    args = parser.parse_args(argv)
    for line in run(quick=args.quick):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
