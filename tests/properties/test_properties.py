"""Properties every gate and profile keeps, on generated inputs (issue 13 item 10).

Inputs are generated from the example inputs of ``scenarios/`` (every gate, every
rollout profile, with the rule set their folder names): every number is moved
within its range, then the property's change is applied. Each example is decided
by both engines (see ``conftest.py``):

- a worse metric never yields a less severe action;
- a later canary phase is never more lenient;
- a threshold in the input never loosens the gate;
- OPA's ``{"input": ...}`` form decides exactly as the bare object;
- an input lacking any piece of evidence the policy names never goes (exit 0).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from gatekeeper.check._input import unwrap
from gatekeeper.check._options import RuleSet
from gatekeeper.check._pipeline import exit_code_of, validate_for
from gatekeeper.engines import Engine
from gatekeeper.models import CheckedInput, parse_decision
from gatekeeper.models._contract import ROLLOUT_PROFILE_NAMES
from gatekeeper.models._examples import scenario_rule_set
from gatekeeper.models._exceptions import EngineError, InputError
from gatekeeper.models._jsontext import dumps_exact, parse_json
from gatekeeper.policy._files import PolicySet
from tests.properties.conftest import PROPERTY_SETTINGS

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

UNDECIDED = "(no decision)"
SEVERITY = {
    UNDECIDED: 7,
    "abort_and_quarantine": 6,
    "abort": 5,
    "auto_rollback": 4,
    "manual_decision": 3,
    "pause_evaluation": 2,
    "deny": 2,
    "promote_next_step": 1,
    "continue": 1,
    "promote": 1,
    "approve": 1,
}

# the direction in which each measurement gets worse (input field names of the contract)
UP, DOWN, FAIL = "up", "down", "fail"
WORSE: dict[str | None, dict[str, str]] = {
    "promotion": {
        "metrics.error_rate": UP,
        "metrics.p95_latency_ms": UP,
        "metrics.cost_delta": UP,
        "metrics.accuracy_delta": DOWN,
        "metrics.security_pass_rate": DOWN,
        "statistical_tests.accuracy_p_value": UP,
        "shadow.requests": DOWN,
        "shadow.duration_hours": DOWN,
        "gold_set.security_pass_rate": DOWN,
        "gold_set.overall_pass_rate": DOWN,
        "incidents.active": UP,
    },
    "decision-matrix": {
        "canary.error_rate": UP,
        "canary.p99_latency_ms": UP,
        "canary.shards.*.cpu": UP,
        "canary.shards.*.memory": UP,
        "canary.success_gates.*": FAIL,
        "canary.ndcg_at_10": DOWN,
    },
    "gray-scale": {
        "canary.error_rate": UP,
        "canary.p95_latency_ms": UP,
        "canary.security_pass_rate": DOWN,
        "canary.daily_cost": UP,
        "canary.slo_checks": FAIL,
    },
    "environment": {
        "canary.pass_rate": DOWN,
        "canary.quality_score": DOWN,
        "canary.error_rate": UP,
        "canary.p95_latency_ms": UP,
        "canary.buckets.*.pass_rate": DOWN,
    },
    "model-registry": {
        "canary.success_rate": DOWN,
        "canary.performance_score": DOWN,
    },
    "blue-green": {
        "canary.error_rate": UP,
        "canary.response_time_ms": UP,
        "canary.memory": UP,
        "canary.cpu": UP,
        "canary.health_checks": FAIL,
    },
}
PROMOTION_THRESHOLDS = {
    "p95_latency_ms": (0, 10_000),
    "error_rate": (0, 1),
    "accuracy_delta": (-1, 1),
    "security_pass_rate": (0, 1),
    "cost_increase_max": (-1, 5),
    "statistical_significance_p": (0, 1),
}


def _seeds() -> list[tuple[Path, dict[str, Any]]]:
    seeds = []
    for path in sorted(SCENARIOS.rglob("*--*.json")):
        document = unwrap(parse_json(path.read_text(encoding="utf-8")))
        seeds.append((path, document))
    return seeds


SEEDS = _seeds()


def _kind(path: Path) -> str | None:
    profile, _ = scenario_rule_set(path.relative_to(SCENARIOS).parts)
    gate = path.relative_to(SCENARIOS).parts[0]
    return profile if gate == "rollout" else gate


def _rule_set(path: Path) -> RuleSet:
    profile, environment = scenario_rule_set(path.relative_to(SCENARIOS).parts)
    return RuleSet(profile=profile, environment=environment)


# -- generating inputs ---------------------------------------------------------------


def _leaves(node: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _leaves(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*prefix, index))
    elif isinstance(node, int | float | Decimal) and not isinstance(node, bool):
        yield prefix


def _get(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _set(document: Any, path: tuple[str | int, ...], value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


def _moved(value: Any, factor: float) -> Any:
    """``value`` moved by ``factor`` within the range its kind implies."""
    number = float(value)
    if isinstance(value, int):
        return max(0, round(number * factor)) if number >= 0 else value
    moved = number * factor
    if 0 <= number <= 1:
        return min(1.0, max(0.0, moved))
    return moved if number >= 0 else number


@st.composite
def generated(draw: st.DrawFn, kinds: tuple[str | None, ...] | None = None) -> tuple[Path, Any]:
    """A scenario input (of ``kinds``) with its numbers moved; the phase is left alone."""
    pool = [s for s in SEEDS if kinds is None or _kind(s[0]) in kinds]
    path, seed = draw(st.sampled_from(pool))
    document = copy.deepcopy(seed)
    for leaf in _leaves(document):
        if leaf[0] in ("phase_percent", "interval_seconds", "thresholds", "pending_decision"):
            continue
        if draw(st.booleans()):
            _set(document, leaf, _moved(_get(document, leaf), draw(st.floats(0.5, 1.5))))
    return path, document


def _expand(document: Any, pattern: str) -> list[tuple[str | int, ...]]:
    """Concrete paths of ``pattern`` (``*`` is any key) present in ``document``."""
    found: list[tuple[str | int, ...]] = [()]
    for part in pattern.split("."):
        step: list[tuple[str | int, ...]] = []
        for path in found:
            node = _get(document, path)
            if not isinstance(node, Mapping):
                continue
            keys = list(node) if part == "*" else [part] if part in node else []
            step += [(*path, key) for key in keys]
        found = step
    return found


def _worsened(value: Any, direction: str, amount: float) -> Any:
    if isinstance(value, list):
        return [_worsened(v, direction, amount) for v in value]
    if direction == FAIL:
        return False if isinstance(value, bool) else value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    number = float(value)
    if direction == UP:
        bigger = number + amount * (1 - number if 0 <= number <= 1 else abs(number) + 1)
        return round(bigger) if isinstance(value, int) else bigger
    smaller = number * (1 - amount) if number >= 0 else number - amount * (number + 1)
    return max(0, int(smaller)) if isinstance(value, int) else smaller


# -- deciding ------------------------------------------------------------------------


def _checked(path: Path, document: Any) -> CheckedInput | None:
    try:
        return validate_for(document, _rule_set(path))
    except InputError:
        return None


def _decide(engines: Mapping[str, Engine], checked: CheckedInput) -> dict[str, dict[str, Any]]:
    """Each engine's decision; an engine error is "no decision" (exit 2, the strictest)."""
    decisions: dict[str, dict[str, Any]] = {}
    for name, engine in engines.items():
        try:
            decisions[name] = engine.evaluate(checked.document)
        except EngineError as exc:
            decisions[name] = {"action": UNDECIDED, "gate": checked.gate, "error": str(exc)}
    return decisions


