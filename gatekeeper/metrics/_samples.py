"""Request-level samples: read CSV, JSON lines or Parquet into validated numpy columns.

pyarrow reads and checks every file, column by column. Only when a check fails does
:func:`_locate` read the same bytes again row by row, to name the first bad line
(Parquet: the row, from 1) and field; both apply the same per-value rules
(:func:`_number`, :func:`one_timestamp`). The columns, and what is an error, are in
docs/build-input.md, "Request samples".
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
_REQUIRED = ("timestamp", "latency_ms", "outcome")
_SCORE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TRUE = ("True", "TRUE", "true")  # a 0/1 score written as a boolean (pandas writes True)
_FALSE = ("False", "FALSE", "false")

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

    def select(self, rows: slice | BoolArray) -> ArmSamples:
        """The samples of ``rows`` (a slice or a mask), every column alike."""
        return ArmSamples(
            arm=self.arm,
            source=self.source,
            timestamp=self.timestamp[rows],
            latency_ms=self.latency_ms[rows],
            is_error=self.is_error[rows],
            shard=None if self.shard is None else self.shard[rows],
            bucket=None if self.bucket is None else self.bucket[rows],
            resources={name: values[rows] for name, values in self.resources.items()},
            scores={name: values[rows] for name, values in self.scores.items()},
        )


class _Invalid(Exception):
    """A column check failed: the locator names the line and the field."""


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
    source = str(path)
    note(f"reading {path.name}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MetricsError(f"{source}: cannot read samples: {exc.strerror or exc}") from exc
    try:
        return _read(data, fmt, source, arm)
    except _Invalid as exc:
        note(f"reading {path.name} again to name the bad line")
        raise _locate(data, fmt, source, arm, str(exc)) from None


def _read(data: bytes, fmt: str, source: str, arm: str | None) -> list[ArmSamples]:
    """pyarrow reads and checks the columns; ``_Invalid`` when a check fails."""

    table = _table(data, fmt, source)
    names = [name.strip() for name in table.column_names] if fmt == "csv" else table.column_names
    table = table.rename_columns(names)
    if fmt != "jsonl":
        _check_names(names, source, 1)
    elif not all(_valid_name(name) for name in names):
        raise _Invalid("a key that is not a metric name")  # the locator names its line
    if table.num_rows == 0 or any(name not in names for name in _REQUIRED):
        raise _Invalid("no rows, or a required column missing")
    columns: dict[str, Any] = {"timestamp": _timestamps(table.column("timestamp"))}
    if bool(np.any(np.diff(columns["timestamp"]) < 0)):
        raise _Invalid("time goes back")
    columns["latency_ms"] = _floats(table.column("latency_ms"), required=True)
    if bool(np.any(columns["latency_ms"] < 0)):
        raise _Invalid("negative latency")
    columns["is_error"] = _equal(_strings(table.column("outcome"), OUTCOMES), "error")
    for name in LABEL_COLUMNS:
        if name in names:
            columns[name] = _label_array(_strings(table.column(name), None))
    for name in names:
        if name not in CORE_COLUMNS and name not in LABEL_COLUMNS:
            values = _floats(table.column(name), required=False)
            if name in RESOURCE_COLUMNS and bool(np.any((values < 0) | (values > 1))):
                raise _Invalid(f"{name} outside [0, 1]")
            columns[f"value:{name}"] = values
    arms = _strings(table.column("arm"), ("", *ARMS)) if "arm" in names else None
    if arm is not None:
        if arms is not None and not bool(np.all(_equal(arms, arm) | _equal(arms, ""))):
            raise _Invalid("a row of the other arm")
        return [arm_samples(arm, source, columns, None)]
    if arms is None:
        raise _Invalid("no arm column")
    masks = {name: _equal(arms, name) for name in ARMS}
    if not bool(np.all(masks["baseline"] | masks["canary"])):
        raise _Invalid("a row without arm")
    return [arm_samples(name, source, columns, masks[name]) for name in ARMS if masks[name].any()]


def _table(data: bytes, fmt: str, source: str) -> Any:
    import pyarrow as pa
    from pyarrow import csv as arrow_csv
    from pyarrow import json as arrow_json
    from pyarrow import parquet

    buffer = pa.BufferReader(data)
    try:
        if fmt == "csv":
            text_columns = ("arm", "outcome", *LABEL_COLUMNS)
            options = arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(text_columns, pa.string()),
                null_values=[""],
                strings_can_be_null=False,
                true_values=list(_TRUE),
                false_values=list(_FALSE),
            )
            return arrow_csv.read_csv(buffer, convert_options=options)
        if fmt == "jsonl":
            return arrow_json.read_json(buffer)
        return parquet.read_table(buffer)
    except (pa.ArrowException, OSError, ValueError) as exc:
        if fmt == "parquet":
            raise MetricsError(f"{source}: not a readable Parquet file: {exc}") from exc
        raise _Invalid(str(exc)) from exc


def _floats(column: Any, *, required: bool) -> FloatArray:
    """A column as float64 (null: NaN, "not measured"); numbers written as text too."""
    import pyarrow as pa

    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        values = column.to_pylist()
        array = _per_value(values, _number)
        missing = sum(1 for value in values if value is None or value == "")
    elif any(
        test(kind)
        for test in (
            pa.types.is_null,
            pa.types.is_integer,
            pa.types.is_floating,
            pa.types.is_boolean,
            pa.types.is_decimal,
        )
    ):
        array = np.asarray(column.cast(pa.float64(), safe=False).to_numpy(), dtype=np.float64)
        missing = column.null_count
    else:
        raise _Invalid(f"type {kind}")
    if (required and missing) or int(array.size - np.count_nonzero(np.isfinite(array))) != missing:
        raise _Invalid("a missing or non-finite value")
    return array


def _per_value(values: list[Any], convert: Callable[[Any], float]) -> FloatArray:
    """Python's conversion of each value (text columns only); ``_Invalid`` on a bad one."""
    try:
        return np.array([convert(value) for value in values], dtype=np.float64)
    except (MetricsError, TypeError, ValueError) as exc:
        raise _Invalid(str(exc)) from exc


