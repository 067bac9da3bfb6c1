# METADATA
# title: Latest value beyond a limit
# description: |
#   The newest value of a series (or a single number) above or below its limit, with
#   no sustain window: the gray-scale error spike, latency spike and daily cost budget
#   (above) and security pass rate (below).
# custom:
#   codes: [ERROR_SPIKE, LATENCY_SPIKE, COST_BUDGET, SECURITY_FAILURE]
#   requirements: [GRAY-AUTO-02, GRAY-AUTO-03, GRAY-AUTO-04, GRAY-AUTO-05]
package gatekeeper.rollout.checks.latest

import data.gatekeeper.lib.path
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check of kind latest whose newest value is beyond the limit.
# custom:
#   codes: [ERROR_SPIKE, LATENCY_SPIKE, COST_BUDGET, SECURITY_FAILURE]
#   requirements: [GRAY-AUTO-02, GRAY-AUTO-03, GRAY-AUTO-04, GRAY-AUTO-05]
findings contains f if {
	some name, check in context.checks
	check.kind == "latest"
	observed := series.latest(path.value(input, check.field))
	limit := context.limits[name]
	is_beyond(check.compare, observed, limit)
	message := sprintf("%s %s %s %s", [
		check.label,
		text.number(observed, check.unit),
		_sign[check.compare],
		text.number(limit, check.unit),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": limit})
}

# METADATA
# scope: document
# title: Beyond the limit
# description: Above (value > limit) or below (value < limit).
# custom:
#   requirements: [GRAY-AUTO-02, GRAY-AUTO-03, GRAY-AUTO-04, GRAY-AUTO-05]
is_beyond("above", value, limit) if value > limit

is_beyond("below", value, limit) if value < limit

_sign := {"above": ">", "below": "<"}
