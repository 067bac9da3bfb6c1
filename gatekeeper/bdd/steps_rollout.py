"""Steps of the rollout gate, profile ``decision-matrix`` ("Sprint #1: Rollback Plan & Procedures").

"Given a canary at 25% traffic" starts a healthy canary with complete evidence
(series over the observation history, one value per interval); the other Given
steps change one piece of evidence: a value held "for the last N minutes" replaces
the trailing intervals of its series.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pytest_bdd import given, parsers

from gatekeeper.bdd._inputs import GateInput, Path, dotted
from gatekeeper.bdd._phrases import EXTRA_TYPES, code_of, parse_percent
from gatekeeper.bdd.steps_common import field_steps

DURATION = r"(?P<amount>\d+(?:\.\d+)?) (?P<unit>seconds?|minutes?)"
PERCENT = r"(?P<value>-?\d+(?:\.\d+)?%)"
NUMBER = r"(?P<value>-?\d+(?:\.\d+)?)"

HEALTHY_ERROR_RATE = 0.001
HEALTHY_P99_MS = 200
HEALTHY_CPU = 0.50
HEALTHY_MEMORY = 0.40
BASELINE_NDCG = 0.5234
DEFAULT_SHARD = "shard-a"


def seconds_of(amount: str, unit: str) -> float:
    """``("3", "minutes")`` -> ``180.0``."""
    return float(amount) * (60 if unit.startswith("minute") else 1)


def hold_steps(steps: Mapping[str, tuple[str, Callable[[str], Any], Any]]) -> None:
    """A Given step per ``regex: (field, convert, healthy)``, the regex then followed by
    "for the last DURATION": the dotted ``field``'s series held ``convert(value)`` that
    long, ``healthy`` before. Call it at module level: the steps belong to the caller."""
    for pattern, (field, convert, healthy) in steps.items():
        _hold_step(pattern, dotted(field), convert, healthy)


def _hold_step(pattern: str, path: Path, convert: Callable[[str], Any], healthy: Any) -> None:
    # stacklevel=3: pytest-bdd registers the step fixture in the module calling hold_steps.
    @given(parsers.re(f"{pattern} for the last {DURATION}"), stacklevel=3)
    def _(gate_input: GateInput, value: str, amount: str, unit: str) -> None:
        gate_input.hold(path, convert(value), seconds_of(amount, unit), healthy)


def healthy_canary(percent: float, profile: str = "decision-matrix") -> GateInput:
    """A decision-matrix canary at ``percent`` with every piece of evidence healthy."""
    gate_input = GateInput(
        "rollout",
        {
            "gate": "rollout",
            "profile": profile,
            "phase_percent": percent,
            "interval_seconds": 60,
            "canary": {
                "success_gates": {"recall_at_50": True, "p99_budget": True},
                "ndcg_at_10": BASELINE_NDCG,
            },
            "baseline": {"p99_latency_ms": HEALTHY_P99_MS, "ndcg_at_10": BASELINE_NDCG},
        },
        profile=profile,
    )
    gate_input.add_series(("canary", "error_rate"), HEALTHY_ERROR_RATE)
    gate_input.add_series(("canary", "p99_latency_ms"), HEALTHY_P99_MS)
    _add_shard(gate_input, DEFAULT_SHARD)
    return gate_input


def _add_shard(gate_input: GateInput, shard: str) -> None:
    gate_input.add_series(("canary", "shards", shard, "cpu"), HEALTHY_CPU)
    gate_input.add_series(("canary", "shards", shard, "memory"), HEALTHY_MEMORY)


@given(
    parsers.parse("a canary at {percent:Number}% traffic", extra_types=EXTRA_TYPES),
    target_fixture="gate_input",
)
def _(percent: float) -> GateInput:
    return healthy_canary(percent)


@given(parsers.parse("the canary reports every {seconds:d} seconds"))
def _(gate_input: GateInput, seconds: int) -> None:
    gate_input.document["interval_seconds"] = seconds


@given(parsers.parse("the canary has been observed for {minutes:d} minutes"))
def _(gate_input: GateInput, minutes: int) -> None:
    gate_input.history_minutes = minutes


@given(parsers.re(r"the error rate per interval was (?P<values>.+)"))
def _(gate_input: GateInput, values: str) -> None:
    series = [parse_percent(v.strip()) for v in values.replace(" and ", ",").split(",")]
    gate_input.explicit_series(("canary", "error_rate"), series)


@given(
    parsers.re(
        rf"shard (?P<shard>[\w-]+) (?:ran at|used) {PERCENT} (?P<resource>CPU|memory) "
        rf"for the last {DURATION}"
    )
)
def _(gate_input: GateInput, shard: str, value: str, resource: str, amount: str, unit: str) -> None:
    if ("canary", "shards", shard, "cpu") not in gate_input.series:
        _add_shard(gate_input, shard)
    key = resource.lower()
    healthy = HEALTHY_CPU if key == "cpu" else HEALTHY_MEMORY
    gate_input.hold(
        ("canary", "shards", shard, key), parse_percent(value), seconds_of(amount, unit), healthy
    )


@given(parsers.re(r"the success gate (?P<name>[\w@.-]+) (?P<state>failed|passed)"))
def _(gate_input: GateInput, name: str, state: str) -> None:
    gate_input.set(("canary", "success_gates", name), state == "passed")


field_steps(
    {
        "the baseline p99 latency is {value:Number} ms": "baseline.p99_latency_ms",
        "the nDCG@10 is {value:Number}": "canary.ndcg_at_10",
        "the baseline nDCG@10 is {value:Number}": "baseline.ndcg_at_10",
    }
)


@given(
    parsers.re(
        r"a decision on the (?P<trigger>gate failure|quality regression) has been pending "
        r"for (?P<minutes>\d+) minutes?"
    )
)
def _(gate_input: GateInput, trigger: str, minutes: str) -> None:
    gate_input.set(
        ("pending_decision",), {"trigger": code_of(trigger), "minutes_pending": int(minutes)}
    )


@given(
    parsers.re(
        r"a person chose to continue the (?P<trigger>gate failure|quality regression) decision, "
        r"(?P<minutes>\d+) minutes? after detection"
    )
)
def _(gate_input: GateInput, trigger: str, minutes: str) -> None:
    gate_input.set(
        ("pending_decision",),
        {
            "trigger": code_of(trigger),
            "minutes_pending": int(minutes),
            "decision": "continue",
            "minutes_since_detection": int(minutes),
        },
    )


@given(
    parsers.re(
        r"a person chose to roll back the (?P<trigger>gate failure|quality regression) decision, "
        r"(?P<minutes>\d+) minutes? after it was asked"
    )
)
def _(gate_input: GateInput, trigger: str, minutes: str) -> None:
    gate_input.set(
        ("pending_decision",),
        {"trigger": code_of(trigger), "minutes_pending": int(minutes), "decision": "rollback"},
    )


@given(parsers.re(r"(?P<who>[\w@.-]+) reported an operational anomaly: (?P<summary>.+)"))
def _(gate_input: GateInput, who: str, summary: str) -> None:
    gate_input.set(("canary", "operational_anomaly"), {"reported_by": who, "summary": summary})


def _number(text: str) -> Any:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


hold_steps(
    {
        rf"the error rate was {PERCENT}": ("canary.error_rate", parse_percent, HEALTHY_ERROR_RATE),
        rf"the p99 latency was {NUMBER} ms": ("canary.p99_latency_ms", _number, HEALTHY_P99_MS),
    }
)