def _timestamps(column: Any) -> FloatArray:
    """Epoch seconds, as Python computes them (whole microseconds / 1e6)."""
    import pyarrow as pa

    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        for target in (pa.timestamp("us", tz="UTC"), pa.timestamp("us")):
            try:
                column = column.cast(target)
                break
            except pa.ArrowException:
                continue
        else:  # numbers as text, or ISO 8601 forms that are not all of one kind
            array = _per_value(column.to_pylist(), lambda value: one_timestamp(value, 0, ""))
            if not bool(np.all(np.isfinite(array))):
                raise _Invalid("a non-finite timestamp")
            return array
        kind = column.type
    if pa.types.is_date(kind):
        column = column.cast(pa.timestamp("s"))
        kind = column.type
    if pa.types.is_timestamp(kind):
        if column.null_count:
            raise _Invalid("a missing timestamp")
        return _micros(column) / 1e6
    if pa.types.is_boolean(kind):
        raise _Invalid("a boolean timestamp")
    return _floats(column, required=True)


def _micros(column: Any) -> FloatArray:
    """Whole microseconds since the epoch (Python's datetime resolution), as float64."""
    import pyarrow as pa

    ticks = np.asarray(column.cast(pa.int64()).to_numpy(), dtype=np.int64)
    unit = column.type.unit
    micros = ticks // 1000 if unit == "ns" else ticks * {"s": 1_000_000, "ms": 1000, "us": 1}[unit]
    return np.asarray(micros, dtype=np.float64)


