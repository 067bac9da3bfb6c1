"""Steps every gate shares: the decision, and what to check in it.

"When the rollout gate decides" renders the scenario's input and asks the
scenario's engine (see ``plugin.py``); the Then steps read the decision object of
The decision in plain words: the action, who it belongs to, the window, the
default action, the violations and warnings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pytest_bdd import given, parsers, then, when

from gatekeeper.bdd._inputs import GateInput, Path, dotted
from gatekeeper.bdd._phrases import EXTRA_TYPES, code_of, roles_of, split_list

Decision = dict[str, Any]


def _show(decision: Decision) -> str:
    return json.dumps(decision, indent=2, sort_keys=True)


def _codes(items: list[Any]) -> list[str]:
    return sorted(str(item.get("code")) for item in items if isinstance(item, dict))


def _expect(condition: bool, what: str, decision: Decision) -> None:
    if not condition:
        raise AssertionError(f"{what}\ndecision:\n{_show(decision)}")


def findings(decision: Decision, code: str, kind: str = "violations") -> list[dict[str, Any]]:
    """The violations (or warnings) of ``decision`` with code ``code``."""
    items = decision.get(kind) or []
    return [item for item in items if isinstance(item, dict) and item.get("code") == code]


def field_steps(fields: Mapping[str, str]) -> None:
    """A Given step per ``pattern: field`` setting the dotted ``field`` to the pattern's
    ``{value}``. Call it at module level: the steps belong to the calling module."""
    for pattern, field in fields.items():
        _field_step(pattern, dotted(field))


def _field_step(pattern: str, path: Path) -> None:
    # stacklevel=3: pytest-bdd registers the step fixture in the module calling field_steps.
    @given(parsers.parse(pattern, extra_types=EXTRA_TYPES), stacklevel=3)
    def _(gate_input: GateInput, value: Any) -> None:
        gate_input.set(path, value)


def absent_steps(fields: Mapping[str, str]) -> None:
    """A Given step per ``phrase: field`` removing the dotted ``field`` from the input."""
    for phrase, field in fields.items():
        _absent_step(phrase, dotted(field))


def _absent_step(phrase: str, path: Path) -> None:
    @given(phrase, stacklevel=3)
    def _(gate_input: GateInput) -> None:
        gate_input.remove(path)


def baseline_steps(fields: Mapping[str, str]) -> None:
    """A Given step per ``pattern: key`` setting ``canary.key`` to ``{value}`` and
    ``baseline.key`` to ``{base}``."""
    for pattern, key in fields.items():
        _baseline_step(pattern, key)


def _baseline_step(pattern: str, key: str) -> None:
    @given(parsers.parse(pattern, extra_types=EXTRA_TYPES), stacklevel=3)
    def _(gate_input: GateInput, value: Any, base: Any) -> None:
        gate_input.set(("canary", key), value)
        gate_input.set(("baseline", key), base)


@given(parsers.parse('the evidence "{field}" is missing'))
def _(gate_input: GateInput, field: str) -> None:
    gate_input.remove(dotted(field))


@given(parsers.parse('the input field "{field}" is "{value}"'))
def _(gate_input: GateInput, field: str, value: str) -> None:
    gate_input.set(dotted(field), value)


@when(
    parsers.re(r"the (?P<gate>promotion|rollout|approval) gate decides"),
    target_fixture="decision",
)
def _(gate_input: GateInput, gate: str, gatekeeper_decide: Callable[..., Decision]) -> Decision:
    decision = gatekeeper_decide(gate_input.render(), gate_input.roster, gate_input.waivers)
    _expect(decision.get("gate") == gate, f"expected a {gate} decision", decision)
    return decision


@then(parsers.parse("the action is {action}"))
def _(decision: Decision, action: str) -> None:
    expected = code_of(action)
    _expect(decision["action"] == expected, f"expected action {expected}", decision)


@then(parsers.re(r"the gate (?P<verdict>allows|blocks) it"))
def _(decision: Decision, verdict: str) -> None:
    _expect(decision["allow"] is (verdict == "allows"), f"expected the gate {verdict} it", decision)


@then(parsers.parse("the decision belongs to {roles}"))
def _(decision: Decision, roles: str) -> None:
    expected = sorted(roles_of(roles))
    actual = sorted(str(role) for role in decision.get("authority") or [])
    _expect(actual == expected, f"expected authority {expected}, got {actual}", decision)


@then(parsers.re(r"the decision window is (?P<window>none|\d+ minutes?)"))
def _(decision: Decision, window: str) -> None:
    expected = None if window == "none" else int(window.split()[0])
    actual = decision.get("decision_window_minutes")
    _expect(actual == expected, f"expected decision window {expected}, got {actual}", decision)


@then("there is no decision window")
def _(decision: Decision) -> None:
    _expect(decision.get("decision_window_minutes") is None, "expected no window", decision)


@then(parsers.parse("the default action is {action}"))
def _(decision: Decision, action: str) -> None:
    expected = None if action == "none" else code_of(action)
    actual = decision.get("default_action")
    _expect(actual == expected, f"expected default action {expected}, got {actual}", decision)


@then(parsers.re(r"the (?P<kind>violations|warnings) are (?P<codes>.+)"))
def _(decision: Decision, kind: str, codes: str) -> None:
    expected = [] if codes == "none" else sorted(split_list(codes))
    actual = _codes(decision.get(kind) or [])
    _expect(actual == expected, f"expected {kind} {expected}, got {actual}", decision)


@then(parsers.re(r"no (?P<kind>violation|warning) is reported"))
def _(decision: Decision, kind: str) -> None:
    actual = _codes(decision.get(f"{kind}s") or [])
    _expect(actual == [], f"expected no {kind}, got {actual}", decision)


@then(parsers.re(r"an? (?P<code>[A-Z][A-Z0-9_]+) (?P<kind>violation|warning) is reported"))
def _(decision: Decision, code: str, kind: str) -> None:
    _expect(bool(findings(decision, code, f"{kind}s")), f"expected a {code} {kind}", decision)


@then(
    parsers.re(
        r"the (?P<code>[A-Z][A-Z0-9_]+) (?P<kind>violation|warning) names \"(?P<text>[^\"]+)\""
    )
)
def _(decision: Decision, code: str, kind: str, text: str) -> None:
    found = findings(decision, code, f"{kind}s")
    _expect(
        any(text in str(item.get("message", "")) for item in found),
        f'expected a {code} {kind} whose message names "{text}"',
        decision,
    )


@then(
    parsers.re(
        r"the (?P<code>[A-Z][A-Z0-9_]+) (?P<kind>violation|warning) has (?P<key>\w+) "
        r"\"(?P<value>[^\"]*)\""
    )
)
def _(decision: Decision, code: str, kind: str, key: str, value: str) -> None:
    found = findings(decision, code, f"{kind}s")
    _expect(
        any(str(item.get(key)) == value for item in found),
        f'expected a {code} {kind} with {key} "{value}"',
        decision,
    )


@then(
    parsers.re(
        r"the (?P<code>[A-Z][A-Z0-9_]+) violation (?P<verb>lists|does not list) the next step "
        r"\"(?P<step>[^\"]+)\""
    )
)
def _(decision: Decision, code: str, verb: str, step: str) -> None:
    found = findings(decision, code)
    listed = any(
        step in str(next_step) for item in found for next_step in item.get("next_steps") or []
    )
    _expect(
        bool(found) and listed is (verb == "lists"),
        f'expected a {code} violation that {verb} the next step "{step}"',
        decision,
    )


@then(
    parsers.parse(
        "the {code} violation was observed at {observed:Number} against {limit:Number}",
        extra_types=EXTRA_TYPES,
    )
)
def _(decision: Decision, code: str, observed: float, limit: float) -> None:
    found = findings(decision, code)
    _expect(
        any(
            _close(item.get("observed"), observed) and _close(item.get("threshold"), limit)
            for item in found
        ),
        f"expected a {code} violation with observed {observed} and threshold {limit}",
        decision,
    )


def _close(actual: Any, expected: float) -> bool:
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return abs(float(actual) - expected) <= 1e-9 * max(1.0, abs(expected))
