"""Aggregates agree with direct numpy calls on the same data, interval by interval."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _metrics_data import T0, make_columns, write_csv, write_jsonl

from gatekeeper.metrics import aggregate, read_samples, totals


@pytest.fixture(scope="module")
def columns() -> dict[str, np.ndarray]:
    return make_columns("canary", 5000, seed=21, seconds=600.0, error_rate=0.01)


def _read(tmp_path: Path, columns: dict[str, np.ndarray], fmt: str):
    if fmt == "csv":
        path = write_csv(tmp_path / "canary.csv", columns)
    else:
        path = write_jsonl(tmp_path / "canary.jsonl", columns)
    return read_samples(path, None, "canary")[0]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_samples_round_trip_both_formats(tmp_path: Path, columns, fmt: str) -> None:
    samples = _read(tmp_path, columns, fmt)
    assert samples.size == 5000
    np.testing.assert_allclose(samples.timestamp, columns["timestamp"])
    np.testing.assert_array_equal(samples.latency_ms, columns["latency_ms"])
    np.testing.assert_array_equal(samples.is_error, columns["outcome"] == "error")
    assert samples.shard is not None and samples.shard.tolist() == columns["shard"].tolist()
    assert set(samples.scores) == {"accuracy", "ndcg_at_10", "cost"}
    assert set(samples.resources) == {"cpu", "memory"}


def test_per_interval_aggregates_match_direct_numpy(tmp_path: Path, columns) -> None:
    samples = _read(tmp_path, columns, "csv")
    series = aggregate([samples], 60)
    arm = series.arm("canary")
    assert series.count == 10
    ts, lat = columns["timestamp"], columns["latency_ms"]
    start = ts[0]
    err = columns["outcome"] == "error"
    for k in range(series.count):
        mask = (ts >= start + 60 * k) & (ts < start + 60 * (k + 1))
        if k == series.count - 1:
            mask |= ts == ts[-1]
        assert arm.metrics["requests"][k] == mask.sum()
        assert arm.metrics["error_rate"][k] == pytest.approx(err[mask].mean())
        p95, p99 = np.percentile(lat[mask], [95, 99])
        assert arm.metrics["p95_latency_ms"][k] == pytest.approx(p95)
        assert arm.metrics["p99_latency_ms"][k] == pytest.approx(p99)
        assert arm.metrics["mean_latency_ms"][k] == pytest.approx(lat[mask].mean())
        assert arm.metrics["ndcg_at_10"][k] == pytest.approx(columns["ndcg_at_10"][mask].mean())
        for shard in ("shard-0", "shard-1", "shard-2"):
            in_shard = mask & (columns["shard"] == shard)
            assert arm.shards[shard]["cpu"][k] == columns["cpu"][in_shard].max()
            assert arm.shards[shard]["memory"][k] == columns["memory"][in_shard].max()


def test_totals_and_buckets_match_direct_numpy(tmp_path: Path, columns) -> None:
    samples = _read(tmp_path, columns, "jsonl")
    figures = totals(samples)
    lat = columns["latency_ms"]
    assert figures["p95_latency_ms"] == pytest.approx(np.percentile(lat, 95))
    assert figures["p99_latency_ms"] == pytest.approx(np.percentile(lat, 99))
    assert figures["error_rate"] == pytest.approx((columns["outcome"] == "error").mean())
    assert figures["accuracy"] == pytest.approx(columns["accuracy"].mean())
    series = aggregate([samples], 60)
    buckets = series.arm("canary").buckets
    assert len(buckets) == 12
    ok = columns["outcome"] == "ok"
    for name, figures_b in buckets.items():
        in_bucket = columns["bucket"] == name
        assert figures_b["pass_rate"] == pytest.approx(ok[in_bucket].mean())


def test_empty_intervals_are_nan_and_windows_cut(tmp_path: Path) -> None:
    cols = make_columns("canary", 200, seed=5, seconds=60.0)
    late = make_columns("canary", 200, seed=6, seconds=60.0)
    late["timestamp"] = late["timestamp"] + 240.0  # intervals 1..3 have no traffic
    merged = {k: np.concatenate([cols[k], late[k]]) for k in cols}
    samples = read_samples(write_csv(tmp_path / "gap.csv", merged), None, "canary")[0]
    series = aggregate([samples], 60, start=T0, end=T0 + 300.0)
    rates = series.arm("canary").metrics["error_rate"]
    assert series.count == 5
    assert np.isnan(rates[1:4]).all() and np.isfinite(rates[[0, 4]]).all()
    only_last = aggregate([samples], 60, start=T0 + 240.0, end=T0 + 300.0)
    assert only_last.count == 1
    assert only_last.arm("canary").metrics["requests"][0] == 200
