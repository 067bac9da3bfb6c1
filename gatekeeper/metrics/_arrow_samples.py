"""Fast request-sample reader: pyarrow parses CSV, JSON lines or Parquet into columns.

It accepts exactly what the exact reader (``_samples``) accepts. It never reports an
error itself: on anything it does not fully vouch for (a parse error, a column of an
unexpected type, a missing or non-finite value, an unknown label, time going back)
it raises :class:`Defer`, and the caller re-reads the file with the exact reader,
whose message names the line and the field. A valid file is read once, fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gatekeeper.metrics._samples import (
    ARMS,
    CORE_COLUMNS,
    LABEL_COLUMNS,
    OUTCOMES,
    RESOURCE_COLUMNS,
    ArmSamples,
    FloatArray,
    StrArray,
    arm_samples,
    check_header,
)


class Defer(Exception):
    """The fast reader cannot vouch for this file: read it with the exact reader."""


def read_table(path: Path, fmt: str) -> Any:
    """The file as a pyarrow Table (``Defer`` on any parse problem)."""
    import pyarrow as pa

    try:
        if fmt == "csv":
            from pyarrow import csv

            options = csv.ConvertOptions(
                column_types={name: pa.string() for name in ("arm", "outcome", *LABEL_COLUMNS)},
                null_values=[""],
                strings_can_be_null=False,
            )
            return csv.read_csv(path, convert_options=options)
        if fmt == "jsonl":
            from pyarrow import json

            return json.read_json(path)
        from pyarrow import parquet

        return parquet.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise Defer(str(exc)) from exc


def _floats(column: Any, *, required: bool) -> FloatArray:
    import pyarrow as pa

    kind = column.type
    if pa.types.is_null(kind):
        if required:
            raise Defer("all missing")
        return np.full(len(column), np.nan)
    if not (
        pa.types.is_integer(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_decimal(kind)
    ):
        raise Defer(f"type {kind}")
    if required and column.null_count:
        raise Defer("missing value")
    array = np.asarray(column.cast(pa.float64()).to_numpy(), dtype=np.float64)
    if pa.types.is_floating(kind):
        finite = np.isfinite(array)
        if (
            not (column.null_count == 0 and finite.all())
            and int(array.size - np.count_nonzero(finite)) != column.null_count
        ):
            raise Defer("non-finite value")
    return array


def _micros(column: Any) -> Any:
    """Whole microseconds since the epoch (Python's datetime resolution), as int64."""
    import pyarrow as pa

    ticks = np.asarray(column.cast(pa.int64()).to_numpy(), dtype=np.int64)
    unit = column.type.unit
    if unit == "ns":
        if bool(np.any(ticks % 1000)):
            raise Defer("sub-microsecond time")
        return ticks // 1000
    return ticks * {"s": 1_000_000, "ms": 1000, "us": 1}[unit]


def _timestamps(column: Any) -> FloatArray:
    """Epoch seconds, computed as the exact reader does (whole microseconds / 1e6)."""
    import pyarrow as pa

    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        if column.null_count:
            raise Defer("missing timestamp")
        for target in (pa.timestamp("us", tz="UTC"), pa.timestamp("us")):
            try:
                column = column.cast(target)
                break
            except pa.ArrowException:
                continue
        else:
            raise Defer("timestamps that are not all ISO 8601 of one kind")
        kind = column.type
    if pa.types.is_timestamp(kind):
        if column.null_count:
            raise Defer("missing timestamp")
        return np.asarray(_micros(column), dtype=np.float64) / 1e6
    return _floats(column, required=True)


def _strings(column: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_null(column.type):
        return pa.chunked_array([pa.array([""] * len(column), pa.string())])
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        raise Defer(f"type {column.type}")
    return pc.fill_null(column, "")


def _allowed(column: Any, allowed: tuple[str, ...]) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pc.all(pc.is_in(column, value_set=pa.array(allowed))).as_py():
        raise Defer("unknown label")


def _label_array(column: Any) -> StrArray:
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    names = np.asarray(encoded.dictionary.to_pylist(), dtype=np.str_)
    if names.size == 0:
        return np.full(len(column), "", dtype="<U1")
    return names[np.asarray(encoded.indices.to_numpy(), dtype=np.int64)]


def _mask(column: Any, value: str) -> Any:
    import pyarrow.compute as pc

    return np.asarray(pc.equal(column, value).to_numpy(zero_copy_only=False), dtype=np.bool_)


def columns_of(table: Any, source: str) -> dict[str, Any]:
    """Validated numpy columns of ``table`` in the exact reader's merged form."""
    names = list(table.column_names)
    if len(set(names)) != len(names) or table.num_rows == 0:
        raise Defer("duplicate column or no rows")
    try:
        check_header(names, source, 1)
    except Exception as exc:
        raise Defer(str(exc)) from exc
    out: dict[str, Any] = {"line": np.arange(table.num_rows)}
    timestamp = _timestamps(table.column("timestamp"))
    if bool(np.any(np.diff(timestamp) < 0)):
        raise Defer("time goes back")
    out["timestamp"] = timestamp
    latency = _floats(table.column("latency_ms"), required=True)
    if bool(np.any(latency < 0)):
        raise Defer("negative latency")
    out["latency_ms"] = latency
    outcome = _strings(table.column("outcome"))
    _allowed(outcome, OUTCOMES)
    out["is_error"] = _mask(outcome, "error")
    out["arm"] = _strings(table.column("arm")) if "arm" in names else None
    if out["arm"] is not None:
        _allowed(out["arm"], ("", *ARMS))
    for name in LABEL_COLUMNS:
        if name in names:
            out[name] = _label_array(_strings(table.column(name)))
    for name in names:
        if name in CORE_COLUMNS or name in LABEL_COLUMNS:
            continue
        values = _floats(table.column(name), required=False)
        if name in RESOURCE_COLUMNS:
            finite = values[np.isfinite(values)]
            if bool(np.any((finite < 0) | (finite > 1))):
                raise Defer(f"{name} outside [0, 1]")
        out[f"value:{name}"] = values
    return out


def read_samples_fast(path: Path, fmt: str, arm: str | None) -> list[ArmSamples]:
    """Read one samples file with pyarrow; ``Defer`` when the exact reader must speak."""
    source = str(path)
    merged = columns_of(read_table(path, fmt), source)
    arms = merged.pop("arm")
    merged.pop("line")
    if arm is not None:
        if arms is not None and bool(np.any(~(_mask(arms, arm) | _mask(arms, "")))):
            raise Defer("row of the other arm")
        return [arm_samples(arm, source, merged, None)]
    if arms is None or bool(np.any(_mask(arms, ""))):
        raise Defer("row without arm")
    masks = {name: _mask(arms, name) for name in ARMS}
    return [arm_samples(name, source, merged, masks[name]) for name in ARMS if masks[name].any()]
