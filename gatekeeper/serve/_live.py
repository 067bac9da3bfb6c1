"""Rollout inputs built live from Prometheus, for the controllers' endpoints.

A controller sends only its own request (a rollout name, namespace and maybe a
traffic weight); the server finds the rollout's entry in the rollouts config,
fills its PromQL templates with the name and namespace, runs the queries with the
existing Prometheus source and input builder over the trailing window, and merges
the entry's base document under the computed fields. The config (YAML)::

    prometheus:                      # shared by every entry (the source config keys)
      url: http://127.0.0.1:9090
      timeout_seconds: 5
    rollouts:                        # the first entry that matches is used
      - namespace: shop              # optional: any namespace when absent
        name: checkout               # optional: any name when absent
        profile: decision-matrix     # the rule set (default decision-matrix), as check --profile
        # environment: production    # with profile: environment only, as check --environment
        window_seconds: 300          # trailing window queried (default 300)
        step_seconds: 60             # one point per step (default 60)
        arm_label: track
        arms: {baseline: primary, canary: canary}
        queries:
          error_rate: >-
            sum by (track) (rate(http_requests_total{app="${name}",code=~"5.."}[1m]))
            / sum by (track) (rate(http_requests_total{app="${name}"}[1m]))
        weight_query: max(flagger_canary_weight{name="${name}",namespace="${namespace}"})
        base: {canary: {success_gates: {p99_budget: true}}}

``${name}`` and ``${namespace}`` are the only placeholders, and both are checked
against Kubernetes' name syntax before they reach PromQL. Anything that keeps a
rollout input from being built (Prometheus down, a query error, no weight) is a
``MetricsError``: the endpoint answers "undecided", never go.
"""

from __future__ import annotations

import copy
import math
import re
import string
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gatekeeper.models._exceptions import InputError, MetricsError

if TYPE_CHECKING:
    import httpx

NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_ENTRY_KEYS = {
    "namespace",
    "name",
    "profile",
    "environment",
    "window_seconds",
    "step_seconds",
    "arm_label",
    "arms",
    "shard_label",
    "queries",
    "weight_query",
    "base",
}
_SOURCE_KEYS = ("arm_label", "arms", "shard_label", "queries")


@dataclass(frozen=True)
class RolloutEntry:
    """One entry of the rollouts config."""

    source: dict[str, Any]
    namespace: str | None = None
    name: str | None = None
    profile: str = "decision-matrix"
    environment: str | None = None
    window_seconds: int = 300
    step_seconds: int = 60
    weight_query: str | None = None
    base: dict[str, Any] = field(default_factory=dict)

    def matches(self, namespace: str, name: str) -> bool:
        """Whether this entry serves ``namespace/name``."""
        return self.namespace in (None, namespace) and self.name in (None, name)


@dataclass(frozen=True)
class RolloutsConfig:
    """The rollouts config: the shared Prometheus settings and the entries, in order."""

    prometheus: dict[str, Any]
    entries: tuple[RolloutEntry, ...]

    def entry(self, namespace: str, name: str) -> RolloutEntry:
        """The first entry that serves ``namespace/name`` (``InputError`` when none does)."""
        for candidate in self.entries:
            if candidate.matches(namespace, name):
                return candidate
        raise InputError(f"rollout {namespace}/{name}: no entry in the rollouts config")


def _positive_int(raw: dict[str, Any], key: str, default: int, where: str) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise MetricsError(f"{where}: {key}: a positive whole number of seconds is required")
    return value


def _entry(raw: Any, where: str) -> RolloutEntry:
    from gatekeeper.metrics._prometheus import config_mapping

    config_mapping(raw, where, _ENTRY_KEYS, "a rollout entry")
    for key in ("namespace", "name", "environment", "weight_query"):
        if key in raw and not isinstance(raw[key], str):
            raise MetricsError(f"{where}: {key}: must be a string")
    profile = raw.get("profile", "decision-matrix")
    from gatekeeper.metrics import PROFILES

    if profile not in PROFILES:
        raise MetricsError(f"{where}: profile: one of {', '.join(PROFILES)}")
    if "environment" in raw and profile != "environment":
        raise MetricsError(f"{where}: environment: only with profile: environment")
    base = raw.get("base", {})
    if not isinstance(base, dict):
        raise MetricsError(f"{where}: base: must be a mapping (a partial rollout input)")
    chosen = sorted({"profile", "environment"} & set(base))
    if chosen:
        raise MetricsError(
            f"{where}: base: {chosen[0]}: the entry's own profile and environment choose "
            "the rule set"
        )
    if "pending_decision" in base:
        raise MetricsError(
            f"{where}: base: pending_decision: filled by serve in a live rollout, never configured"
        )
    window = _positive_int(raw, "window_seconds", 300, where)
    step = _positive_int(raw, "step_seconds", 60, where)
    if step > window:
        raise MetricsError(f"{where}: step_seconds must not exceed window_seconds")
    return RolloutEntry(
        source={key: raw[key] for key in _SOURCE_KEYS if key in raw},
        namespace=raw.get("namespace"),
        name=raw.get("name"),
        profile=str(profile),
        environment=raw.get("environment"),
        window_seconds=window,
        step_seconds=step,
        weight_query=raw.get("weight_query"),
        base=base,
    )


