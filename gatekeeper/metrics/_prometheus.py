"""Prometheus source: range queries over the HTTP API, one PromQL query per metric.

The source config (YAML: url, timeout_seconds, arm_label, arms, shard_label, queries)
is described in docs/build-input.md, "Prometheus source config". Each query runs as
``/api/v1/query_range`` from ``start`` to ``end`` with ``step`` = the interval; points
land on the grid ``start + k * step``. A point that Prometheus does not return, or
returns as NaN or infinity, is "no data" for that interval.

``timeout_seconds`` bounds each request as a whole (connecting, every read and the
full response), not only each read: a server that sends its answer a byte at a
time is cut off at the bound. A caller with a deadline of its own (``serve``'s
request deadline) passes it, and the earlier of the two applies.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from gatekeeper.metrics._samples import ARMS, epoch_seconds
from gatekeeper.metrics._series import ArmSeries, SeriesSet, _derive_rates
from gatekeeper.models._exceptions import MetricsError

if TYPE_CHECKING:
    import httpx

_CONFIG_KEYS = {"url", "timeout_seconds", "arm_label", "arms", "shard_label", "queries"}
_SHARDED = ("cpu", "memory")
_METRIC_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RELATIVE = re.compile(r"^now(?:-(\d+(?:\.\d+)?)([smhd]))?$")
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True)
class PrometheusSource:
    """A parsed source config."""

    url: str
    queries: dict[str, str]
    arm_label: str
    arm_values: dict[str, str] = field(default_factory=lambda: {a: a for a in ARMS})
    shard_label: str | None = None
    timeout_seconds: float = 10.0


def read_yaml_config(path: Path, what: str) -> Any:
    """The parsed YAML of a config file; ``MetricsError`` naming the file when it fails."""
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MetricsError(f"{path}: cannot read {what}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise MetricsError(f"{path}: not valid YAML: {exc}") from exc


def config_mapping(raw: Any, where: str, allowed: frozenset[str] | set[str], what: str) -> None:
    """Refuse a config entry that is not a mapping or holds a key not in ``allowed``."""
    if not isinstance(raw, dict):
        raise MetricsError(f"{where}: {what} must be a mapping")
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise MetricsError(f"{where}: unknown key(s) {', '.join(unknown)}")


def load_source(path: Path) -> PrometheusSource:
    """Read and check a Prometheus source config; errors name the file and the key."""
    return parse_source(read_yaml_config(path, "source config"), str(path))


def parse_source(raw: Any, where: str) -> PrometheusSource:
    """Check a source config already read as a mapping; errors name ``where`` and the key."""
    config_mapping(raw, where, _CONFIG_KEYS, "the source config")
    url = raw.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise MetricsError(f"{where}: url: an http(s) URL is required")
    arm_label = raw.get("arm_label")
    if not isinstance(arm_label, str) or not arm_label:
        raise MetricsError(
            f"{where}: arm_label: the label that selects baseline/canary is required"
        )
    arms = raw.get("arms") or {}
    if not isinstance(arms, dict) or set(arms) - set(ARMS):
        raise MetricsError(f"{where}: arms: a mapping with the keys baseline and canary")
    arm_values = {arm: str(arms.get(arm, arm)) for arm in ARMS}
    queries = raw.get("queries")
    if not isinstance(queries, dict) or not queries:
        raise MetricsError(f"{where}: queries: a mapping metric name -> PromQL is required")
    for name, query in queries.items():
        if not isinstance(name, str) or not _METRIC_NAME.match(name):
            raise MetricsError(f"{where}: queries: {name!r} is not a valid metric name")
        if not isinstance(query, str) or not query.strip():
            raise MetricsError(f"{where}: queries.{name}: a PromQL string is required")
    shard_label = raw.get("shard_label")
    if shard_label is not None and not isinstance(shard_label, str):
        raise MetricsError(f"{where}: shard_label: must be a label name")
    timeout = raw.get("timeout_seconds", 10.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise MetricsError(f"{where}: timeout_seconds: a positive number is required")
    return PrometheusSource(
        url=url.rstrip("/"),
        queries={str(k): str(v) for k, v in queries.items()},
        arm_label=arm_label,
        arm_values=arm_values,
        shard_label=shard_label,
        timeout_seconds=float(timeout),
    )


def parse_time(text: str, now: float | None = None) -> float:
    """Seconds since the epoch from a number, an ISO 8601 time, ``now`` or ``now-15m``."""
    value = text.strip()
    relative = _RELATIVE.match(value)
    if relative:
        base = datetime.now(UTC).timestamp() if now is None else now
        amount, unit = relative.groups()
        return base - (float(amount) * _UNITS[unit] if amount else 0.0)
    seconds = epoch_seconds(value)
    if seconds is None:
        raise MetricsError(
            f"time {text!r}: expected seconds since the epoch, ISO 8601, now or now-<N>[smhd]"
        )
    return seconds


MAX_RESPONSE_BYTES = 64 << 20
"""A Prometheus answer larger than this is refused (a runaway query, or not Prometheus)."""


def get_json(
    http: httpx.Client,
    url: str,
    params: dict[str, str],
    timeout_seconds: float,
    what: str,
    deadline: float | None = None,
) -> tuple[int, Any]:
    """GET ``url`` and parse its JSON body within ``timeout_seconds`` in all (and ``deadline``).

    ``deadline`` is a ``time.monotonic()`` instant. With a client from
    :func:`gatekeeper.limits._http.deadline_client` every connect, write and read
    waits at most the time left; with any client the time left is checked after
    every chunk. Returns ``(status, body)``;
    ``MetricsError`` names ``what`` on a time-out, a transport error or a body that
    is not JSON.
    """
    import httpx

    from gatekeeper.limits._deadline import deadline_at

    ends = time.monotonic() + timeout_seconds
    if deadline is not None:
        ends = min(ends, deadline)
    late = MetricsError(f"{what}: no complete answer within {timeout_seconds:g} s or the deadline")
    chunks: list[bytes] = []
    size = 0
    try:
        with deadline_at(ends):
            if time.monotonic() >= ends:
                raise late
            timeout = httpx.Timeout(max(0.001, ends - time.monotonic()))
            with http.stream("GET", url, params=params, timeout=timeout) as response:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_RESPONSE_BYTES:
                        raise MetricsError(f"{what}: answer over {MAX_RESPONSE_BYTES} bytes")
                    chunks.append(chunk)
                    if time.monotonic() >= ends:
                        raise late
                status = response.status_code
    except httpx.TimeoutException as exc:
        raise late from exc
    except httpx.HTTPError as exc:
        raise MetricsError(f"{what}: {exc or type(exc).__name__}") from exc
    try:
        return status, json.loads(b"".join(chunks))
    except ValueError:
        raise MetricsError(f"{what}: HTTP {status}, not JSON") from None


def query_series(
    source: PrometheusSource,
    start: float,
    end: float,
    step: int,
    client: httpx.Client | None = None,
    deadline: float | None = None,
) -> SeriesSet:
    """Run every query of ``source`` over ``[start, end]`` and put the results on one grid.

    Each query is bounded by ``source.timeout_seconds`` in all, and every one by
    ``deadline`` (a ``time.monotonic()`` instant) when given.
    """
    from gatekeeper.limits._http import deadline_client

    if step <= 0:
        raise MetricsError(f"step must be positive, got {step}")
    if end <= start:
        raise MetricsError(f"end ({end}) must be after start ({start})")
    count = math.floor((end - start) / step) + 1
    arms = {arm: ArmSeries(arm=arm) for arm in ARMS}
    own_client = client is None
    http = client or deadline_client()
    try:
        for metric, query in source.queries.items():
            result = _range_query(http, source, metric, query, start, end, step, deadline)
            _place(result, source, metric, start, step, count, arms)
    finally:
        if own_client:
            http.close()
    for series in arms.values():
        _derive_rates(series)
    return SeriesSet(start=start, interval_seconds=step, count=count, arms=arms)


def _range_query(
    http: httpx.Client,
    source: PrometheusSource,
    metric: str,
    query: str,
    start: float,
    end: float,
    step: int,
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    url = f"{source.url}/api/v1/query_range"
    params = {"query": query, "start": repr(start), "end": repr(end), "step": str(step)}
    what = f"prometheus {source.url}: query {metric}"
    status, body = get_json(http, url, params, source.timeout_seconds, what, deadline)
    if status != 200 or not isinstance(body, dict) or body.get("status") != "success":
        detail = body.get("error") if isinstance(body, dict) else None
        raise MetricsError(f"{what}: HTTP {status}: {detail or 'query failed'}")
    data = body.get("data") or {}
    if data.get("resultType") != "matrix" or not isinstance(data.get("result"), list):
        raise MetricsError(f"prometheus: query {metric}: expected a range vector (matrix)")
    return list(data["result"])


def _place(
    result: list[dict[str, Any]],
    source: PrometheusSource,
    metric: str,
    start: float,
    step: int,
    count: int,
    arms: dict[str, ArmSeries],
) -> None:
    by_value = {value: arm for arm, value in source.arm_values.items()}
    for item in result:
        labels = item.get("metric") or {}
        arm = by_value.get(labels.get(source.arm_label, ""))
        if arm is None:
            continue
        values = _grid(item.get("values") or [], metric, start, step, count)
        shard = labels.get(source.shard_label) if source.shard_label else None
        target = arms[arm]
        if shard and metric in _SHARDED:
            slot = target.shards.setdefault(str(shard), {})
        else:
            slot = target.metrics
        if metric in slot:
            raise MetricsError(
                f"prometheus: query {metric}: several series for {arm}"
                f"{' shard ' + str(shard) if shard else ''}; aggregate by {source.arm_label}"
                f"{' and ' + source.shard_label if source.shard_label else ''}"
            )
        slot[metric] = values


def _grid(points: list[Any], metric: str, start: float, step: int, count: int) -> Any:
    out = np.full(count, np.nan)
    if not points:
        return out
    times = np.array([float(p[0]) for p in points])
    values = np.array([float(p[1]) for p in points])
    index = np.rint((times - start) / step).astype(np.int64)
    keep = (index >= 0) & (index < count)
    finite = np.isfinite(values)
    negative = keep & finite & (values < 0)
    if negative.any():
        raise MetricsError(f"prometheus: query {metric}: negative value {values[negative][0]}")
    keep &= finite
    out[index[keep]] = values[keep]
    return out