def _strings(column: Any, allowed: tuple[str, ...] | None) -> Any:
    """A text column with nulls as ""; every value in ``allowed`` when given."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_null(column.type):
        column = pa.chunked_array([pa.array([""] * len(column), pa.string())])
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        raise _Invalid(f"type {column.type}")
    column = pc.fill_null(column, "")
    if allowed is not None and not pc.all(pc.is_in(column, value_set=pa.array(allowed))).as_py():
        raise _Invalid("an unknown label")
    return column


def _label_array(column: Any) -> StrArray:
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    names = np.asarray(encoded.dictionary.to_pylist(), dtype=np.str_)
    if names.size == 0:
        return np.full(len(column), "", dtype="<U1")
    return names[np.asarray(encoded.indices.to_numpy(), dtype=np.int64)]


def _equal(column: Any, value: str) -> BoolArray:
    import pyarrow.compute as pc

    return np.asarray(pc.equal(column, value).to_numpy(zero_copy_only=False), dtype=np.bool_)


def _valid_name(name: str) -> bool:
    return name in CORE_COLUMNS or name in LABEL_COLUMNS or bool(_SCORE_NAME.match(name))


def _check_names(names: list[str], source: str, line: int, *, partial: bool = False) -> None:
    """Column names: known or metric names, none twice, the required ones present."""
    for index, name in enumerate(names):
        if not _valid_name(name):
            raise MetricsError(f"{source}:{line}: field {name!r}: not a valid metric name")
        if name in names[:index]:
            raise MetricsError(f"{source}:{line}: field {name}: column given twice")
    for required in () if partial else _REQUIRED:
        if required not in names:
            raise MetricsError(f"{source}:{line}: field {required}: missing column")


def _number(value: Any) -> float:
    """One measurement: NaN when not measured (empty, null); ValueError when not a number."""
    if value is None or value == "":
        return math.nan
    if value in _TRUE or value in _FALSE:
        return float(value in _TRUE)
    return float(value)


def one_timestamp(value: Any, line: int, source: str) -> float:
    """Epoch seconds of one time: a number, or ISO 8601 text (naive: UTC)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    seconds = epoch_seconds(value) if isinstance(value, str) and value else None
    if seconds is None:
        raise MetricsError(f"{source}:{line}: field timestamp: {value!r} is not a time")
    return seconds


def epoch_seconds(text: str) -> float | None:
    """Seconds since the epoch of a number or an ISO 8601 time (naive: UTC); None if neither."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


# The locator: run only when a column check failed, to name the first bad line.


def _locate(data: bytes, fmt: str, source: str, arm: str | None, reason: str) -> MetricsError:
    """The error naming the first bad line (or row) and field of the file."""
    previous = -math.inf
    try:
        for line, record in _records(data, fmt, source):
            previous = _check_row(record, f"{source}:{line}", arm, previous)
    except MetricsError as exc:
        return exc
    if previous == -math.inf:
        return MetricsError(f"{source}: no samples (the file is empty)")
    return MetricsError(f"{source}: cannot read samples: {reason}")


def _records(data: bytes, fmt: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, values by column) for each sample, in file order."""
    if fmt == "parquet":
        yield from _parquet_records(data, source)
        return
    try:
        text = io.StringIO(data.decode("utf-8"), newline="")
    except UnicodeDecodeError as exc:
        raise MetricsError(f"{source}: cannot read samples: not UTF-8 ({exc.reason})") from None
    if fmt == "jsonl":
        yield from _json_records(text, source)
        return
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None:
        return
    names = [name.strip() for name in header]
    _check_names(names, source, 1)
    for row in reader:
        if row and len(row) != len(names):
            raise MetricsError(
                f"{source}:{reader.line_num}: {len(row)} fields, the header has {len(names)}"
            )
        if row:
            yield reader.line_num, dict(zip(names, row, strict=True))


def _json_records(text: io.StringIO, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    kinds: dict[str, str] = {}
    seen: set[str] = set()
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, object_pairs_hook=_no_key_twice)
        except json.JSONDecodeError as exc:
            raise MetricsError(f"{source}:{number}: not JSON: {exc.msg}") from exc
        except ValueError as exc:
            raise MetricsError(f"{source}:{number}: field {exc}: given twice") from None
        if not isinstance(record, dict):
            raise MetricsError(f"{source}:{number}: a sample must be a JSON object")
        for key in record.keys() - seen:
            _check_names([key], source, number, partial=True)
            seen.add(key)
        yield number, record
        for key, value in record.items():  # pyarrow needs one JSON type per field
            kind = "number" if type(value) in (int, float) else type(value).__name__
            if value is not None and kinds.setdefault(key, kind) != kind:
                raise MetricsError(
                    f"{source}:{number}: field {key}: {value!r} is a {kind}, not a "
                    f"{kinds[key]} as on the lines before (one JSON type per field)"
                )


def _no_key_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        raise ValueError(next(k for i, (k, _) in enumerate(pairs) if k in dict(pairs[:i])))
    return record