def load_rollouts(path: Path) -> RolloutsConfig:
    """Read and check a rollouts config; each entry's source is checked with a sample name."""
    from gatekeeper.metrics._prometheus import read_yaml_config

    where = str(path)
    raw = read_yaml_config(path, "rollouts config")
    if not isinstance(raw, dict) or set(raw) - {"prometheus", "rollouts"}:
        raise MetricsError(f"{where}: a mapping with the keys prometheus and rollouts")
    prometheus = raw.get("prometheus")
    if not isinstance(prometheus, dict):
        raise MetricsError(f"{where}: prometheus: a mapping (url, timeout_seconds) is required")
    entries = raw.get("rollouts")
    if not isinstance(entries, list) or not entries:
        raise MetricsError(f"{where}: rollouts: a list of entries is required")
    config = RolloutsConfig(
        prometheus=dict(prometheus),
        entries=tuple(_entry(item, f"{where}: rollouts[{i}]") for i, item in enumerate(entries)),
    )
    for i, item in enumerate(config.entries):
        _source(config, item, "sample", "sample", f"{where}: rollouts[{i}]")
    return config


def check_name(kind: str, value: str) -> str:
    """``value`` when it is a valid Kubernetes name, else an ``InputError`` naming ``kind``."""
    if not NAME.match(value):
        raise InputError(f"{kind}: {value!r} is not a Kubernetes name (lowercase, digits, -, .)")
    return value


def _fill(text: str, namespace: str, name: str, where: str) -> str:
    try:
        return string.Template(text).substitute(name=name, namespace=namespace)
    except (KeyError, ValueError) as exc:
        raise MetricsError(
            f"{where}: only ${{name}} and ${{namespace}} may be used: {exc}"
        ) from None


def _source(
    config: RolloutsConfig, entry: RolloutEntry, namespace: str, name: str, where: str
) -> Any:
    from gatekeeper.metrics import parse_source

    raw = {**config.prometheus, **copy.deepcopy(entry.source)}
    queries = raw.get("queries")
    if isinstance(queries, dict):
        raw["queries"] = {
            key: _fill(str(query), namespace, name, f"{where}: queries.{key}")
            for key, query in queries.items()
        }
    if entry.weight_query is not None:
        _fill(entry.weight_query, namespace, name, f"{where}: weight_query")
    return parse_source(raw, where)


def _weight(
    http: httpx.Client,
    url: str,
    query: str,
    timeout: float,
    at: float,
    deadline: float | None = None,
) -> float:
    from gatekeeper.metrics._prometheus import get_json

    what = f"prometheus {url}: weight query"
    params = {"query": query, "time": repr(at)}
    status, body = get_json(http, f"{url}/api/v1/query", params, timeout, what, deadline)
    if status != 200 or not isinstance(body, dict) or body.get("status") != "success":
        raise MetricsError(f"{what}: HTTP {status}")
    result = (body.get("data") or {}).get("result") or []
    if len(result) != 1:
        raise MetricsError(f"{what}: {len(result)} series, expected 1")
    try:
        value = float(result[0]["value"][1])
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise MetricsError(f"{what}: unusable sample") from exc
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise MetricsError(f"{what}: weight {value} is not in [0, 100]")
    return value


def phase_of(weight: float) -> float:
    """The phase judged for a traffic weight: 0 (before the first step) is the first column."""
    return weight if weight > 0 else 1.0


def build_live_input(
    config: RolloutsConfig,
    namespace: str,
    name: str,
    weight: float | None,
    http: httpx.Client,
    now: float | None = None,
    deadline: float | None = None,
) -> dict[str, Any]:
    """The rollout input of ``namespace/name`` from Prometheus over the trailing window.

    ``deadline`` (a ``time.monotonic()`` instant: the request's) bounds every query
    as a whole, besides the source's ``timeout_seconds``.
    """
    from gatekeeper.metrics import build_rollout, merge, query_series

    check_name("namespace", namespace)
    check_name("name", name)
    entry = config.entry(namespace, name)
    where = f"rollout {namespace}/{name}"
    source = _source(config, entry, namespace, name, where)
    end = time.time() if now is None else now
    end = math.floor(end / entry.step_seconds) * entry.step_seconds
    start = end - entry.window_seconds
    if weight is None:
        if entry.weight_query is None:
            raise InputError(f"{where}: no traffic weight in the request and no weight_query")
        query = _fill(entry.weight_query, namespace, name, where)
        weight = _weight(http, source.url, query, source.timeout_seconds, time.time(), deadline)
    series = query_series(source, float(start), float(end), entry.step_seconds, http, deadline)
    computed = build_rollout(series, entry.profile, phase_of(weight), entry.environment)
    return merge(copy.deepcopy(entry.base), computed)
