# Decision allowed for the trigger type (part of package gatekeeper.approval, see approval.rego).
package gatekeeper.approval

import data.gatekeeper.lib.result

# METADATA
# title: Decision not allowed for the trigger type
# description: |
#   A known decision that the trigger type does not allow (operational_anomaly allows only
#   rollback). The allowed decisions per trigger type are data.gatekeeper.authority.decisions.
# custom:
#   code: INVALID_DECISION
#   requirements: [ROLL-TRIG-06, GK-APPROVAL-01]
violations contains object.union(
	result.violation(
		"INVALID_DECISION",
		concat("", [
			sprintf("decision %v is not allowed for trigger type %v (allowed: ", [input.decision, input.trigger_type]),
			concat(", ", allowed), ")",
		]),
		input.decision, allowed, "approval.invalid_decision", "critical",
	),
	{"field": "decision"},
) if {
	input.decision in _known_decisions
	allowed := data.gatekeeper.authority.decisions[input.trigger_type]
	not input.decision in allowed
}

_known_decisions contains decision if {
	some decisions in data.gatekeeper.authority.decisions
	some decision in decisions
}
