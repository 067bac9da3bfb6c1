"""Aggregate request samples per arm and per interval with vectorised numpy.

Samples are in time order (checked when read), so the samples of one interval
form one contiguous slice: interval boundaries come from ``np.searchsorted`` and
each interval's p95/p99 from ``np.percentile`` on a view of that slice (linear
interpolation, numpy's default). Counts, sums and maxima use ``np.bincount`` and
``np.fmax.reduceat``; no Python loop runs over samples.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from gatekeeper.metrics._samples import ArmSamples
from gatekeeper.metrics._series import ArmSeries, SeriesSet
from gatekeeper.metrics._tail import SLOW_METRIC, pooled_tail_counts
from gatekeeper.models._exceptions import MetricsError

FloatArray = npt.NDArray[np.float64]
PERCENTILES = (95.0, 99.0)


def aggregate(
    arms: list[ArmSamples],
    interval_seconds: int,
    start: float | None = None,
    end: float | None = None,
    tail_counts: bool = False,
) -> SeriesSet:
    """Aggregate each arm's samples onto one grid of ``interval_seconds`` from ``start``.

    ``start``/``end`` default to the first and last sample of all arms; samples outside
    ``[start, end)`` are left out (``end`` included when it is the default). With
    ``tail_counts``, each arm also gets ``slow_requests``: its requests above the pooled
    p99 of the interval (gatekeeper.metrics._tail).
    """
    if interval_seconds <= 0:
        raise MetricsError(f"interval_seconds must be positive, got {interval_seconds}")
    names = [samples.arm for samples in arms]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise MetricsError(f"{', '.join(twice)} samples given twice (--samples and --<arm>)")
    arms = [window(samples, start, end) for samples in arms]
    present = [samples for samples in arms if samples.size]
    if not present:
        raise MetricsError("no samples in the chosen time window")
    first = min(float(s.timestamp[0]) for s in present) if start is None else start
    last = max(float(s.timestamp[-1]) for s in present) if end is None else end
    if end is None:
        count = math.floor((last - first) / interval_seconds) + 1
    else:
        count = max(1, math.ceil((last - first) / interval_seconds))
    series = {
        samples.arm: aggregate_arm(samples, first, interval_seconds, count) for samples in arms
    }
    by_arm = {samples.arm: samples for samples in arms}
    if tail_counts and {"canary", "baseline"} <= set(by_arm):
        slow = pooled_tail_counts(
            by_arm["canary"], by_arm["baseline"], first, interval_seconds, count
        )
        for arm, values in zip(("canary", "baseline"), slow, strict=True):
            series[arm].metrics[SLOW_METRIC] = values
    return SeriesSet(start=first, interval_seconds=interval_seconds, count=count, arms=series)


def window(samples: ArmSamples, start: float | None, end: float | None) -> ArmSamples:
    """The samples with ``start <= timestamp < end`` (None: unbounded on that side)."""
    if start is None and end is None:
        return samples
    lo = 0 if start is None else int(np.searchsorted(samples.timestamp, start, side="left"))
    hi = samples.size if end is None else int(np.searchsorted(samples.timestamp, end, "left"))
    return samples.select(slice(lo, hi))


def aggregate_arm(
    samples: ArmSamples, start: float, interval_seconds: int, count: int
) -> ArmSeries:
    """Per-interval and whole-window figures of one arm."""
    index = np.floor((samples.timestamp - start) / interval_seconds).astype(np.int64)
    index = np.minimum(index, count - 1)
    requests: FloatArray = np.bincount(index, minlength=count).astype(np.float64)
    errors = np.bincount(index, weights=samples.is_error, minlength=count)
    latency_sum = np.bincount(index, weights=samples.latency_ms, minlength=count)
    has = requests > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        metrics: dict[str, FloatArray] = {
            "requests": requests,
            "errors": errors.astype(np.float64),
            "error_rate": np.where(has, errors / requests, np.nan),
            "success_rate": np.where(has, 1.0 - errors / requests, np.nan),
            "mean_latency_ms": np.where(has, latency_sum / requests, np.nan),
        }
    p95, p99 = _interval_percentiles(samples.latency_ms, index, count)
    metrics["p95_latency_ms"] = p95
    metrics["p99_latency_ms"] = p99
    for name, values in samples.scores.items():
        metrics[name] = _interval_mean(values, index, count)
    starts = _interval_starts(index)
    for name, values in samples.resources.items():
        metrics[name] = _interval_max(values, index, count, starts)
    return ArmSeries(
        arm=samples.arm,
        metrics=metrics,
        shards=_shard_maxima(samples, index, count),
        totals=totals(samples),
        buckets=bucket_pass_rates(samples),
    )


def _interval_percentiles(
    latency: FloatArray, index: npt.NDArray[np.int64], count: int
) -> tuple[FloatArray, FloatArray]:
    """p95 and p99 of each interval: one ``np.percentile`` call per interval slice."""
    bounds = np.searchsorted(index, np.arange(count + 1), side="left")
    out = np.full((count, len(PERCENTILES)), np.nan)
    for k in np.flatnonzero(bounds[1:] > bounds[:-1]):
        out[k] = np.percentile(latency[bounds[k] : bounds[k + 1]], PERCENTILES)
    return out[:, 0], out[:, 1]


def _interval_mean(values: FloatArray, index: npt.NDArray[np.int64], count: int) -> FloatArray:
    measured = np.isfinite(values)
    n = np.bincount(index, weights=measured, minlength=count)
    total = np.bincount(index, weights=np.where(measured, values, 0.0), minlength=count)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, total / n, np.nan)


def _interval_starts(index: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Positions where a new interval begins (``index`` is sorted)."""
    if not index.size:
        return np.empty(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, index[1:] != index[:-1]])