def _parquet_records(data: bytes, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parquet rows numbered from 1, Arrow times as epoch seconds."""
    import pyarrow as pa
    from pyarrow import parquet

    table = parquet.read_table(pa.BufferReader(data))
    _check_names(table.column_names, source, 1)
    first = 1
    for batch in table.to_batches(max_chunksize=50_000):
        values = {}
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if pa.types.is_timestamp(column.type):
                times = column.cast(pa.timestamp("us", tz="UTC"), safe=False).to_pylist()
                values[name] = [None if time is None else time.timestamp() for time in times]
            else:
                values[name] = column.to_pylist()
        for index in range(batch.num_rows):
            yield first + index, {name: column[index] for name, column in values.items()}
        first += batch.num_rows


def _check_row(record: dict[str, Any], where: str, arm: str | None, previous: float) -> float:
    """Check one sample with the per-value rules; return its time."""
    for name in _REQUIRED:
        if name not in record:
            raise MetricsError(f"{where}: field {name}: missing")
    value = record["timestamp"]
    try:
        moment = one_timestamp(value, 0, "")
    except MetricsError:
        moment = math.nan
    if not math.isfinite(moment):
        raise MetricsError(f"{where}: field timestamp: {value!r} is not a time")
    latency = _checked_number(record, "latency_ms", where, required=True)
    if latency < 0:
        raise MetricsError(f"{where}: field latency_ms: negative ({latency})")
    if _checked_label(record, "outcome", OUTCOMES, where) == "":
        raise MetricsError(f"{where}: field outcome: missing")
    row_arm = _checked_label(record, "arm", ARMS, where)
    for name in LABEL_COLUMNS:
        _checked_label(record, name, None, where)
    for name in record:
        if name not in CORE_COLUMNS and name not in LABEL_COLUMNS:
            number = _checked_number(record, name, where, required=False)
            if name in RESOURCE_COLUMNS and not 0 <= number <= 1 and not math.isnan(number):
                raise MetricsError(
                    f"{where}: field {name}: {number} is not a utilisation fraction within [0, 1]"
                )
    if moment < previous:
        raise MetricsError(
            f"{where}: field timestamp: {moment} is earlier than the previous sample "
            f"({previous}); samples must be in time order"
        )
    if arm is not None and row_arm not in ("", arm):
        raise MetricsError(f"{where}: field arm: {row_arm!r} in the {arm} file")
    if arm is None and row_arm == "":
        raise MetricsError(f"{where}: field arm: missing (baseline|canary)")
    return moment


def _checked_number(record: dict[str, Any], name: str, where: str, *, required: bool) -> float:
    value = record.get(name)
    try:
        number = _number(value)
    except (TypeError, ValueError):
        raise MetricsError(f"{where}: field {name}: {value!r} is not a number") from None
    if math.isfinite(number):
        return number
    if value is None or value == "":
        if required:
            raise MetricsError(f"{where}: field {name}: missing")
        return number
    raise MetricsError(f"{where}: field {name}: {value!r} is not a finite number")


def _checked_label(
    record: dict[str, Any], name: str, allowed: tuple[str, ...] | None, where: str
) -> str:
    """A label ("" when absent); one of ``allowed`` when given, a number is none of them."""
    value = record.get(name)
    if value is None:
        return ""
    if allowed is None:
        if not isinstance(value, str):
            raise MetricsError(f"{where}: field {name}: {value!r} is not a string")
        return value
    if value not in ("", *allowed):
        raise MetricsError(
            f"{where}: field {name}: unknown {name} {str(value)!r} (expected {'|'.join(allowed)})"
        )
    return str(value)


def arm_samples(
    arm: str, source: str, columns: dict[str, Any], mask: BoolArray | None
) -> ArmSamples:
    """One arm's :class:`ArmSamples` from the checked columns (``mask``: its rows, None: all)."""
    values = {key.removeprefix("value:"): v for key, v in columns.items() if ":" in key}
    samples = ArmSamples(
        arm=arm,
        source=source,
        timestamp=columns["timestamp"],
        latency_ms=columns["latency_ms"],
        is_error=columns["is_error"],
        shard=columns.get("shard"),
        bucket=columns.get("bucket"),
        resources={name: v for name, v in values.items() if name in RESOURCE_COLUMNS},
        scores={name: v for name, v in values.items() if name not in RESOURCE_COLUMNS},
    )
    return samples if mask is None else samples.select(mask)
