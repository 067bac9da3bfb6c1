"""Request-level samples: read CSV, JSON lines or Parquet into validated numpy columns.

pyarrow reads a file fast when it is installed (``_arrow_samples``); this module is
the exact reader: it defines what is valid, and every error message (file, line,
field) comes from it. Parquet rows are numbered from 1 in messages.

One row is one request: ``timestamp`` (seconds since the epoch, or an ISO 8601
time; naive times are UTC), ``arm`` (``baseline`` | ``canary``), ``latency_ms``,
``outcome`` (``ok`` | ``error``), and optionally ``shard``, ``bucket``, ``cpu``,
``memory`` (fractions 0..1) and any number of quality scores (other numeric
columns such as ``ndcg_at_10``, ``accuracy``, ``cost``). An empty optional cell
means "not measured"; a NaN, a negative latency, an unknown arm or outcome, or a
timestamp earlier than the one before it is a :class:`MetricsError` naming the
file, the line and the field.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from gatekeeper.models._exceptions import MetricsError
from gatekeeper.reports._progress import note

ARMS = ("baseline", "canary")
OUTCOMES = ("ok", "error")
FORMATS = ("csv", "jsonl", "parquet")
CORE_COLUMNS = ("timestamp", "arm", "latency_ms", "outcome")
LABEL_COLUMNS = ("shard", "bucket")
RESOURCE_COLUMNS = ("cpu", "memory")
_SCORE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CHUNK_ROWS = 50_000

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True)
class ArmSamples:
    """The validated samples of one arm, in time order (one array entry per request)."""

    arm: str
    source: str
    timestamp: FloatArray
    latency_ms: FloatArray
    is_error: BoolArray
    shard: StrArray | None = None
    bucket: StrArray | None = None
    resources: dict[str, FloatArray] = field(default_factory=dict)
    scores: dict[str, FloatArray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of requests."""
        return int(self.timestamp.size)


def detect_format(path: Path, given: str | None) -> str:
    """Return the file format: the given one, else from the suffix (``.csv`` or ``.jsonl``)."""
    if given is not None:
        if given not in FORMATS:
            raise MetricsError(f"{path}: unknown format {given!r} (expected {', '.join(FORMATS)})")
        return given
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise MetricsError(
        f"{path}: cannot tell the format from the name; pass --format {'|'.join(FORMATS)}"
    )


def read_samples(path: Path, fmt: str | None = None, arm: str | None = None) -> list[ArmSamples]:
    """Read one samples file; ``arm`` names the arm the file must hold (None: rows name it).

    Returns one :class:`ArmSamples` per arm present in the file (a file given for one
    arm returns exactly that arm). Raises :class:`MetricsError` on any bad measurement.
    """
    fmt = detect_format(path, fmt)
    note(f"reading {path.name}")
    if path.is_file() and importlib.util.find_spec("pyarrow") is not None:
        from gatekeeper.metrics._arrow_samples import Defer, read_samples_fast

        try:
            return read_samples_fast(path, fmt, arm)
        except Defer:
            pass  # the exact reader below names the line and the field
        note(f"reading {path.name} again to name the bad line")
    return read_samples_exact(path, fmt, arm)


def read_samples_exact(path: Path, fmt: str, arm: str | None = None) -> list[ArmSamples]:
    """The reference reader (csv module, json, or Parquet row by row): exact messages."""
    source = str(path)
    if fmt == "parquet":
        parts = [_convert(columns, lines, source) for columns, lines in _parquet_chunks(path)]
        return _split_arms(parts, source, arm)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise MetricsError(f"{source}: cannot read samples: {exc.strerror or exc}") from exc
    with handle:
        chunks = _csv_chunks(handle, source) if fmt == "csv" else _jsonl_chunks(handle, source)
        parts = [_convert(columns, lines, source) for columns, lines in chunks]
    return _split_arms(parts, source, arm)


def _split_arms(parts: list[dict[str, Any]], source: str, arm: str | None) -> list[ArmSamples]:
    if not parts:
        raise MetricsError(f"{source}: no samples (the file is empty)")
    merged = _concat(parts)
    _check_monotonic(merged, source)
    arms = merged.pop("arm")
    lines = merged.pop("line")
    if arm is not None:
        wrong = np.flatnonzero((arms != arm) & (arms != ""))
        if wrong.size:
            i = int(wrong[0])
            raise MetricsError(
                f"{source}:{int(lines[i])}: field arm: {str(arms[i])!r} in the {arm} file"
            )
        return [arm_samples(arm, source, merged, None)]
    missing = np.flatnonzero(arms == "")
    if missing.size:
        i = int(missing[0])
        raise MetricsError(f"{source}:{int(lines[i])}: field arm: missing (baseline|canary)")
    found = [name for name in ARMS if bool(np.any(arms == name))]
    return [arm_samples(name, source, merged, arms == name) for name in found]