def _interval_max(
    values: FloatArray,
    index: npt.NDArray[np.int64],
    count: int,
    starts: npt.NDArray[np.intp],
) -> FloatArray:
    """Per interval, the maximum (NaN values ignored; NaN where nothing was measured)."""
    out = np.full(count, np.nan)
    if values.size:
        with np.errstate(invalid="ignore"):
            out[index[starts]] = np.fmax.reduceat(values, starts)
    return out


def _shard_maxima(
    samples: ArmSamples, index: npt.NDArray[np.int64], count: int
) -> dict[str, dict[str, FloatArray]]:
    """Per shard and interval, the maximum CPU and memory (NaN: not measured)."""
    if not samples.resources:
        return {}
    if samples.shard is None:
        names, codes = np.array(["default"]), np.zeros(samples.size, dtype=np.int64)
    else:
        names, codes = np.unique(samples.shard, return_inverse=True)
    shards: dict[str, dict[str, FloatArray]] = {}
    for code, name in enumerate(names.tolist()):
        if not name:
            continue
        mask = codes == code
        shard_index = index[mask]
        starts = _interval_starts(shard_index)
        shards[name] = {
            resource: _interval_max(values[mask], shard_index, count, starts)
            for resource, values in samples.resources.items()
        }
    return shards


def totals(samples: ArmSamples) -> dict[str, float]:
    """Whole-window figures of one arm: counts, error rate, latency percentiles, score means."""
    n = samples.size
    out: dict[str, float] = {"requests": float(n)}
    if n == 0:
        return out
    errors = float(np.count_nonzero(samples.is_error))
    p95, p99 = np.percentile(samples.latency_ms, PERCENTILES)
    out.update(
        errors=errors,
        error_rate=errors / n,
        success_rate=1.0 - errors / n,
        p95_latency_ms=float(p95),
        p99_latency_ms=float(p99),
        mean_latency_ms=float(np.mean(samples.latency_ms)),
        duration_seconds=float(samples.timestamp[-1] - samples.timestamp[0]),
    )
    for name, values in samples.scores.items():
        measured = values[np.isfinite(values)]
        if measured.size:
            out[name] = float(np.mean(measured))
    return out


def bucket_pass_rates(samples: ArmSamples) -> dict[str, dict[str, float]]:
    """Per bucket: requests and pass rate (share of ``ok`` outcomes)."""
    if samples.bucket is None or samples.size == 0:
        return {}
    names, codes = np.unique(samples.bucket, return_inverse=True)
    requests = np.bincount(codes, minlength=names.size)
    passes = np.bincount(codes, weights=~samples.is_error, minlength=names.size)
    return {
        str(name): {"requests": float(requests[i]), "pass_rate": float(passes[i] / requests[i])}
        for i, name in enumerate(names.tolist())
        if name and requests[i] > 0
    }
