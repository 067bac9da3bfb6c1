# METADATA
# title: Latest value beyond a limit
# description: |
#   The newest value of a series (or a single number) above or below its limit, no
#   sustain window: gray-scale error spike (> 10%), latency spike (p95 > 3 x 3000 ms),
#   daily cost over budget (above) and security pass rate (< 95%, below).
# custom:
#   codes: [ERROR_SPIKE, LATENCY_SPIKE, COST_BUDGET, SECURITY_FAILURE]
#   spec: "SPEC 4: seed 003 automatic rollback during gray-scale"
package gatekeeper.rollout.checks.latest

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check of kind latest whose newest value is beyond the limit.
# custom:
#   codes: [ERROR_SPIKE, LATENCY_SPIKE, COST_BUDGET, SECURITY_FAILURE]
#   spec: "SPEC 4: seed 003 automatic rollback during gray-scale"
findings contains f if {
	some name, observed in fired
	check := context.checks[name]
	lim := context.limits[name]
	threshold := series.limit_value(lim.base, lim.percent)
	message := sprintf("%s %s %s %s", [
		check.label,
		series.show_in(observed, check.unit),
		_sign[check.compare],
		series.show_in(threshold, check.unit),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": threshold})
}

# METADATA
# title: Fired checks
# description: |
#   Check name -> newest value, for every latest check beyond its limit. Kept apart from
#   the message: regopy 1.5.2 evaluates a body's assignments before a failed comparison
#   stops it, so messages are built only for checks that fire.
# custom:
#   spec: "SPEC 4: seed 003 automatic rollback during gray-scale"
fired[name] := observed if {
	some name, check in context.checks
	check.kind == "latest"
	observed := series.latest(series.at(input, check.field))
	lim := context.limits[name]
	beyond(check.compare, observed, lim)
}

# METADATA
# scope: document
# title: Beyond the limit
# description: Above (value > limit) or below (value < limit), exact in fixed point.
# custom:
#   spec: "SPEC 4: seed 003 comparisons"
beyond("above", v, lim) if series.exceeds(v, lim.base, lim.percent)

beyond("below", v, lim) if series.falls_below(v, lim.base, lim.percent)

_sign := {"above": ">", "below": "<"}
