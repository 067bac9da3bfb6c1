"""Benchmark: build-input on 1,000,000 samples per arm against the same numpy/scipy calls.

Three figures, all measured in this run:

1. compute ratio: gatekeeper's builder (aggregates, per-interval series, statistical
   tests, both gate inputs) on in-memory samples, divided by the same numpy/scipy calls
   written out directly (the reference). Aim: within 1.2x. Best of N runs each.
2. peak memory (tracemalloc) of the builder and of the reference.
3. from files (full run only): gatekeeper's builder on two CSV files, JSON lines files
   and Parquet files (read, validate, aggregate, test, build the input), divided by the
   reference: pyarrow reads the same files, then the same numpy/scipy calls. Aim:
   within 1.5x. Best of N runs each.
4. end to end (full run only): ``gatekeeper build-input`` as a child process on two CSV
   files (start-up, parsing, validation, tests, JSON), in seconds and samples per second,
   with the child's peak RSS.

Run: ``python bench/run.py build_input`` or ``python bench/bench_build_input.py``
(``--quick``: 100,000 samples, no files). The runner's convention: ``run(quick)``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
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


def promotion_gatekeeper(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """The builder, promotion gate: totals, Mann-Whitney U, proportion tests."""
    return build_promotion(baseline, canary)


def rollout_gatekeeper(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """The builder, rollout gate: per-interval series and the decision-matrix input."""
    return build_rollout(aggregate([baseline, canary], INTERVAL), phase_percent=25)


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


def _totals(s: ArmSamples) -> Any:
    return (
        np.percentile(s.latency_ms, [95, 99]),
        np.count_nonzero(s.is_error),
        np.mean(s.latency_ms),
        {name: np.mean(v[np.isfinite(v)]) for name, v in s.scores.items()},
    )


def promotion_direct(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """Reference for the promotion gate: the same numpy/scipy calls, written out."""
    totals = [_totals(s) for s in (baseline, canary)]
    tests = []
    for c, b in (
        (canary.latency_ms, baseline.latency_ms),
        (canary.scores["cost"], baseline.scores["cost"]),
    ):
        tests.append(stats.mannwhitneyu(c, b, alternative="two-sided"))
        tests.append(stats.mannwhitneyu(c, b, alternative="greater"))
    acc_c, acc_b = canary.scores["accuracy"], baseline.scores["accuracy"]
    tests.append(_proportions(int(acc_c.sum()), acc_c.size, int(acc_b.sum()), acc_b.size))
    errors_c, errors_b = int(canary.is_error.sum()), int(baseline.is_error.sum())
    tests.append(_proportions(errors_c, canary.size, errors_b, baseline.size))
    return totals, tests


def _arm_series(s: ArmSamples, start: float, count: int) -> dict[str, Any]:
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
    out["totals"] = _totals(s)
    return out


def rollout_direct(baseline: ArmSamples, canary: ArmSamples) -> Any:
    """Reference for the rollout gate: per-interval series with the same numpy calls."""
    start = min(baseline.timestamp[0], canary.timestamp[0])
    end = max(baseline.timestamp[-1], canary.timestamp[-1])
    count = int((end - start) // INTERVAL) + 1
    return [_arm_series(s, start, count) for s in (baseline, canary)]


def _best_pair(
    ours: Callable[[], Any], ref: Callable[[], Any], repeats: int
) -> tuple[float, float]:
    """Best time of each, runs interleaved so that load on the machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for fn, bucket in ((ours, times[0]), (ref, times[1])):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    return min(times[0]), min(times[1])


def _peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _write_csv(path: Path, s: ArmSamples) -> None:
    columns = [
        np.char.mod("%.3f", s.timestamp),
        np.char.mod("%.2f", s.latency_ms),
        np.where(s.is_error, "error", "ok"),
        s.scores["accuracy"].astype(np.int64).astype(str),
        np.char.mod("%.3f", s.scores["cost"]),
    ]
    rows = columns[0]
    for column in columns[1:]:
        rows = np.char.add(np.char.add(rows, ","), column)
    header = "timestamp,latency_ms,outcome,accuracy,cost\n"
    path.write_text(header + "\n".join(rows.tolist()) + "\n", encoding="utf-8")


def _write_jsonl(path: Path) -> None:
    import json

    from pyarrow import csv

    table = csv.read_csv(path.with_suffix(".csv"))
    with path.open("w", encoding="utf-8") as handle:
        for batch in table.to_batches(100_000):
            handle.writelines(
                json.dumps(row, separators=(",", ":")) + "\n" for row in batch.to_pylist()
            )


def _write_parquet(path: Path) -> None:
    from pyarrow import csv, parquet

    parquet.write_table(csv.read_csv(path.with_suffix(".csv")), path)


