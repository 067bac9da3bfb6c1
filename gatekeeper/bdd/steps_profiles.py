"""Steps of the other rollout profiles (docs/rollout-profiles.md): gray-scale,
environment, model registry, blue-green, and the sequential example (docs/statistics.md).

Each "Given a ... at N% traffic" starts a healthy input of its profile; the evidence
steps of ``steps_rollout`` ("the error rate was 0.7% for the last 3 minutes") work
for every profile that reads the same field.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers

from gatekeeper.bdd._inputs import GateInput
from gatekeeper.bdd._phrases import EXTRA_TYPES, parse_percent
from gatekeeper.bdd.steps_common import absent_steps, baseline_steps, field_steps
from gatekeeper.bdd.steps_rollout import DURATION, NUMBER, PERCENT, hold_steps, seconds_of

HEALTHY_ERROR_RATE = 0.001
HEALTHY_P95_MS = 1000
BUCKETS = [f"bucket-{n:02d}" for n in range(1, 13)]

REGISTRY: list[dict[str, Any]] = [
    {"version": "v6", "status": "canary", "was_production": False},
    {"version": "v5", "status": "production", "was_production": True},
    {"version": "v4", "status": "archived", "was_production": True},
    {"version": "v3", "status": "archived", "was_production": True},
    {"version": "v2", "status": "deprecated", "was_production": True},
]


def _rollout(
    profile: str,
    percent: float,
    extra: dict[str, Any],
    series: dict[str, Any],
    history_minutes: float = 6.0,
) -> GateInput:
    """A rollout input of ``profile`` with the canary's ``series`` healthy; the scenario
    chooses the profile (and environment)."""
    document: dict[str, Any] = {
        "gate": "rollout",
        "profile": profile,
        "phase_percent": percent,
        "interval_seconds": 60,
        **extra,
    }
    environment = extra.get("environment")
    gate_input = GateInput(
        "rollout",
        document,
        history_minutes=history_minutes,
        profile=profile,
        environment=str(environment) if environment else None,
    )
    for key, healthy in series.items():
        gate_input.add_series(("canary", key), healthy)
    return gate_input


@given(
    parsers.parse("a gray-scale rollout at {percent:Number}% traffic", extra_types=EXTRA_TYPES),
    target_fixture="gate_input",
)
def _(percent: float) -> GateInput:
    canary = {"security_pass_rate": 0.99, "daily_cost": 100, "daily_cost_budget": 200}
    series = {
        "slo_checks": True,
        "error_rate": HEALTHY_ERROR_RATE,
        "p95_latency_ms": HEALTHY_P95_MS,
    }
    return _rollout("gray-scale", percent, {"canary": canary}, series)


@given(
    parsers.parse(
        "a canary in the {environment} environment at {percent:Number}% traffic",
        extra_types=EXTRA_TYPES,
    ),
    target_fixture="gate_input",
)
def _(environment: str, percent: float) -> GateInput:
    buckets = {name: {"pass_rate": 0.90} for name in BUCKETS}
    return _rollout(
        "environment",
        percent,
        {
            "environment": environment,
            "canary": {"pass_rate": 0.90, "quality_score": 0.85, "buckets": buckets},
            "baseline": {
                "pass_rate": 0.90,
                "quality_score": 0.85,
                "error_rate": HEALTHY_ERROR_RATE,
                "p95_latency_ms": HEALTHY_P95_MS,
                "buckets": {name: {"pass_rate": 0.90} for name in BUCKETS},
            },
        },
        {"error_rate": HEALTHY_ERROR_RATE, "p95_latency_ms": HEALTHY_P95_MS},
    )


@given(
    parsers.parse("a model-registry canary at {percent:Number}% traffic", extra_types=EXTRA_TYPES),
    target_fixture="gate_input",
)
def _(percent: float) -> GateInput:
    return _rollout(
        "model-registry",
        percent,
        {
            "current_version": "v6",
            "canary": {"drift_severity": "none", "performance_score": 0.90},
            "baseline": {"performance_score": 0.90},
            "versions": [dict(v) for v in REGISTRY],
        },
        {"success_rate": 0.995, "error_rate": HEALTHY_ERROR_RATE},
    )


@given("a blue-green switch", target_fixture="gate_input")
def _() -> GateInput:
    series = {
        "health_checks": True,
        "error_rate": HEALTHY_ERROR_RATE,
        "response_time_ms": 500,
        "memory": 0.50,
        "cpu": 0.50,
    }
    return _rollout("blue-green", 100, {"canary": {}}, series, history_minutes=12)


SEQUENTIAL_METRICS = {"error-rate": "error_rate", "slow-request": "p99_latency"}


def _sequential_evidence() -> dict[str, Any]:
    """No difference between the arms after 12 looks, at the profile's level (0.05 / 2)."""
    return {
        "e_value": 0.4,
        "e_max": 1.3,
        "lower_bound": 0.62,
        "alpha": 0.025,
        "looks": 12,
        "canary_rate": 0.02,
        "baseline_rate": 0.02,
    }


