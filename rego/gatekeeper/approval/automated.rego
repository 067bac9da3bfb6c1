# Automated decision (part of package gatekeeper.approval, see approval.rego).
package gatekeeper.approval

import data.gatekeeper.lib.result

# METADATA
# title: Automated decision
# description: |
#   The automated row belongs to System at every phase: a person can never approve it,
#   whatever roles the roster gives them.
# custom:
#   code: AUTOMATED_DECISION
#   requirements: [ROLL-AUTH-02]
violations contains result.violation(
	"AUTOMATED_DECISION",
	concat("", [
		sprintf("%v decisions for trigger type %v are taken by ", [input.decision, input.trigger_type]),
		concat(", ", required_roles), " only, not by people",
	]),
	input.trigger_type, required_roles, "approval.automated_decision", "critical",
) if {
	is_system_cell
}
