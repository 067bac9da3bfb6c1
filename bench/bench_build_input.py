"""Benchmark: build-input on 1,000,000 samples per arm against the same numpy/scipy calls.

Three figures, all measured in this run:

1. compute ratio: gatekeeper's builder (aggregates, per-interval series, statistical
   tests, both gate inputs) on in-memory samples, divided by the same numpy/scipy calls
   written out directly (the reference). Aim: within 1.2x. Best of N runs each.
2. end to end: ``build_input`` from two CSV files (parsing and validation included),
   reported in seconds and samples per second (no reference: parsing is the price of files).
3. peak memory (tracemalloc) of the builder, and of the end-to-end build.

Run: ``python bench/bench_build_input.py`` (``--quick``: 100,000 samples, no files).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from gatekeeper.metrics import (
    ArmSamples,
    BuildOptions,
    aggregate,
    build_input,
    build_promotion,
    build_rollout,
)

INTERVAL = 60
SECONDS = 3600.0
T0 = 1_700_000_000.0


def make_arm(arm: str, n: int, seed: int, shift: float) -> ArmSamples:
    """One arm's samples, in time order, with shards and 0/1 accuracy and a cost."""
    rng = np.random.default_rng(seed)
    shard = np.array(["shard-a", "shard-b", "shard-c"])[rng.integers(0, 3, n)]
    return ArmSamples(
        arm=arm,
        source=f"<{arm}>",
        timestamp=T0 + np.sort(rng.uniform(0.0, SECONDS, n)),
        latency_ms=rng.gamma(2.0, 50.0, n) + shift,
        is_error=rng.random(n) < 0.002,
        shard=shard,
        resources={"cpu": rng.uniform(0.2, 0.7, n), "memory": rng.uniform(0.3, 0.6, n)},
        scores={
            "accuracy": (rng.random(n) < 0.8 + shift / 1000).astype(np.float64),
            "cost": rng.uniform(1.0, 2.0, n),
        },
    )


def with_gatekeeper(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """The builder: promotion input and decision-matrix rollout input."""
    promotion = build_promotion(baseline, canary)
    rollout = build_rollout(aggregate([baseline, canary], INTERVAL), phase_percent=25)
    return promotion, rollout


def _proportions(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]], dtype=np.float64)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    if (expected < 5).any():
        return (
            stats.fisher_exact(table.astype(np.int64)).pvalue,
            stats.fisher_exact(table.astype(np.int64), alternative="greater").pvalue,
        )
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 2 * stats.norm.sf(abs(z)), stats.norm.sf(z)


def _arm_reference(s: ArmSamples, start: float, count: int) -> dict[str, Any]:
    idx = np.minimum(np.floor((s.timestamp - start) / INTERVAL).astype(np.int64), count - 1)
    req = np.bincount(idx, minlength=count)
    err = np.bincount(idx, weights=s.is_error, minlength=count)
    lat_sum = np.bincount(idx, weights=s.latency_ms, minlength=count)
    bounds = np.searchsorted(idx, np.arange(count + 1))
    pct = [np.percentile(s.latency_ms[bounds[k] : bounds[k + 1]], [95, 99]) for k in range(count)]
    out: dict[str, Any] = {"rate": err / req, "mean": lat_sum / req, "pct": pct}
    for name, values in s.scores.items():
        n = np.bincount(idx, weights=np.isfinite(values), minlength=count)
        out[name] = np.bincount(idx, weights=values, minlength=count) / n
    starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
    for name, values in s.resources.items():
        out[name] = np.fmax.reduceat(values, starts)
    assert s.shard is not None
    names, codes = np.unique(s.shard, return_inverse=True)
    for code in range(names.size):
        mask = codes == code
        sub = idx[mask]
        sub_starts = np.flatnonzero(np.r_[True, sub[1:] != sub[:-1]])
        for name, values in s.resources.items():
            out[f"{names[code]}.{name}"] = np.fmax.reduceat(values[mask], sub_starts)
    out["totals"] = (
        np.percentile(s.latency_ms, [95, 99]),
        np.count_nonzero(s.is_error),
        np.mean(s.latency_ms),
        {name: np.mean(v[np.isfinite(v)]) for name, v in s.scores.items()},
    )
    return out


