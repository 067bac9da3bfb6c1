# METADATA
# title: Value in a set of trigger values
# description: |
#   A categorical input equals one of the trigger values in data
#   (drift severity "critical" in Rollback Strategies).
# custom:
#   codes: [CRITICAL_DRIFT]
#   requirements: [REG-DRIFT-01]
package gatekeeper.rollout.checks.matches

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose input value is a trigger value.
# custom:
#   codes: [CRITICAL_DRIFT]
#   requirements: [REG-DRIFT-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "matches"
	observed := path.value(input, check.field)
	observed in check.values
	message := sprintf("%s is %v", [check.label, observed])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": check.values})
}
