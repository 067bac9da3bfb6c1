# METADATA
# title: Failed measurements over a failure limit
# description: |
#   Each value of a series is one measurement (seed 001: one a minute); a value below
#   the success condition fails; the analysis fails when the failed measurements exceed
#   the failure limit (Argo's failureLimit: 3 -> the 4th failure fails the analysis).
# custom:
#   codes: [SUCCESS_RATE_ANALYSIS_FAILED]
#   spec: "SPEC 4: seed 001 success rate >= 0.99, failure limit 3"
package gatekeeper.rollout.checks.count_below

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose failed measurements exceed the failure limit.
# custom:
#   codes: [SUCCESS_RATE_ANALYSIS_FAILED]
#   spec: "SPEC 4: seed 001 success-rate analysis"
findings contains f if {
	some name, failed in fired
	check := context.checks[name]
	values := series.at(input, check.series)
	lim := context.limits[name]
	message := sprintf("%v of %v %s measurements < %s (failure limit %v)", [
		failed,
		count(values),
		check.label,
		series.show_in(series.limit_value(lim.base, lim.percent), check.unit),
		check.failure_limit,
	])
	detail := {"message": message, "observed": failed, "threshold": check.failure_limit}
	f := context.finding(name, check, "trigger", detail)
}

# METADATA
# title: Fired checks
# description: |
#   Check name -> failed measurements, for every count_below check over its failure
#   limit. Kept apart from the message: regopy 1.5.2 evaluates a body's assignments
#   before a failed comparison stops it.
# custom:
#   spec: "SPEC 4: seed 001 success-rate analysis"
fired[name] := failed if {
	some name, check in context.checks
	check.kind == "count_below"
	values := series.at(input, check.series)
	series.is_series(values)
	lim := context.limits[name]
	failed := series.count_below(values, lim.base, lim.percent)
	failed > check.failure_limit
}
