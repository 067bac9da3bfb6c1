"""The sample reader: the same numbers from CSV, JSON lines and Parquet, and exact messages.

pyarrow reads every file; a file that fails a check is read again row by row only to
name the line (Parquet: the row) and the field.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gatekeeper.metrics import read_samples
from gatekeeper.metrics._samples import ArmSamples
from gatekeeper.models._exceptions import MetricsError

pa = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")

N = 400
SUFFIXES = (".csv", ".jsonl", ".parquet")


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


def _write(path: Path, rows: list[dict[str, Any]], *, omit_nulls: bool = True) -> Path:
    if path.suffix == ".csv":
        names = list(rows[0])
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            writer.writerows([("" if r[n] is None else r[n]) for n in names] for r in rows)
    elif path.suffix == ".jsonl":
        path.write_text(
            "".join(
                json.dumps({k: v for k, v in r.items() if v is not None or not omit_nulls}) + "\n"
                for r in rows
            )
        )
    else:
        parquet.write_table(pa.Table.from_pylist(rows), path)
    return path


def _time(value: Any) -> float:
    """The time a row stands for, by Python's rules (naive ISO 8601: UTC)."""
    if isinstance(value, float):
        return value
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _floats(rows: list[dict[str, Any]], name: str) -> list[float]:
    return [math.nan if r.get(name) is None else float(r[name]) for r in rows]


def _expect(samples: list[ArmSamples], rows: list[dict[str, Any]]) -> None:
    """The samples hold exactly the rows, split by arm, every number equal."""
    assert [s.arm for s in samples] == [
        a for a in ("baseline", "canary") if any(r["arm"] == a for r in rows)
    ]
    for arm_samples in samples:
        mine = [r for r in rows if r["arm"] == arm_samples.arm]
        assert arm_samples.timestamp.tolist() == [_time(r["timestamp"]) for r in mine]
        assert arm_samples.latency_ms.tolist() == _floats(mine, "latency_ms")
        assert arm_samples.is_error.tolist() == [r["outcome"] == "error" for r in mine]
        for label in ("shard", "bucket"):
            if label in rows[0]:
                got = getattr(arm_samples, label).tolist()
                assert got == [r[label] or "" for r in mine]
        values = {**arm_samples.resources, **arm_samples.scores}
        assert sorted(values) == sorted(
            n
            for n in rows[0]
            if n not in ("timestamp", "arm", "latency_ms", "outcome")
            and n not in ("shard", "bucket")
        )
        for name, array in values.items():
            np.testing.assert_array_equal(array, _floats(mine, name))


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("iso_times", [False, True])
def test_success_every_format_reads_the_same_numbers(
    suffix: str, iso_times: bool, tmp_path: Path
) -> None:
    rows = _rows(iso_times)
    _expect(read_samples(_write(tmp_path / f"samples{suffix}", rows)), rows)


def test_success_one_arm_file_without_arm_column(tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "arm"} for r in _rows(False)]
    samples = read_samples(_write(tmp_path / "canary.parquet", rows), None, "canary")
    _expect(samples, [{**r, "arm": "canary"} for r in rows])
    assert samples[0].size == N


def test_success_parquet_timestamps_as_arrow_times(tmp_path: Path) -> None:
    rows = _rows(False)
    table = pa.Table.from_pylist(rows)
    moments = [datetime.fromtimestamp(r["timestamp"], UTC) for r in rows]
    table = table.set_column(0, "timestamp", pa.array(moments, pa.timestamp("ms", tz="UTC")))
    path = tmp_path / "samples.parquet"
    parquet.write_table(table, path)
    _expect(read_samples(path), rows)