def _parquet_chunks(path: Path) -> Iterator[tuple[dict[str, list[Any]], list[int]]]:
    """Parquet rows as Python values (times as epoch seconds), numbered from 1."""
    from gatekeeper.models._extras import require

    require("metrics", f"{path}: reading Parquet")
    import pyarrow as pa
    from pyarrow import parquet

    try:
        table = parquet.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise MetricsError(f"{path}: not a readable Parquet file: {exc}") from exc
    check_header(list(table.column_names), str(path), 1)
    first = 1
    for batch in table.to_batches(max_chunksize=_CHUNK_ROWS):
        columns: dict[str, list[Any]] = {}
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if pa.types.is_timestamp(column.type):
                times = column.cast(pa.timestamp("us", tz="UTC")).to_pylist()
                columns[name] = [None if t is None else t.timestamp() for t in times]
            else:
                columns[name] = column.to_pylist()
        yield columns, list(range(first, first + batch.num_rows))
        first += batch.num_rows


def _csv_chunks(handle: Any, source: str) -> Iterator[tuple[dict[str, list[Any]], list[int]]]:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        return
    names = [name.strip() for name in header]
    check_header(names, source, 1)
    while True:
        rows: list[list[str]] = []
        lines: list[int] = []
        for row in islice(reader, _CHUNK_ROWS):
            if not row:
                continue
            if len(row) != len(names):
                raise MetricsError(
                    f"{source}:{reader.line_num}: {len(row)} fields, the header has {len(names)}"
                )
            rows.append(row)
            lines.append(reader.line_num)
        if not rows:
            return
        columns = {
            name: list(values) for name, values in zip(names, zip(*rows, strict=True), strict=True)
        }
        yield columns, lines


