"""Per-interval series: the shared shape of aggregated samples, series files and Prometheus.

A :class:`SeriesSet` holds, for each arm, one value per interval on a common grid
(``start + k * interval_seconds``, oldest first); NaN means "no data in that
interval" and becomes ``null`` in the gate input. ``totals`` holds whole-window
figures per arm (p99 over every request, mean quality score...). The series file
format is in docs/build-input.md, "Pre-aggregated series".
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from gatekeeper.metrics._samples import ARMS, detect_format, one_timestamp
from gatekeeper.models._exceptions import MetricsError

FloatArray = npt.NDArray[np.float64]


@dataclass
class ArmSeries:
    """Per-interval metrics of one arm (NaN: no data), per-shard resources and totals."""

    arm: str
    metrics: dict[str, FloatArray] = field(default_factory=dict)
    shards: dict[str, dict[str, FloatArray]] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)
    buckets: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass
class SeriesSet:
    """Every arm's series on one grid: ``count`` intervals from ``start``."""

    start: float
    interval_seconds: int
    count: int
    arms: dict[str, ArmSeries]

    def arm(self, name: str) -> ArmSeries:
        """The series of one arm (empty when the arm has no data)."""
        return self.arms.get(name) or ArmSeries(arm=name)


def read_series_files(
    paths: list[tuple[Path, str | None]],
    interval_seconds: int,
    fmt: str | None = None,
) -> SeriesSet:
    """Read pre-aggregated series files (``(path, arm or None)`` pairs) onto one grid."""
    rows: list[tuple[float, str, str, str, float, str, int]] = []
    for path, arm in paths:
        rows.extend(_read_rows(path, detect_format(path, fmt), arm))
    start = min(row[0] for row in rows)
    end = max(row[0] for row in rows)
    count = math.floor((end - start) / interval_seconds) + 1
    arms: dict[str, ArmSeries] = {}
    seen: set[tuple[str, str, str, int]] = set()
    for timestamp, arm_name, metric, shard, value, source, line in rows:
        index = math.floor((timestamp - start) / interval_seconds)
        key = (arm_name, metric, shard, index)
        if key in seen:
            raise MetricsError(
                f"{source}:{line}: field timestamp: a second {metric} value for {arm_name}"
                f"{' shard ' + shard if shard else ''} in the same {interval_seconds}s interval"
            )
        seen.add(key)
        series = arms.setdefault(arm_name, ArmSeries(arm=arm_name))
        target = series.shards.setdefault(shard, {}) if shard else series.metrics
        if metric not in target:
            target[metric] = np.full(count, np.nan)
        target[metric][index] = value
    for series in arms.values():
        _derive_rates(series)
    return SeriesSet(start=start, interval_seconds=interval_seconds, count=count, arms=arms)


def _derive_rates(series: ArmSeries) -> None:
    """Fill error_rate from requests/errors when only counts were given, and the latest totals."""
    metrics = series.metrics
    if "error_rate" not in metrics and "requests" in metrics and "errors" in metrics:
        requests = metrics["requests"]
        with np.errstate(divide="ignore", invalid="ignore"):
            metrics["error_rate"] = np.where(requests > 0, metrics["errors"] / requests, np.nan)
    if "success_rate" not in metrics and "error_rate" in metrics:
        metrics["success_rate"] = 1.0 - metrics["error_rate"]
    if "error_rate" not in metrics and "success_rate" in metrics:
        metrics["error_rate"] = 1.0 - metrics["success_rate"]
    if "mean_latency_ms" not in metrics and "response_time_ms" in metrics:
        metrics["mean_latency_ms"] = metrics["response_time_ms"]
    for name, values in metrics.items():
        finite = np.flatnonzero(np.isfinite(values))
        if finite.size:
            series.totals.setdefault(name, float(values[finite[-1]]))


def _read_rows(
    path: Path, fmt: str, arm: str | None
) -> list[tuple[float, str, str, str, float, str, int]]:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MetricsError(f"{source}: cannot read series: {exc.strerror or exc}") from exc
    records: list[tuple[int, dict[str, Any]]] = []
    if fmt == "csv":
        reader = csv.DictReader(text.splitlines())
        for record in reader:
            records.append((reader.line_num, dict(record)))
    else:
        for number, text_line in enumerate(text.splitlines(), start=1):
            if not text_line.strip():
                continue
            try:
                record = json.loads(text_line)
            except json.JSONDecodeError as exc:
                raise MetricsError(f"{source}:{number}: not JSON: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise MetricsError(f"{source}:{number}: a series row must be a JSON object")
            records.append((number, record))
    if not records:
        raise MetricsError(f"{source}: no series values (the file is empty)")
    rows: list[tuple[float, str, str, str, float, str, int]] = []
    previous = -math.inf
    for line, record in records:
        rows.append(_row(record, source, line, arm))
        if rows[-1][0] < previous:
            raise MetricsError(
                f"{source}:{line}: field timestamp: earlier than the previous row; "
                "rows must be in time order"
            )
        previous = rows[-1][0]
    return rows


def _row(
    record: dict[str, Any], source: str, line: int, arm: str | None
) -> tuple[float, str, str, str, float, str, int]:
    for name in ("timestamp", "metric", "value"):
        if record.get(name) in (None, ""):
            raise MetricsError(f"{source}:{line}: field {name}: missing")
    timestamp = one_timestamp(record["timestamp"], line, source)
    row_arm = record.get("arm") or arm
    if row_arm not in ARMS:
        raise MetricsError(
            f"{source}:{line}: field arm: unknown arm {row_arm!r} (expected baseline|canary)"
        )
    if arm is not None and row_arm != arm:
        raise MetricsError(f"{source}:{line}: field arm: {row_arm!r} in the {arm} file")
    metric = str(record["metric"])
    try:
        value = float(record["value"])
    except (TypeError, ValueError):
        raise MetricsError(
            f"{source}:{line}: field value: {record['value']!r} is not a number"
        ) from None
    if not math.isfinite(value):
        raise MetricsError(f"{source}:{line}: field value: {record['value']!r} is not finite")
    if value < 0:
        raise MetricsError(f"{source}:{line}: field value: negative ({value}) for {metric}")
    shard = str(record.get("shard") or "")
    return (timestamp, str(row_arm), metric, shard, value, source, line)