@given(
    parsers.parse("a sequential canary at {percent:Number}% traffic", extra_types=EXTRA_TYPES),
    target_fixture="gate_input",
)
def _(percent: float) -> GateInput:
    sequential = {metric: _sequential_evidence() for metric in SEQUENTIAL_METRICS.values()}
    series = {"error_rate": 0.02, "p99_latency_ms": 180}
    return _rollout("sequential", percent, {"canary": {"sequential": sequential}}, series, 12)


@given(
    parsers.re(
        r"the (?P<metric>error-rate|slow-request) ratio is at least (?P<bound>[\d.]+) with "
        r"confidence after (?P<looks>\d+) looks"
    )
)
def _(gate_input: GateInput, metric: str, bound: str, looks: str) -> None:
    path = ("canary", "sequential", SEQUENTIAL_METRICS[metric])
    gate_input.set((*path, "lower_bound"), float(bound))
    gate_input.set((*path, "looks"), int(looks))
    if float(bound) > 1:  # a bound above 1 is an e-value over 1 / alpha (docs/statistics.md)
        gate_input.set((*path, "e_value"), 350.0)
        gate_input.set((*path, "e_max"), 412.0)
        gate_input.set((*path, "canary_rate"), 0.031)


@given(
    parsers.re(
        r"the (?P<metric>error-rate|slow-request) evidence was measured at alpha "
        r"(?P<alpha>[\d.]+)"
    )
)
def _(gate_input: GateInput, metric: str, alpha: str) -> None:
    gate_input.set(("canary", "sequential", SEQUENTIAL_METRICS[metric], "alpha"), float(alpha))


@given(parsers.re(r"the input has no (?P<metric>error-rate|slow-request) evidence"))
def _(gate_input: GateInput, metric: str) -> None:
    gate_input.remove(("canary", "sequential", SEQUENTIAL_METRICS[metric]))


# Gray-scale and blue-green evidence.


@given(parsers.re(r"the last (?P<count>\d+) (?P<kind>SLO|health) checks? failed"))
def _(gate_input: GateInput, count: str, kind: str) -> None:
    path = ("canary", "slo_checks" if kind == "SLO" else "health_checks")
    gate_input.hold(path, False, int(count) * gate_input.interval_seconds, True)


RESULTS = r"(?:passed|failed)(?:(?:, | and )(?:passed|failed))*"


@given(parsers.re(rf"the (?P<kind>SLO|health) checks were (?P<results>{RESULTS})"))
def _(gate_input: GateInput, kind: str, results: str) -> None:
    path = ("canary", "slo_checks" if kind == "SLO" else "health_checks")
    flags = [word == "passed" for word in results.replace(" and ", ", ").split(", ")]
    gate_input.explicit_series(path, flags)


@given(
    parsers.parse(
        "today's cost is {cost:Number} against a daily budget of {budget:Number}",
        extra_types=EXTRA_TYPES,
    )
)
def _(gate_input: GateInput, cost: float, budget: float) -> None:
    gate_input.set(("canary", "daily_cost"), cost)
    gate_input.set(("canary", "daily_cost_budget"), budget)


@given(parsers.re(rf"(?P<what>memory|CPU) was at {PERCENT} for the last {DURATION}"))
def _(gate_input: GateInput, what: str, value: str, amount: str, unit: str) -> None:
    gate_input.hold(("canary", what.lower()), parse_percent(value), seconds_of(amount, unit), 0.50)


# Environment evidence: canary against baseline.


@given(parsers.re(rf"the error rate is {PERCENT} against a baseline of (?P<base>[\d.]+%)"))
def _(gate_input: GateInput, value: str, base: str) -> None:
    series = gate_input.add_series(("canary", "error_rate"), HEALTHY_ERROR_RATE)
    series.healthy = parse_percent(value)
    gate_input.set(("baseline", "error_rate"), parse_percent(base))