def _severities(decisions: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    return {name: SEVERITY[str(decision["action"])] for name, decision in decisions.items()}


def _assert_not_looser(
    engines: Mapping[str, Engine], path: Path, looser: Any, stricter: Any, context: Any
) -> None:
    """Every engine judges ``stricter`` at least as severely as ``looser``."""
    first, second = _checked(path, looser), _checked(path, stricter)
    assume(first is not None and second is not None)
    assert first is not None and second is not None
    before, after = _severities(_decide(engines, first)), _severities(_decide(engines, second))
    for name in engines:
        assert after[name] >= before[name], (name, context, before, after)


# -- properties ----------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_a_worse_metric_is_never_less_severe(
    engines: Mapping[str, Engine], data: st.DataObject
) -> None:
    path, document = data.draw(generated(tuple(WORSE)))
    table = WORSE[_kind(path)]
    targets = [leaf for pattern in table for leaf in _expand(document, pattern)]
    assume(targets)
    target = data.draw(st.sampled_from(targets))
    pattern = next(p for p in table if target in _expand(document, p))
    worse = copy.deepcopy(document)
    amount = data.draw(st.sampled_from([0.05, 0.2, 0.5, 0.8, 1.0]))
    _set(worse, target, _worsened(_get(worse, target), table[pattern], amount))
    base_checked, worse_checked = _checked(path, document), _checked(path, worse)
    assume(base_checked is not None and worse_checked is not None)
    assert base_checked is not None and worse_checked is not None
    before = _severities(_decide(engines, base_checked))
    after = _severities(_decide(engines, worse_checked))
    for name in engines:
        assert after[name] >= before[name], (name, ".".join(map(str, target)), before, after)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_a_later_phase_is_never_more_lenient(
    engines: Mapping[str, Engine], data: st.DataObject
) -> None:
    path, document = data.draw(generated(ROLLOUT_PROFILE_NAMES))
    phases = sorted(data.draw(st.lists(st.integers(1, 100), min_size=2, max_size=2)))
    earlier, later = ({**document, "phase_percent": phase} for phase in phases)
    _assert_not_looser(engines, path, earlier, later, phases)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_an_input_threshold_never_loosens(
    engines: Mapping[str, Engine], data: st.DataObject
) -> None:
    path, document = data.draw(generated(("promotion",)))
    bare = {k: v for k, v in document.items() if k != "thresholds"}
    names = data.draw(st.sets(st.sampled_from(sorted(PROMOTION_THRESHOLDS)), min_size=1))
    thresholds = {
        name: data.draw(st.floats(*PROMOTION_THRESHOLDS[name], allow_nan=False)) for name in names
    }
    _assert_not_looser(engines, path, bare, {**bare, "thresholds": thresholds}, thresholds)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_the_input_form_changes_nothing(
    engines: Mapping[str, Engine], data: st.DataObject
) -> None:
    path, document = data.draw(generated())
    bare = unwrap(parse_json(dumps_exact(document)))
    wrapped = unwrap(parse_json(dumps_exact({"input": document})))
    assert wrapped == bare
    first, second = _checked(path, bare), _checked(path, wrapped)
    assert (first is None) == (second is None)
    if first is None or second is None:
        return
    # each engine sees the same text for both forms, so decides the same; decide it once
    assert dumps_exact(first.document) == dumps_exact(second.document)
    for decision in _decide(engines, second).values():
        assert decision["action"] in SEVERITY, decision