def _arrow_arm(path: Path, arm: str, fmt: str) -> ArmSamples:
    """Reference reader: pyarrow reads the file, numpy takes the columns (no validation)."""
    import pyarrow.compute as pc
    from pyarrow import csv, json, parquet

    if fmt == "csv":
        table = csv.read_csv(path)
    elif fmt == "jsonl":
        table = json.read_json(path)
    else:
        table = parquet.read_table(path)

    def floats(name: str) -> Any:
        return table.column(name).to_numpy().astype(np.float64)

    return ArmSamples(
        arm=arm,
        source=str(path),
        timestamp=floats("timestamp"),
        latency_ms=floats("latency_ms"),
        is_error=pc.equal(table.column("outcome"), "error").to_numpy(),
        scores={"accuracy": floats("accuracy"), "cost": floats("cost")},
    )


def _from_files(baseline: ArmSamples, canary: ArmSamples, repeats: int) -> list[str]:
    """The builder from files against pyarrow reading them plus the same numpy/scipy calls."""
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        csv_paths = Path(folder) / "baseline.csv", Path(folder) / "canary.csv"
        _write_csv(csv_paths[0], baseline)
        _write_csv(csv_paths[1], canary)
        for path in csv_paths:
            _write_jsonl(path.with_suffix(".jsonl"))
            _write_parquet(path.with_suffix(".parquet"))
        for fmt, suffix in (("csv", ".csv"), ("jsonl", ".jsonl"), ("parquet", ".parquet")):
            paths = [p.with_suffix(suffix) for p in csv_paths]
            options = BuildOptions(gate="promotion", baseline=paths[0], canary=paths[1])

            def reference(paths: list[Path] = paths, fmt: str = fmt) -> Any:
                arms = _arrow_arm(paths[0], "baseline", fmt), _arrow_arm(paths[1], "canary", fmt)
                return promotion_direct(*arms)

            ours, ref = _best_pair(lambda o=options: build_input(o), reference, repeats)
            ratio = ours / ref
            lines.append(
                f"build-input promotion from two {fmt} files, {baseline.size:,} samples per arm "
                f"(best of {repeats}): gatekeeper {ours:.2f} s, pyarrow read + the same "
                f"numpy/scipy calls {ref:.2f} s, ratio {ratio:.2f}x (aim <= 1.5x) "
                f"{'OK' if ratio <= 1.5 else 'OVER'}"
            )
    return lines


def _end_to_end(baseline: ArmSamples, canary: ArmSamples) -> tuple[float, float]:
    """``gatekeeper build-input`` as a child process: wall time and its peak RSS (MiB)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as folder:
        paths = Path(folder) / "baseline.csv", Path(folder) / "canary.csv"
        _write_csv(paths[0], baseline)
        _write_csv(paths[1], canary)
        command = [sys.executable, "-c", _CHILD, "build-input", "--gate", "promotion"]
        command += ["--baseline", str(paths[0]), "--canary", str(paths[1])]
        command += ["-o", str(Path(folder) / "input.json")]
        env = {**os.environ, "PYTHONPATH": str(root)}
        started = time.perf_counter()
        done = subprocess.run(command, check=True, cwd=root, env=env, capture_output=True)
        elapsed = time.perf_counter() - started
    return elapsed, float(done.stdout.decode().strip() or "nan") / 1024


# The child's own high-water mark (VmHWM): ru_maxrss would count the forked parent's pages.
_CHILD = """import sys
from gatekeeper.cli._main import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print(status.split("VmHWM:")[1].split()[0] if "VmHWM:" in status else "nan")
sys.exit(code)
"""


def run(quick: bool = False) -> list[str]:
    """Run the benchmark; return the report lines."""
    n = 100_000 if quick else 1_000_000
    repeats = 3
    baseline = make_arm("baseline", n, seed=1, shift=0.0)
    canary = make_arm("canary", n, seed=2, shift=2.0)
    lines = []
    for gate, ours_fn, ref_fn in (
        ("promotion", promotion_gatekeeper, promotion_direct),
        ("rollout", rollout_gatekeeper, rollout_direct),
    ):
        ours, ref = _best_pair(
            lambda f=ours_fn: f(baseline, canary), lambda f=ref_fn: f(baseline, canary), repeats
        )
        ratio = ours / ref
        peak = _peak(lambda f=ours_fn: f(baseline, canary)) / 2**20
        ref_peak = _peak(lambda f=ref_fn: f(baseline, canary)) / 2**20
        lines.append(
            f"build-input {gate}, {n:,} samples per arm (best of {repeats}): gatekeeper "
            f"{ours:.3f} s, direct numpy/scipy {ref:.3f} s, ratio {ratio:.2f}x "
            f"(aim <= 1.2x) {'OK' if ratio <= 1.2 else 'OVER'}; peak memory {peak:.0f} MiB "
            f"(direct {ref_peak:.0f} MiB)"
        )
    if not quick:
        lines.extend(_from_files(baseline, canary, repeats))
        e2e, rss = _end_to_end(baseline, canary)
        lines.append(
            f"gatekeeper build-input --gate promotion end to end from two CSV files "
            f"(process start, parse, validate, tests, JSON): {e2e:.2f} s for {2 * n:,} "
            f"samples ({2 * n / e2e / 1e6:.2f} M samples/s), peak RSS {rss:.0f} MiB"
        )
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 samples, no files")
    for line in run(parser.parse_args().quick):
        print(line)
    sys.exit(0)