@given(
    parsers.parse(
        "the p95 latency is {value:Number} ms against a baseline of {base:Number} ms",
        extra_types=EXTRA_TYPES,
    )
)
def _(gate_input: GateInput, value: float, base: float) -> None:
    gate_input.add_series(("canary", "p95_latency_ms"), HEALTHY_P95_MS).healthy = value
    gate_input.set(("baseline", "p95_latency_ms"), base)


@given(
    parsers.re(
        rf"bucket (?P<bucket>[\w-]+) has a pass rate of {PERCENT} against a baseline of "
        r"(?P<base>[\d.]+%)"
    )
)
def _(gate_input: GateInput, bucket: str, value: str, base: str) -> None:
    gate_input.set(("canary", "buckets", bucket), {"pass_rate": parse_percent(value)})
    gate_input.set(("baseline", "buckets", bucket), {"pass_rate": parse_percent(base)})


# Model-registry evidence.


@given("the version registry:")
def _(gate_input: GateInput, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    if names != ["version", "status", "was_production"]:
        raise ValueError('the registry needs the columns "version", "status", "was production"')
    gate_input.set(
        ("versions",),
        [
            {"version": v.strip(), "status": s.strip(), "was_production": w.strip() == "yes"}
            for v, s, w in rows
        ],
    )


# Blue-green post-rollback validation.


@given(parsers.parse("the rollback to {version} completed and validates"))
def _(gate_input: GateInput, version: str) -> None:
    gate_input.set(
        ("post_rollback",),
        {
            "health": "healthy",
            "version": version,
            "expected_version": version,
            "error_rate": 0.002,
            "response_time_ms": 800,
            "environment_switched": True,
            "core_functionality_verified": True,
            "metrics_normal": True,
        },
    )


CONFIRMATIONS = {
    "the environment switch": "environment_switched",
    "the core functionality": "core_functionality_verified",
    "the return of the metrics to normal": "metrics_normal",
}


@given(parsers.parse("after the rollback {item} is not confirmed"))
def _(gate_input: GateInput, item: str) -> None:
    if item not in CONFIRMATIONS:
        raise ValueError(f"unknown checklist item {item!r}: one of {sorted(CONFIRMATIONS)}")
    gate_input.set(("post_rollback", CONFIRMATIONS[item]), False)


@given(parsers.parse("a person reports {reason} as a manual rollback trigger"))
def _(gate_input: GateInput, reason: str) -> None:
    gate_input.set(
        ("canary", "manual_trigger"),
        {
            "reason": reason.replace(" ", "_"),
            "reported_by": "support@example.com",
            "summary": reason,
        },
    )


field_steps(
    {
        "the canary security pass rate is {value:Percent}": "canary.security_pass_rate",
        "the drift severity is {value}": "canary.drift_severity",
        "the rollback target is named {value}": "rollback_target",
        "the version under evaluation is {value}": "current_version",
        "the input gives the phase as {value:Number}%": "phase_percent",
        "the input names the profile {value}": "profile",
        'after the rollback the health is "{value}"': "post_rollback.health",
        "after the rollback the running version is {value}": "post_rollback.version",
        "after the rollback the error rate is {value:Percent}": "post_rollback.error_rate",
        "after the rollback the response time is {value:Number} ms": (
            "post_rollback.response_time_ms"
        ),
    }
)
absent_steps(
    {
        "the input does not say which version is under evaluation": "current_version",
        "the input does not name its profile": "profile",
        "the input gives no phase": "phase_percent",
    }
)
baseline_steps(
    {
        "the pass rate is {value:Percent} against a baseline of {base:Percent}": "pass_rate",
        "the quality score is {value:Number} against a baseline of {base:Number}": (
            "quality_score"
        ),
        "the performance score is {value:Number} against a baseline of {base:Number}": (
            "performance_score"
        ),
    }
)
hold_steps(
    {
        rf"the p95 latency was {NUMBER} ms": ("canary.p95_latency_ms", float, HEALTHY_P95_MS),
        rf"the average response time was {NUMBER} ms": ("canary.response_time_ms", float, 500),
        rf"the success rate was {PERCENT}": ("canary.success_rate", parse_percent, 0.995),
    }
)