def test_success_a_pending_decision_is_not_dropped_at_a_later_phase(
    engines: Mapping[str, Engine],
) -> None:
    # found by the later-phase property: the quality regression has cleared, the
    # manual decision about it expired unanswered; at an automatic cell it rolls back too
    path = SCENARIOS / "rollout" / "decision-matrix" / "auto_rollback--decision-window-expired.json"
    document = unwrap(parse_json(path.read_text(encoding="utf-8")))
    document["baseline"]["ndcg_at_10"] = 0.2617
    document["pending_decision"] = {"trigger": "quality_regression", "minutes_pending": 5}
    severities = []
    for phase in (6, 51):
        checked = _checked(path, {**document, "phase_percent": phase})
        assert checked is not None
        severities.append(_severities(_decide(engines, checked)))
    assert all(severities[1][name] >= severities[0][name] for name in engines), severities


def _needed(policy: PolicySet, kind: str | None) -> list[list[str]]:
    """The evidence the policy data names for ``kind``: groups of alternative sources."""
    profiles = policy.data["gatekeeper"]["profiles"]
    data = profiles["promotion"] if kind == "promotion" else profiles["rollout"].get(kind or "")
    groups: list[list[str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "evidence" and isinstance(value, Mapping):
                    for field, spec in value.items():
                        sources = spec.get("sources") if isinstance(spec, Mapping) else None
                        group = [str(s) for s in sources] if sources else [str(field)]
                        if group not in groups:
                            groups.append(group)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return groups


def _without(document: Any, dotted: str) -> Any:
    result = copy.deepcopy(document)
    parts = dotted.split(".")
    node = result
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(parts[-1], None)
    return result


def test_success_every_kind_names_its_evidence(rule_set: PolicySet) -> None:
    for kind in ("promotion", "decision-matrix", "gray-scale", "environment", "blue-green"):
        assert len(_needed(rule_set, kind)) >= 2, kind


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_missing_evidence_never_goes(
    engines: Mapping[str, Engine], rule_set: PolicySet, data: st.DataObject
) -> None:
    kinds = ("promotion", "decision-matrix", "gray-scale", "environment", "model-registry")
    path, document = data.draw(generated((*kinds, "blue-green")))
    # the caller's choice (profile, environment) is never missing: the caller makes it
    groups = [g for g in _needed(rule_set, _kind(path)) if g not in (["environment"], ["profile"])]
    assume(groups)
    group = data.draw(st.sampled_from(groups))
    lacking = document
    for source in group:
        lacking = _without(lacking, source)
    checked = _checked(path, lacking)
    if checked is None:
        return  # refused before any engine: exit 2
    for name, raw in _decide(engines, checked).items():
        if raw["action"] == UNDECIDED:
            continue  # exit 2
        code = exit_code_of(parse_decision(raw, expected_gate=checked.gate))
        assert code != 0, (name, path.name, group, json.dumps(raw)[:300])


# -- hold until judged ---------------------------------------------------------------

# check kinds whose trigger is judged on the newest value of a series (or a check list):
# a newest value beyond the limit is a breach now, sustained or not
_NEWEST_KINDS = ("sustained_above", "group_sustained_above", "window_mean_above", "latest")


def _limit_of(spec: Mapping[str, Any], document: Mapping[str, Any]) -> float | None:
    """The limit a check compares with, from the policy data (the forms the gate reads)."""
    if "value" in spec:
        return float(spec["value"]) * float(spec.get("multiplier", 1))
    if "baseline" in spec:
        base = _newest(_at(document, str(spec["baseline"])))
        return None if base is None else base * (100 + float(spec["increase_percent"])) / 100
    if "field" in spec:
        return _newest(_at(document, str(spec["field"])))
    return None


def _at(document: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        document = document.get(part) if isinstance(document, Mapping) else None
    return document


def _newest(value: Any) -> float | None:
    if isinstance(value, list) and value and _is_number(value[-1]):
        return float(value[-1])
    return float(value) if _is_number(value) else None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _beyond(limit: float, compare: str, amount: float) -> float:
    """A value past ``limit`` (above or below) by ``amount`` of the room there is."""
    if compare == "below":
        return limit * (1 - amount)
    room = (1 - limit) if 0 < limit < 1 else max(abs(limit), 1.0)
    return limit + amount * room


def _series_paths(check: Mapping[str, Any], document: Any) -> list[tuple[str | int, ...]]:
    if check["kind"] == "group_sustained_above":
        return [
            (*path, metric)
            for path in _expand(document, f"{check['group']}.*")
            for metric in check["metrics"]
            if isinstance(_get(document, path), Mapping) and metric in _get(document, path)
        ]
    field = str(check.get("series") or check.get("field"))
    return _expand(document, field)


def _breached(
    data: st.DataObject, policy: PolicySet, path: Path, document: Any
) -> tuple[Any, str] | None:
    """``document`` with the newest value of one of its profile's triggers past its limit."""
    checks = policy.data["gatekeeper"]["profiles"]["rollout"][_kind(path) or ""]["checks"]
    candidates = [
        (name, check, target)
        for name, check in sorted(checks.items())
        if check["kind"] in _NEWEST_KINDS or check["kind"] == "trailing_false"
        for target in (
            _expand(document, str(check["flags"]))
            if check["kind"] == "trailing_false"
            else _series_paths(check, document)
        )
    ]
    if not candidates:
        return None
    name, check, target = data.draw(st.sampled_from(candidates))
    breached = copy.deepcopy(document)
    values = _get(breached, target)
    if check["kind"] == "trailing_false":
        if not isinstance(values, list) or not values:
            return None
        _set(breached, target, [*values[:-1], False])
        return breached, name
    limit = _limit_of(check["limit"], breached)
    if limit is None:
        return None
    amount = data.draw(st.sampled_from([0.01, 0.2, 0.5, 0.9]))
    value = _beyond(limit, str(check.get("compare", "above")), amount)
    if isinstance(values, list) and values:
        _set(breached, target, [*values[:-1], value])
    else:
        _set(breached, target, value)
    return breached, name


@PROPERTY_SETTINGS
@given(data=st.data())
def test_success_a_breached_trigger_never_steps_up(
    engines: Mapping[str, Engine], rule_set: PolicySet, data: st.DataObject
) -> None:
    """A canary whose newest value of any trigger is past its limit never gets
    promote_next_step: it holds (continue, with a warning) or the trigger fires."""
    path, document = data.draw(generated(ROLLOUT_PROFILE_NAMES))
    drawn = _breached(data, rule_set, path, document)
    assume(drawn is not None)
    assert drawn is not None
    breached, check = drawn
    checked = _checked(path, breached)
    assume(checked is not None)
    assert checked is not None
    for name, decision in _decide(engines, checked).items():
        assert decision["action"] != "promote_next_step", (name, path.name, check, decision)
