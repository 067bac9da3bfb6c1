# METADATA
# title: Reported by a person
# description: |
#   A report object in the input ({"reported_by", "summary"}) is itself the trigger:
#   seed 002 trigger 6, an operational anomaly, goes to a person (any Sprint DRI).
# custom:
#   codes: [OPERATIONAL_ANOMALY]
#   spec: "SPEC 3 trigger 6: operational anomaly"
package gatekeeper.rollout.checks.reported

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose report is present.
# custom:
#   codes: [OPERATIONAL_ANOMALY]
#   spec: "SPEC 3 trigger 6: operational anomaly"
findings contains f if {
	some name, check in context.checks
	check.kind == "reported"
	report := path.value(input, check.field)
	is_object(report)
	by := object.get(report, "reported_by", "unknown")
	message := sprintf("%s reported by %v: %v", [check.label, by, object.get(report, "summary", "")])
	f := context.finding(name, check, "trigger", {"message": message, "observed": by, "threshold": null})
}