def test_success_text_numbers_and_mixed_time_forms(tmp_path: Path) -> None:
    """Numbers written as JSON strings and ISO times of several forms: Python's rules."""
    lines = [
        {"timestamp": "2024-05-01T12:00:00Z", "latency_ms": "12.5", "outcome": "ok"},
        {"timestamp": "2024-05-01T12:00:01", "latency_ms": "1e2", "outcome": "error"},
        {"timestamp": "1714564802.25", "latency_ms": "0", "outcome": "ok"},
    ]
    path = tmp_path / "canary.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    samples = read_samples(path, None, "canary")[0]
    assert samples.timestamp.tolist() == [1714564800.0, 1714564801.0, 1714564802.25]
    assert samples.latency_ms.tolist() == [12.5, 100.0, 0.0]


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
def test_fail_bad_parquet_names_the_row_and_field(
    change: dict[str, Any], message: str, tmp_path: Path
) -> None:
    rows = _rows(False)
    rows[4].update(change)
    path = _write(tmp_path / "samples.parquet", rows)
    with pytest.raises(MetricsError) as info:
        read_samples(path)
    assert str(info.value).startswith(f"{path}:{message.removeprefix('row ')}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"timestamp": 1, "latency_ms": 1, "outcome": "ok"}\n[1]\n', ":2: a sample must be"),
        ('{"timestamp": 1, "latency_ms": "x", "outcome": "ok"}\n', ":1: field latency_ms: 'x'"),
        ('{"timestamp": 1, "latency_ms": 1, "outcome": "ok", "shard": 3}\n', "field shard: 3"),
        (
            '{"timestamp": 1, "latency_ms": 1, "outcome": "ok"}\n'
            '{"timestamp": 2, "latency_ms": "2", "outcome": "ok"}\n',
            ":2: field latency_ms: '2' is a str, not a number as on the lines before",
        ),
        (
            '{"timestamp": 1, "latency_ms": 1, "latency_ms": 2, "outcome": "ok"}\n',
            ":1: field latency_ms: given twice",
        ),
        ('{"timestamp": 1, "latency_ms": 1, "outcome": "ok", "Bad": 1}\n', ":1: field 'Bad'"),
    ],
)
def test_fail_bad_jsonl_names_the_line_and_field(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "canary.jsonl"
    path.write_text(text)
    with pytest.raises(MetricsError, match=message.replace("[", r"\[")):
        read_samples(path, None, "canary")


def test_success_csv_booleans_are_zero_one_scores(tmp_path: Path) -> None:
    path = tmp_path / "canary.csv"
    path.write_text("timestamp,latency_ms,outcome,accuracy\n1,2,ok,True\n2,2,ok,false\n3,2,ok,\n")
    assert read_samples(path, None, "canary")[0].scores["accuracy"].tolist()[:2] == [1.0, 0.0]


def test_fail_a_csv_column_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "canary.csv"
    path.write_text("timestamp,latency_ms,outcome,cpu,cpu\n1,2,ok,0.1,0.2\n")
    with pytest.raises(MetricsError, match=r"canary.csv:1: field cpu: column given twice"):
        read_samples(path, None, "canary")


def test_fail_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "samples.parquet"
    path.write_text("timestamp,latency_ms,outcome\n")
    with pytest.raises(MetricsError, match="not a readable Parquet file"):
        read_samples(path)


def test_fail_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MetricsError, match="cannot read samples: No such file"):
        read_samples(tmp_path / "absent.csv")


# Property: random valid samples written as CSV, JSON lines and Parquet read back equal.

_T0 = 1_700_000_000.0
_LABEL = st.none() | st.text("abcxyz-0123456789", min_size=1, max_size=6)
_FRACTION = st.none() | st.floats(0.0, 1.0)
_SCORE = st.none() | st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-1000, 1000)


def _time_text(seconds: float, form: str) -> float | str:
    moment = datetime.fromtimestamp(seconds, UTC)
    if form == "number":
        return seconds
    return moment.isoformat() if form == "zoned" else moment.replace(tzinfo=None).isoformat()


@st.composite
def _sample_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 25))
    steps = draw(st.lists(st.floats(0.0, 1e5), min_size=count, max_size=count))
    forms = draw(
        st.sampled_from(["number", "zoned", "naive", "mixed"]).flatmap(
            lambda form: st.lists(
                st.sampled_from(["number", "zoned", "naive"]) if form == "mixed" else st.just(form),
                min_size=count,
                max_size=count,
            )
        )
    )
    has = draw(st.fixed_dictionaries({n: st.booleans() for n in ("shard", "cpu", "ndcg_at_10")}))
    rows, seconds = [], _T0
    for index in range(count):
        seconds = float(np.float64(seconds + steps[index]))
        row: dict[str, Any] = {
            "timestamp": _time_text(seconds, forms[index]),
            "arm": draw(st.sampled_from(["baseline", "canary"])),
            "latency_ms": draw(st.floats(0.0, 1e7) | st.integers(0, 10**6)),
            "outcome": draw(st.sampled_from(["ok", "error"])),
        }
        for name, strategy in (("shard", _LABEL), ("cpu", _FRACTION), ("ndcg_at_10", _SCORE)):
            if has[name]:
                row[name] = draw(strategy)
        rows.append(row)
    return rows


def _one_type(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON and Parquet keep one type per field: a score column of ints and floats -> floats."""
    if any(isinstance(r.get("ndcg_at_10"), float) for r in rows):
        rows = [{**r, "ndcg_at_10": _float_or_none(r.get("ndcg_at_10"))} for r in rows]
    return rows


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _typed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One JSON (or Parquet) type per field: mixed times as text, mixed latencies as floats."""
    if len({type(r["timestamp"]) for r in rows}) > 1:
        rows = [{**r, "timestamp": str(r["timestamp"])} for r in rows]
    if len({type(r["latency_ms"]) for r in rows}) > 1:
        rows = [{**r, "latency_ms": float(r["latency_ms"])} for r in rows]
    return rows


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(rows=_sample_rows())
def test_property_valid_samples_read_back_equal_in_every_format(
    rows: list[dict[str, Any]],
) -> None:
    rows = _one_type(rows)
    times = [_time(r["timestamp"]) for r in rows]
    if any(b < a for a, b in itertools.pairwise(times)):
        return  # a time that rounds back to the microsecond is not a valid file
    with tempfile.TemporaryDirectory() as folder:
        for suffix in SUFFIXES:
            written = rows if suffix == ".csv" else _typed(rows)
            path = _write(Path(folder) / f"samples{suffix}", written, omit_nulls=False)
            _expect(read_samples(path), rows)
