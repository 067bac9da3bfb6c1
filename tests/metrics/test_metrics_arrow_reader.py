"""The pyarrow reader gives exactly what the exact reader gives, and defers every bad file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gatekeeper.metrics import read_samples
from gatekeeper.metrics._samples import ArmSamples, read_samples_exact
from gatekeeper.models._exceptions import MetricsError

pa = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")
from gatekeeper.metrics._arrow_samples import Defer, read_samples_fast  # noqa: E402

N = 400


def _rows(iso_times: bool) -> list[dict[str, Any]]:
    rng = np.random.default_rng(7)
    times = 1_700_000_000.0 + np.cumsum(rng.uniform(0.0, 2.0, N)).round(3)
    rows = []
    for i in range(N):
        row: dict[str, Any] = {
            "timestamp": (
                datetime.fromtimestamp(float(times[i]), UTC).isoformat(timespec="milliseconds")
                if iso_times
                else float(times[i])
            ),
            "arm": "canary" if i % 3 else "baseline",
            "latency_ms": round(float(rng.gamma(2.0, 50.0)), 2),
            "outcome": "error" if i % 17 == 0 else "ok",
            "shard": f"shard-{'abc'[i % 3]}",
            "bucket": f"b{i % 12}",
            "cpu": round(float(rng.uniform(0.1, 0.9)), 3),
            "memory": None if i % 11 == 0 else round(float(rng.uniform(0.1, 0.9)), 3),
            "accuracy": int(rng.random() < 0.8),
            "ndcg_at_10": None if i % 5 == 0 else round(float(rng.uniform(0.4, 0.6)), 4),
        }
        rows.append(row)
    return rows


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    if path.suffix == ".csv":
        names = list(rows[0])
        lines = [",".join(names)]
        lines += [",".join("" if r[n] is None else str(r[n]) for n in names) for r in rows]
        path.write_text("\n".join(lines) + "\n")
    elif path.suffix == ".jsonl":
        path.write_text(
            "".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n" for r in rows)
        )
    else:
        parquet.write_table(pa.Table.from_pylist(rows), path)
    return path


def _same(ours: list[ArmSamples], exact: list[ArmSamples]) -> None:
    assert [s.arm for s in ours] == [s.arm for s in exact]
    for a, b in zip(ours, exact, strict=True):
        np.testing.assert_array_equal(a.timestamp, b.timestamp)
        np.testing.assert_array_equal(a.latency_ms, b.latency_ms)
        np.testing.assert_array_equal(a.is_error, b.is_error)
        np.testing.assert_array_equal(a.shard, b.shard)
        np.testing.assert_array_equal(a.bucket, b.bucket)
        assert a.resources.keys() == b.resources.keys() and a.scores.keys() == b.scores.keys()
        for name in a.resources:
            np.testing.assert_array_equal(a.resources[name], b.resources[name])
        for name in a.scores:
            np.testing.assert_array_equal(a.scores[name], b.scores[name])


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("iso_times", [False, True])
def test_success_fast_reader_equals_exact_reader(
    suffix: str, iso_times: bool, tmp_path: Path
) -> None:
    path = _write(tmp_path / f"samples{suffix}", _rows(iso_times))
    fmt = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}[suffix]
    _same(read_samples_fast(path, fmt, None), read_samples_exact(path, fmt, None))


def test_success_one_arm_file_without_arm_column(tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "arm"} for r in _rows(False)]
    path = _write(tmp_path / "canary.parquet", rows)
    fast = read_samples_fast(path, "parquet", "canary")
    _same(fast, read_samples_exact(path, "parquet", "canary"))
    assert fast[0].size == N


def test_success_parquet_timestamps_as_arrow_times(tmp_path: Path) -> None:
    rows = _rows(False)
    table = pa.Table.from_pylist(rows)
    moments = [datetime.fromtimestamp(r["timestamp"], UTC) for r in rows]
    table = table.set_column(0, "timestamp", pa.array(moments, pa.timestamp("ms", tz="UTC")))
    path = tmp_path / "samples.parquet"
    parquet.write_table(table, path)
    ours = read_samples_fast(path, "parquet", None)
    _same(ours, read_samples_exact(path, "parquet", None))
    assert ours[0].timestamp[0] == pytest.approx(rows[0]["timestamp"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"latency_ms": -1.0}, "row 5: field latency_ms: negative"),
        ({"outcome": "timeout"}, "row 5: field outcome: unknown outcome 'timeout'"),
        ({"cpu": 1.5}, "row 5: field cpu: 1.5 is not a utilisation fraction"),
        ({"arm": "stable"}, "row 5: field arm: unknown arm 'stable'"),
        ({"timestamp": 1.0}, "row 5: field timestamp: 1.0 is earlier"),
        ({"latency_ms": float("nan")}, "row 5: field latency_ms: nan is not a finite number"),
    ],
)
def test_fail_bad_parquet_defers_to_the_exact_message(
    change: dict[str, Any], message: str, tmp_path: Path
) -> None:
    rows = _rows(False)
    rows[4].update(change)
    path = _write(tmp_path / "samples.parquet", rows)
    with pytest.raises(Defer):
        read_samples_fast(path, "parquet", None)
    with pytest.raises(MetricsError) as info:
        read_samples(path)
    assert str(info.value).startswith(f"{path}:{message.removeprefix('row ')}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"timestamp": 1, "latency_ms": 1, "outcome": "ok"}\n[1]\n', ":2: a sample must be"),
        ('{"timestamp": 1, "latency_ms": "x", "outcome": "ok"}\n', ":1: field latency_ms: 'x'"),
        ('{"timestamp": 1, "latency_ms": 1, "outcome": "ok", "shard": 3}\n', "field shard: 3"),
    ],
)
def test_fail_bad_jsonl_defers_to_the_exact_message(
    text: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "canary.jsonl"
    path.write_text(text)
    with pytest.raises(Defer):
        read_samples_fast(path, "jsonl", "canary")
    with pytest.raises(MetricsError, match=message.replace("[", r"\[")):
        read_samples(path, None, "canary")


def test_fail_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "samples.parquet"
    path.write_text("timestamp,latency_ms,outcome\n")
    with pytest.raises(MetricsError, match="not a readable Parquet file"):
        read_samples(path)