def _jsonl_chunks(handle: Any, source: str) -> Iterator[tuple[dict[str, list[Any]], list[int]]]:
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    names: dict[str, None] = {}
    for number, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MetricsError(f"{source}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise MetricsError(f"{source}:{number}: a sample must be a JSON object")
        for key in record:
            if key not in names:
                check_header([key], source, number, partial=True)
                names[key] = None
        records.append(record)
        lines.append(number)
        if len(records) >= _CHUNK_ROWS:
            yield _transpose(records, names), lines
            records, lines = [], []
    if records:
        yield _transpose(records, names), lines


def _transpose(records: list[dict[str, Any]], names: dict[str, None]) -> dict[str, list[Any]]:
    return {name: [record.get(name) for record in records] for name in names}


def check_header(names: list[str], source: str, line: int, *, partial: bool = False) -> None:
    for name in names:
        if name in CORE_COLUMNS or name in LABEL_COLUMNS or name in RESOURCE_COLUMNS:
            continue
        if not _SCORE_NAME.match(name):
            raise MetricsError(f"{source}:{line}: field {name!r}: not a valid metric name")
    if partial:
        return
    for required in ("timestamp", "latency_ms", "outcome"):
        if required not in names:
            raise MetricsError(f"{source}:{line}: field {required}: missing column")


def _convert(columns: dict[str, list[Any]], lines: list[int], source: str) -> dict[str, Any]:
    line = np.asarray(lines, dtype=np.int64)
    for required in ("timestamp", "latency_ms", "outcome"):
        if required not in columns:
            raise MetricsError(f"{source}:{lines[0]}: field {required}: missing")
    out: dict[str, Any] = {"line": line}
    out["timestamp"] = _timestamps(columns["timestamp"], line, source)
    latency = _floats(columns["latency_ms"], "latency_ms", line, source, required=True)
    negative = np.flatnonzero(latency < 0)
    if negative.size:
        i = int(negative[0])
        raise MetricsError(f"{source}:{line[i]}: field latency_ms: negative ({latency[i]})")
    out["latency_ms"] = latency
    outcome = _labels(columns["outcome"], "outcome", line, source, allowed=OUTCOMES, required=True)
    out["is_error"] = outcome == "error"
    arm_values = columns.get("arm")
    out["arm"] = (
        np.full(line.size, "", dtype="<U8")
        if arm_values is None
        else _labels(arm_values, "arm", line, source, allowed=ARMS, required=False)
    )
    for name in LABEL_COLUMNS:
        if name in columns:
            out[name] = _labels(columns[name], name, line, source, allowed=None, required=False)
    for name, values in columns.items():
        if name in CORE_COLUMNS or name in LABEL_COLUMNS:
            continue
        values_array = _floats(values, name, line, source, required=False)
        if name in RESOURCE_COLUMNS:
            bad = np.flatnonzero((values_array < 0) | (values_array > 1))
            if bad.size:
                i = int(bad[0])
                raise MetricsError(
                    f"{source}:{line[i]}: field {name}: {values_array[i]} is not a "
                    "utilisation fraction within [0, 1]"
                )
        out[f"value:{name}"] = values_array
    return out


def _floats(
    values: list[Any], name: str, line: npt.NDArray[np.int64], source: str, *, required: bool
) -> FloatArray:
    """Convert a column to float64; empty/None means "not measured" (NaN) unless required."""
    try:
        array = np.array(values, dtype=np.float64)
    except (ValueError, TypeError):
        array = np.empty(len(values), dtype=np.float64)
        for i, value in enumerate(values):
            array[i] = _one_float(value, name, int(line[i]), source)
    nan = np.flatnonzero(~np.isfinite(array))
    for k in nan:
        value = values[int(k)]
        if value is None or value == "":
            if required:
                raise MetricsError(f"{source}:{line[k]}: field {name}: missing")
            continue
        raise MetricsError(f"{source}:{line[k]}: field {name}: {value!r} is not a finite number")
    return array


def _one_float(value: Any, name: str, line: int, source: str) -> float:
    if value is None or value == "":
        return math.nan
    if isinstance(value, bool | int | float):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise MetricsError(f"{source}:{line}: field {name}: {value!r} is not a number") from None


def _labels(
    values: list[Any],
    name: str,
    line: npt.NDArray[np.int64],
    source: str,
    *,
    allowed: tuple[str, ...] | None,
    required: bool,
) -> StrArray:
    cleaned = ["" if value is None else value for value in values]
    array = np.asarray(cleaned)
    if array.dtype.kind != "U":
        bad_types = [i for i, value in enumerate(cleaned) if not isinstance(value, str)]
        i = bad_types[0]
        raise MetricsError(f"{source}:{line[i]}: field {name}: {values[i]!r} is not a string")
    if required:
        empty = np.flatnonzero(array == "")
        if empty.size:
            raise MetricsError(f"{source}:{line[int(empty[0])]}: field {name}: missing")
    if allowed is not None:
        ok = array == ""
        for option in allowed:
            ok |= array == option
        bad = np.flatnonzero(~ok)
        if bad.size:
            i = int(bad[0])
            expected = "|".join(allowed)
            raise MetricsError(
                f"{source}:{line[i]}: field {name}: unknown {name} {str(array[i])!r} "
                f"(expected {expected})"
            )
    return array


def _timestamps(values: list[Any], line: npt.NDArray[np.int64], source: str) -> FloatArray:
    try:
        array = np.array(values, dtype=np.float64)
    except (ValueError, TypeError):
        array = np.array(
            [_one_timestamp(value, int(line[i]), source) for i, value in enumerate(values)],
            dtype=np.float64,
        )
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        i = int(bad[0])
        raise MetricsError(f"{source}:{line[i]}: field timestamp: {values[i]!r} is not a time")
    return array


def _one_timestamp(value: Any, line: int, source: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and value:
        try:
            return float(value)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.timestamp()
    raise MetricsError(f"{source}:{line}: field timestamp: {value!r} is not a time")


def _concat(parts: list[dict[str, Any]]) -> dict[str, Any]:
    keys: dict[str, None] = {}
    for part in parts:
        keys.update(dict.fromkeys(part))
    merged: dict[str, Any] = {}
    for key in keys:
        pieces = [part[key] if key in part else _empty_like(key, part) for part in parts]
        merged[key] = pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
    return merged


def _empty_like(key: str, part: dict[str, Any]) -> Any:
    size = int(part["line"].size)
    if key in LABEL_COLUMNS:
        return np.full(size, "", dtype="<U1")
    return np.full(size, np.nan)


def _check_monotonic(merged: dict[str, Any], source: str) -> None:
    timestamp = merged["timestamp"]
    back = np.flatnonzero(np.diff(timestamp) < 0)
    if back.size:
        i = int(back[0]) + 1
        raise MetricsError(
            f"{source}:{int(merged['line'][i])}: field timestamp: {timestamp[i]} is earlier "
            f"than the previous sample ({timestamp[i - 1]}); samples must be in time order"
        )


def arm_samples(
    arm: str, source: str, merged: dict[str, Any], mask: BoolArray | None
) -> ArmSamples:
    """One arm's :class:`ArmSamples` from merged columns (``mask``: its rows, None: all)."""

    def pick(array: Any) -> Any:
        return array if mask is None else array[mask]

    resources = {
        name: pick(merged[f"value:{name}"])
        for name in RESOURCE_COLUMNS
        if f"value:{name}" in merged
    }
    scores = {
        key.removeprefix("value:"): pick(value)
        for key, value in merged.items()
        if key.startswith("value:") and key.removeprefix("value:") not in RESOURCE_COLUMNS
    }
    return ArmSamples(
        arm=arm,
        source=source,
        timestamp=pick(merged["timestamp"]),
        latency_ms=pick(merged["latency_ms"]),
        is_error=pick(merged["is_error"]),
        shard=pick(merged["shard"]) if "shard" in merged else None,
        bucket=pick(merged["bucket"]) if "bucket" in merged else None,
        resources=resources,
        scores=scores,
    )
