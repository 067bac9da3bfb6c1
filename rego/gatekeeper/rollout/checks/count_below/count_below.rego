# METADATA
# title: Failed measurements over a failure limit
# description: |
#   Each value of a series is one measurement (Rollback Strategies: one a minute); a value below
#   the success condition fails; the analysis fails when the failed measurements exceed
#   the failure limit (as Argo's failureLimit: one failure more than the limit fails it).
# custom:
#   codes: [SUCCESS_RATE_ANALYSIS_FAILED]
#   requirements: [REG-ANALYSIS-01]
package gatekeeper.rollout.checks.count_below

import data.gatekeeper.lib.path
import data.gatekeeper.lib.runs
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose failed measurements exceed the failure limit.
# custom:
#   codes: [SUCCESS_RATE_ANALYSIS_FAILED]
#   requirements: [REG-ANALYSIS-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "count_below"
	values := path.value(input, check.series)
	series.is_series(values)
	limit := context.limits[name]
	failed := runs.count_below(values, limit)
	failed > check.failure_limit
	message := sprintf("%v of %v %s measurements < %s (failure limit %v)", [
		failed,
		count(values),
		check.label,
		text.number(limit, check.unit),
		check.failure_limit,
	])
	detail := {"message": message, "observed": failed, "threshold": check.failure_limit}
	f := context.finding(name, check, "trigger", detail)
}