def direct(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """The reference: the same numpy/scipy calls, written out without gatekeeper."""
    start = min(baseline.timestamp[0], canary.timestamp[0])
    end = max(baseline.timestamp[-1], canary.timestamp[-1])
    count = int((end - start) // INTERVAL) + 1
    series = [_arm_reference(s, start, count) for s in (baseline, canary)]
    tests = []
    for name in ("latency", "cost"):
        c = canary.latency_ms if name == "latency" else canary.scores["cost"]
        b = baseline.latency_ms if name == "latency" else baseline.scores["cost"]
        tests.append(stats.mannwhitneyu(c, b, alternative="two-sided"))
        tests.append(stats.mannwhitneyu(c, b, alternative="greater"))
    acc_c, acc_b = canary.scores["accuracy"], baseline.scores["accuracy"]
    tests.append(_proportions(int(acc_c.sum()), acc_c.size, int(acc_b.sum()), acc_b.size))
    tests.append(
        _proportions(
            int(canary.is_error.sum()), canary.size, int(baseline.is_error.sum()), baseline.size
        )
    )
    return series, tests


def _best(fn: Callable[[], Any], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _write_csv(path: Path, s: ArmSamples) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["timestamp", "latency_ms", "outcome", "shard", "cpu", "memory", "accuracy", "cost"]
        )
        assert s.shard is not None
        writer.writerows(
            zip(
                np.char.mod("%.3f", s.timestamp).tolist(),
                np.char.mod("%.2f", s.latency_ms).tolist(),
                np.where(s.is_error, "error", "ok").tolist(),
                s.shard.tolist(),
                np.char.mod("%.3f", s.resources["cpu"]).tolist(),
                np.char.mod("%.3f", s.resources["memory"]).tolist(),
                s.scores["accuracy"].astype(np.int64).tolist(),
                np.char.mod("%.3f", s.scores["cost"]).tolist(),
                strict=True,
            )
        )


def main(quick: bool = False) -> list[str]:
    """Run the benchmark; return the report lines."""
    n = 100_000 if quick else 1_000_000
    repeats = 2 if quick else 3
    baseline = make_arm("baseline", n, seed=1, shift=0.0)
    canary = make_arm("canary", n, seed=2, shift=2.0)
    ours = _best(lambda: with_gatekeeper(baseline, canary), repeats)
    ref = _best(lambda: direct(baseline, canary), repeats)
    ratio = ours / ref
    lines = [
        f"build-input compute, {n:,} samples per arm (best of {repeats}): "
        f"gatekeeper {ours:.3f} s, direct numpy/scipy {ref:.3f} s, "
        f"ratio {ratio:.2f}x (aim <= 1.2x) {'OK' if ratio <= 1.2 else 'OVER'}",
        f"build-input compute peak memory (tracemalloc): "
        f"{_peak(lambda: with_gatekeeper(baseline, canary)) / 2**20:.0f} MiB "
        f"(reference {_peak(lambda: direct(baseline, canary)) / 2**20:.0f} MiB; "
        f"input arrays {2 * n * 8 * 7 / 2**20:.0f} MiB)",
    ]
    if not quick:
        with tempfile.TemporaryDirectory() as folder:
            paths = Path(folder) / "baseline.csv", Path(folder) / "canary.csv"
            _write_csv(paths[0], baseline)
            _write_csv(paths[1], canary)
            options = BuildOptions(gate="promotion", baseline=paths[0], canary=paths[1])
            e2e = _best(lambda: build_input(options), 1)
            peak = _peak(lambda: build_input(options))
        lines.append(
            f"build-input end to end from CSV (parse + validate + promotion input): "
            f"{e2e:.2f} s for {2 * n:,} samples ({2 * n / e2e / 1e6:.2f} M samples/s), "
            f"peak {peak / 2**20:.0f} MiB"
        )
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 samples, no files")
    for line in main(parser.parse_args().quick):
        print(line)
    sys.exit(0)
