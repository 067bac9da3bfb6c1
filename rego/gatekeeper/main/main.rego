# METADATA
# title: gatekeeper entrypoint
# description: |
#   The one entrypoint of every gate: dispatches on input.gate to the gate package's
#   `decision`. A missing gate with version.state == "shadow" is a promotion
#   input (the shape of the example in Promotion and Rollback Procedures). An input no gate can judge is denied with
#   INVALID_INPUT naming the field, which the CLI maps to exit 2: never a pass.
#   Waivers in force (data.gatekeeper.waivers) are applied to the gate's decision here.
# custom:
#   codes:
#     - INVALID_INPUT
#   requirements: [GK-GATE-01, GK-CONTRACT-01]
#   entrypoint: "gatekeeper/main/decision"
package gatekeeper.main

import data.gatekeeper.exceptions
import data.gatekeeper.lib.result

# METADATA
# title: Decision
# description: The decision object of the gate the input names.
# scope: document
# entrypoint: true
# custom:
#   requirements: [GK-GATE-01]
decision := exceptions.applied(_gate_decision) if _has_gate_decision

decision := _invalid if not _has_gate_decision

# METADATA
# title: Gate
# description: input.gate, or "promotion" when gate is absent and version.state is "shadow".
# scope: document
# custom:
#   requirements: [GK-GATE-01, PROM-INPUT-01]
gate := input.gate

gate := "promotion" if {
	not input.gate
	input.version.state == "shadow"
}

_gate_decision := data.gatekeeper.promotion.decision if gate == "promotion"

_gate_decision := data.gatekeeper.rollout.decision if gate == "rollout"

_gate_decision := data.gatekeeper.approval.decision if gate == "approval"

# A gate package that gives no decision object is refused, never a silent pass.
_has_gate_decision if is_object(_gate_decision)

_invalid := result.decision(_observed_gate, "deny", {"violations": [object.union(
	result.violation("INVALID_INPUT", _problem, _observed_gate, null, "main.gate", "critical"),
	{"field": "gate"},
)]})

default _observed_gate := null

_observed_gate := input.gate

_problem := "input must be a JSON object" if not is_object(input)

_problem := "gate is missing (expected promotion, rollout or approval)" if {
	is_object(input)
	_observed_gate == null
}

_problem := sprintf("unknown gate %v (expected promotion, rollout or approval)", [_observed_gate]) if {
	_observed_gate != null
}
