# METADATA
# title: Reported by a person
# description: |
#   A report object in the input ({"reported_by", "summary"}, optionally "reason") is
#   itself the trigger: trigger 6 of Sprint #1: Rollback Plan & Procedures, an operational
#   anomaly, and the manual rollback triggers of MVP-011: Rollback Playbook go to a person.
# custom:
#   codes: [OPERATIONAL_ANOMALY, MANUAL_ROLLBACK_TRIGGER]
#   requirements: [ROLL-TRIG-06, BG-MANUAL-01]
package gatekeeper.rollout.checks.reported

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose report is present.
# custom:
#   codes: [OPERATIONAL_ANOMALY, MANUAL_ROLLBACK_TRIGGER]
#   requirements: [ROLL-TRIG-06, BG-MANUAL-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "reported"
	report := path.value(input, check.field)
	is_object(report)
	by := object.get(report, "reported_by", "unknown")
	message := sprintf("%s%s reported by %v: %v", [check.label, _reason(report), by, object.get(report, "summary", "")])
	f := context.finding(name, check, "trigger", {"message": message, "observed": by, "threshold": null})
}

_reason(report) := sprintf(" (%v)", [report.reason]) if report.reason

_reason(report) := "" if not report.reason
