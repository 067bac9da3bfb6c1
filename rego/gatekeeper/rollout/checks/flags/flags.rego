# METADATA
# title: Named gates that must all pass
# description: |
#   An object of named boolean gates; any gate that is not true fails and is named
#   (decision-matrix success gates). A non-boolean value counts as failed (fail closed).
# custom:
#   codes: [SUCCESS_GATE_FAILURE]
#   requirements: [ROLL-TRIG-04]
package gatekeeper.rollout.checks.flags

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per gate that is not true.
# custom:
#   codes: [SUCCESS_GATE_FAILURE]
#   requirements: [ROLL-TRIG-04]
findings contains f if {
	some name, check in context.checks
	check.kind == "flags"
	gates := path.value(input, check.flags)
	is_object(gates)
	some gate, value in gates
	value != true
	message := sprintf("%s %s failed", [check.label, gate])
	detail := {"message": message, "observed": value, "threshold": true, "extra": {check.member_key: gate}}
	f := context.finding(name, check, "trigger", detail)
}
