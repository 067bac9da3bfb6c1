"""Hypothesis strategies for gate inputs whose numbers sit at and next to the policy's thresholds.

Every number in the policy data (``data.gatekeeper``: thresholds, limits, windows,
multipliers, matrix columns) is a candidate value, together with its nearest
floating-point neighbours, a step of 1e-6 either side, and its percent and
fraction forms. Where a check compares the canary with a baseline, one canary
value is often tied to its baseline across such a number (baseline - limit,
baseline * (1 + limit), ...), so relative thresholds are met exactly too.
Fields are the input contract's (README "Input reference"); any field
may be absent, and one document in eight has one top-level field replaced by a
value of the wrong type, so the policy's missing-evidence and invalid-input
paths are compared too.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

ENVIRONMENTS = ("development", "pre-production", "production")
TRIGGER_TYPES = ("automated", "performance", "quality", "business", "operational_anomaly")
DECISIONS = ("rollback", "continue", "promote", "override")
STATUSES = ("production", "archived", "deprecated", "quarantined", "staging", "canary")
DRIFT = ("none", "low", "medium", "high", "critical")


def policy_numbers(data: Mapping[str, Any]) -> list[float]:
    """Every number in the policy data, sorted and unique (booleans excluded)."""
    found: set[float] = set()

    def walk(node: Any) -> None:
        if isinstance(node, bool):
            return
        if isinstance(node, int | float):
            found.add(float(node))
        elif isinstance(node, Mapping):
            for key, value in node.items():
                walk(value)
                with contextlib.suppress(ValueError):
                    found.add(float(key))  # matrix columns are keys ("5", "25", ...)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return sorted(found)


def near(numbers: list[float]) -> list[float]:
    """Each number, its float neighbours, +-1e-6, and its percent and fraction forms."""
    values: set[float] = set()
    for number in numbers:
        for base in (number, number / 100, number * 100):
            values.update(
                (
                    base,
                    math.nextafter(base, math.inf),
                    math.nextafter(base, -math.inf),
                    base + 1e-6,
                    base - 1e-6,
                )
            )
    return sorted(v for v in values if math.isfinite(v))


class Strategies:
    """Input strategies for every gate and profile, built from one policy's data."""

    def __init__(
        self,
        data: Mapping[str, Any],
        identities: list[str],
        bases: Mapping[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.numbers = policy_numbers(data.get("gatekeeper", {}))
        self.near = near(self.numbers)
        self.identities = identities
        self.bases = bases or {}

    # -- values --------------------------------------------------------------------------

    def number(self, low: float = -1e9, high: float = 1e9) -> st.SearchStrategy[Any]:
        candidates = [v for v in self.near if low <= v <= high]
        parts: list[st.SearchStrategy[Any]] = [
            st.floats(low, high, allow_nan=False),
            st.integers(int(max(low, -1e6)), int(min(high, 1e6))),
        ]
        if candidates:
            parts.insert(0, st.sampled_from(candidates))
            parts.insert(0, st.sampled_from(candidates))
        return st.one_of(*parts)

    def rate(self) -> st.SearchStrategy[Any]:
        return self.number(0.0, 1.0)

    def wrong(self) -> st.SearchStrategy[Any]:
        return st.sampled_from([None, "0.5", True, [], {}, -1, 2])

    def corrupted(self, documents: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        """Mostly the documents; one in eight with a top-level field of the wrong type."""
        spoilt = st.tuples(documents, st.integers(0, 20), self.wrong()).map(_spoil)
        return st.one_of(*([documents] * 7), spoilt)

    def series(self, element: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        constant = element.flatmap(lambda v: st.integers(0, 12).map(lambda n: [v] * n))
        return st.one_of(st.lists(element, max_size=12), constant)

    def rate_series(self) -> st.SearchStrategy[Any]:
        return self.series(self.rate())

    def ms_series(self) -> st.SearchStrategy[Any]:
        return self.series(self.number(0.0, 20000.0))

    def obj(self, fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
        """An object whose every field may be absent."""
        return st.fixed_dictionaries({}, optional=fields)

    def phase(self) -> st.SearchStrategy[Any]:
        return self.number(0.0, 100.0)

    def common(self) -> dict[str, st.SearchStrategy[Any]]:
        return {
            "phase_percent": self.phase(),
            "interval_seconds": st.sampled_from([60, 30, 120, 0, 60.0]),
            "pending_decision": self.obj(
                {
                    "trigger": st.sampled_from(["gate_failure", "quality_regression", "other"]),
                    "minutes_pending": self.number(0.0, 60.0),
                }
            ),
        }

    # -- gates ---------------------------------------------------------------------------

    def promotion(self) -> st.SearchStrategy[Any]:
        fields = {
            "version": st.just({"id": "v1-abc123", "state": "shadow"}),
            "metrics": self.obj(
                {
                    "p95_latency_ms": self.number(0.0, 20000.0),
                    "error_rate": self.rate(),
                    "accuracy_delta": self.number(-1.0, 1.0),
                    "security_pass_rate": self.rate(),
                    "cost_delta": self.number(-1.0, 5.0),
                }
            ),
            "statistical_tests": self.obj(
                {
                    "accuracy_p_value": self.rate(),
                    "latency_p_value": self.rate(),
                    "cost_p_value": self.rate(),
                }
            ),
            "thresholds": self.obj(
                {
                    "p95_latency_ms": self.number(0.0, 20000.0),
                    "error_rate": self.rate(),
                    "accuracy_delta": self.number(-1.0, 1.0),
                    "security_pass_rate": self.rate(),
                    "cost_increase_max": self.number(0.0, 5.0),
                    "statistical_significance_p": self.rate(),
                }
            ),
            "shadow": self.obj(
                {
                    "requests": st.one_of(self.number(0, 1e7).map(int), self.number(0, 1e4)),
                    "duration_hours": self.number(0.0, 1000.0),
                }
            ),
            "gold_set": self.obj(
                {"security_pass_rate": self.rate(), "overall_pass_rate": self.rate()}
            ),
            "incidents": self.obj({"active": st.integers(0, 3)}),
        }
        gate = st.sampled_from([{"gate": "promotion"}, {}, {"gate": "promotion", "profile": "x"}])
        return st.tuples(gate, self.obj(fields)).map(lambda t: {**t[0], **t[1]})

    def decision_matrix(self) -> st.SearchStrategy[Any]:
        shards = st.dictionaries(
            st.sampled_from(["shard-a", "shard-b"]),
            self.obj({"cpu": self.rate_series(), "memory": self.rate_series()}),
            max_size=2,
        )
        canary = self.obj(
            {
                "error_rate": self.rate_series(),
                "p99_latency_ms": self.ms_series(),
                "shards": shards,
                "success_gates": st.dictionaries(
                    st.sampled_from(["recall_at_50", "p99_budget"]), st.booleans(), max_size=2
                ),
                "ndcg_at_10": self.rate(),
                "operational_anomaly": st.just({"reported_by": "carol@example.com"}),
            }
        )
        baseline = self.obj(
            {"p99_latency_ms": self.number(0.0, 20000.0), "ndcg_at_10": self.rate()}
        )
        ties = (("p99_latency_ms", "p99_latency_ms"), ("ndcg_at_10", "ndcg_at_10"))
        return self._rollout("decision-matrix", {"canary": canary, "baseline": baseline}, ties)

    def gray_scale(self) -> st.SearchStrategy[Any]:
        canary = self.obj(
            {
                "slo_checks": self.series(st.booleans()),
                "security_pass_rate": self.rate(),
                "error_rate": self.rate_series(),
                "p95_latency_ms": self.ms_series(),
                "daily_cost": self.number(0.0, 1e5),
                "daily_cost_budget": self.number(0.0, 1e5),
            }
        )
        return self._rollout("gray-scale", {"canary": canary})

    def environment(self) -> st.SearchStrategy[Any]:
        buckets = st.dictionaries(
            st.sampled_from(["b01", "b02", "b03"]), self.obj({"pass_rate": self.rate()}), max_size=3
        )
        canary = self.obj(
            {
                "pass_rate": self.rate(),
                "quality_score": self.rate(),
                "error_rate": self.rate_series(),
                "p95_latency_ms": self.ms_series(),
                "buckets": buckets,
            }
        )
        baseline = self.obj(
            {
                "pass_rate": self.rate(),
                "quality_score": self.rate(),
                "error_rate": self.rate(),
                "p95_latency_ms": self.number(0.0, 20000.0),
                "buckets": buckets,
            }
        )
        extra = {
            "canary": canary,
            "baseline": baseline,
            "environment": st.sampled_from([*ENVIRONMENTS, "staging"]),
        }
        ties = (
            ("pass_rate", "pass_rate"),
            ("quality_score", "quality_score"),
            ("error_rate", "error_rate"),
            ("p95_latency_ms", "p95_latency_ms"),
        )
        return self._rollout("environment", extra, ties)

    def model_registry(self) -> st.SearchStrategy[Any]:
        version = st.fixed_dictionaries(
            {
                "version": st.sampled_from(["v1", "v2", "v3", "v4", "v5"]),
                "status": st.sampled_from(STATUSES),
                "was_production": st.booleans(),
            }
        )
        canary = self.obj(
            {
                "success_rate": self.rate_series(),
                "drift_severity": st.sampled_from(DRIFT),
                "performance_score": self.number(0.0, 100.0),
            }
        )
        extra = {
            "canary": canary,
            "baseline": self.obj({"performance_score": self.number(0.0, 100.0)}),
            "versions": st.lists(version, max_size=6),
            "rollback_target": st.sampled_from(["v1", "v2", "v3", "v9"]),
        }
        ties = (("performance_score", "performance_score"),)
        return self._rollout("model-registry", extra, ties)

    def blue_green(self) -> st.SearchStrategy[Any]:
        canary = self.obj(
            {
                "health_checks": self.series(st.booleans()),
                "error_rate": self.rate_series(),
                "response_time_ms": self.ms_series(),
                "memory": self.rate_series(),
                "cpu": self.rate_series(),
            }
        )
        post = self.obj(
            {
                "health": st.sampled_from(["healthy", "degraded"]),
                "version": st.sampled_from(["v1", "v2"]),
                "expected_version": st.sampled_from(["v1", "v2"]),
                "error_rate": self.rate(),
                "response_time_ms": self.number(0.0, 20000.0),
            }
        )
        return self._rollout("blue-green", {"canary": canary, "post_rollback": post})

    def sequential(self) -> st.SearchStrategy[Any]:
        evidence = self.obj(
            {
                "e_value": self.number(0.0, 1e9),
                "e_max": self.number(0.0, 1e9),
                "lower_bound": self.number(0.0, 10.0),
                "alpha": st.sampled_from([0.025, 0.05, 0.0125, 0.0250000001]),
                "looks": st.integers(min_value=0, max_value=120),
                "canary_rate": self.rate(),
                "baseline_rate": self.rate(),
            }
        )
        canary = self.obj(
            {
                "error_rate": self.rate_series(),
                "p99_latency_ms": self.ms_series(),
                "sequential": self.obj({"error_rate": evidence, "p99_latency": evidence}),
            }
        )
        return self._rollout("sequential", {"canary": canary})

    def approval(self) -> st.SearchStrategy[Any]:
        people = st.lists(st.sampled_from([*self.identities, "mallory@example.com"]), max_size=3)
        fields = {
            "trigger_type": st.sampled_from([*TRIGGER_TYPES, "other"]),
            "phase_percent": self.phase(),
            "decision": st.sampled_from([*DECISIONS, "other"]),
            "approvers": people,
        }
        return self.obj(fields).map(lambda d: {"gate": "approval", **d})

    def _rollout(
        self,
        profile: str,
        extra: dict[str, st.SearchStrategy[Any]],
        ties: tuple[tuple[str, str], ...] = (),
    ) -> Any:
        head = st.sampled_from(
            [{"gate": "rollout", "profile": profile}]
            + ([{"gate": "rollout"}] if profile == "decision-matrix" else [])
        )
        documents = st.tuples(head, self.obj({**self.common(), **extra})).map(
            lambda t: {**t[0], **t[1]}
        )
        if not ties:
            return documents
        tie = st.tuples(st.sampled_from(ties), st.sampled_from(self.near), st.sampled_from(_TIES))
        return st.tuples(documents, st.one_of(st.none(), tie)).map(_apply_tie)

    def by_kind(self) -> dict[str, st.SearchStrategy[Any]]:
        """Every gate and rollout profile, by name."""
        kinds = {
            "promotion": self.promotion(),
            "rollout/decision-matrix": self.decision_matrix(),
            "rollout/gray-scale": self.gray_scale(),
            "rollout/environment": self.environment(),
            "rollout/model-registry": self.model_registry(),
            "rollout/blue-green": self.blue_green(),
            "rollout/sequential": self.sequential(),
            "approval": self.approval(),
        }
        for kind, strategy in kinds.items():
            perturbed = [self.perturbed(base) for base in self.bases.get(kind, [])]
            if perturbed:
                kinds[kind] = st.one_of(strategy, st.one_of(*perturbed), st.one_of(*perturbed))
        return {kind: self.corrupted(strategy) for kind, strategy in kinds.items()}

    def perturbed(self, base: dict[str, Any]) -> st.SearchStrategy[Any]:
        """``base`` (a complete input) with up to three of its values moved.

        A number becomes a policy number or a neighbour of one, a series ends in one
        or holds one throughout, a flag flips: complete inputs meet every threshold.
        """
        paths = list(_leaves(base))
        if not paths:
            return st.just(base)
        change = st.sampled_from(paths).flatmap(
            lambda path: self._moved(_get(base, path)).map(lambda value: (path, value))
        )
        return st.lists(change, max_size=3).map(lambda changes: _set_all(base, changes))

    def _moved(self, value: Any) -> st.SearchStrategy[Any]:
        if isinstance(value, bool):
            return st.just(not value)
        if isinstance(value, int | float):
            return self.rate() if 0 <= value <= 1 else self.number(0.0, max(4.0 * value, 100.0))
        element = self.rate() if all(0 <= v <= 1 for v in value) else self.number(0.0, 2e4)
        if all(isinstance(v, bool) for v in value):
            element = st.booleans()
        last = element.map(lambda v: [*value[:-1], v])
        return st.one_of(last, element.map(lambda v: [v] * len(value)))


_TIES = ("minus", "plus", "times_up", "times_down")


def _tied(base: float, number: float, how: str) -> float:
    if how == "minus":
        return base - number
    if how == "plus":
        return base + number
    if how == "times_up":
        return base * (1 + number)
    return base * (1 - number)


def _apply_tie(pair: tuple[dict[str, Any], Any]) -> dict[str, Any]:
    """Set one canary value (the last of a series) from its baseline and a policy number."""
    document, tie = pair
    if tie is None:
        return document
    (canary_field, baseline_field), number, how = tie
    canary, baseline = document.get("canary"), document.get("baseline")
    if not isinstance(canary, dict) or not isinstance(baseline, dict):
        return document
    base = baseline.get(baseline_field)
    if isinstance(base, bool) or not isinstance(base, int | float):
        return document
    value = _tied(float(base), number, how)
    current = canary.get(canary_field)
    if isinstance(current, list) and current:
        canary = {**canary, canary_field: [*current[:-1], value]}
    else:
        canary = {**canary, canary_field: value}
    return {**document, "canary": canary}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _leaves(document: Any, path: tuple[Any, ...] = ()) -> Any:
    """Paths of the numbers, flags and non-empty series in ``document``."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(document, list):
        if document and all(_is_number(v) or isinstance(v, bool) for v in document):
            yield path
    elif isinstance(document, bool) or _is_number(document):
        yield path


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _set_all(document: dict[str, Any], changes: list[tuple[tuple[Any, ...], Any]]) -> Any:
    result = json.loads(json.dumps(document))
    for path, value in changes:
        target = result
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return result


def _spoil(triple: tuple[dict[str, Any], int, Any]) -> dict[str, Any]:
    """Replace one field (not ``gate`` / ``profile``) by a value of the wrong type."""
    document, index, wrong = triple
    keys = [k for k in document if k not in ("gate", "profile")]
    if not keys:
        return document
    return {**document, keys[index % len(keys)]: wrong}
