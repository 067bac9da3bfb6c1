"""Steps of the promotion gate (docs/promotion-approval.md): a shadow version and its
checklist evidence."""

from __future__ import annotations

import copy

from pytest_bdd import given, parsers, then

from gatekeeper.bdd._inputs import GateInput
from gatekeeper.bdd._phrases import EXTRA_TYPES, split_list
from gatekeeper.bdd.steps_common import Decision, _codes, _expect, field_steps
from gatekeeper.models._examples import DOCUMENTED_PROMOTION, PASSING_EVIDENCE

CODES = r"[A-Z][A-Z0-9_]*(?:(?:, | and )[A-Z][A-Z0-9_]*)*"

# Plain-language evidence -> input field (docs/inputs.md, promotion input).
EVIDENCE_FIELDS = {
    "the shadow evaluation saw {value:Number} requests": "shadow.requests",
    "the shadow evaluation ran for {value:Number} hours": "shadow.duration_hours",
    "the gold-set security pass rate is {value:Number}": "gold_set.security_pass_rate",
    "the gold-set overall pass rate is {value:Number}": "gold_set.overall_pass_rate",
    "the accuracy p-value is {value:Number}": "statistical_tests.accuracy_p_value",
    "the accuracy delta is {value:Number}": "metrics.accuracy_delta",
    "the cost increase is {value:Number}": "metrics.cost_delta",
    "{value:Number} incidents are active on the target": "incidents.active",
    "the shadow p95 latency is {value:Number} ms": "metrics.p95_latency_ms",
    "the shadow error rate is {value:Number}": "metrics.error_rate",
    "the security pass rate is {value:Number}": "metrics.security_pass_rate",
}


@given("the procedures' example promotion input", target_fixture="gate_input")
def _() -> GateInput:
    return GateInput("promotion", copy.deepcopy(DOCUMENTED_PROMOTION))


@given("a shadow version that passes every checklist item", target_fixture="gate_input")
def _() -> GateInput:
    document = {"gate": "promotion", **copy.deepcopy(DOCUMENTED_PROMOTION)}
    document.pop("thresholds")
    document.update(copy.deepcopy(PASSING_EVIDENCE))
    return GateInput("promotion", document)


@given("the shadow, gold-set and incident evidence is added within limits")
def _(gate_input: GateInput) -> None:
    for section, values in PASSING_EVIDENCE.items():
        for key, value in values.items():
            gate_input.set((section, key), value)


field_steps(EVIDENCE_FIELDS)


@given(
    parsers.parse(
        "the input asks for a {name} threshold of {value:Number}", extra_types=EXTRA_TYPES
    )
)
def _(gate_input: GateInput, name: str, value: float) -> None:
    gate_input.set(("thresholds", name.replace(" ", "_")), value)


@then("the promotion is allowed")
def _(decision: Decision) -> None:
    _expect(
        decision["action"] == "promote"
        and decision["allow"] is True
        and not decision["violations"],
        "expected the promotion to be allowed with no violation",
        decision,
    )


@then(parsers.parse("the promotion is denied with {codes} for {fields}"))
def _(decision: Decision, codes: str, fields: str) -> None:
    _denied_with(decision, codes)
    expected = sorted(split_list(fields))
    named = sorted(str(item.get("field")) for item in decision["violations"])
    _expect(named == expected, f"expected violations naming {expected}, got {named}", decision)


@then(parsers.re(rf"the promotion is denied with (?P<codes>{CODES})"))
def _(decision: Decision, codes: str) -> None:
    _denied_with(decision, codes)


def _denied_with(decision: Decision, codes: str) -> None:
    expected = sorted(set(split_list(codes)))
    actual = sorted(set(_codes(decision["violations"])))
    _expect(
        decision["action"] == "deny" and decision["allow"] is False,
        "expected the promotion to be denied",
        decision,
    )
    _expect(actual == expected, f"expected exactly {expected}, got {actual}", decision)
