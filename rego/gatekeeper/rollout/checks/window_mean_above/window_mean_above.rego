# METADATA
# title: Mean over a window above a limit
# description: |
#   Once the series covers the window (minutes * 60 / interval_seconds intervals, rounded
#   up), the mean of its trailing window is compared with the limit: seed 001's CI/CD
#   gate waits, then reads the error rate over the last minutes
#   (rate(http_errors[5m]) after sleep 300) and rolls back above the limit. A series
#   that does not cover the window yet is not judged.
# custom:
#   codes: [ERROR_RATE]
#   spec: "Seed 001: CI/CD pipeline automatic rollback trigger"
package gatekeeper.rollout.checks.window_mean_above

import data.gatekeeper.lib.decimal
import data.gatekeeper.lib.path
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
import data.gatekeeper.lib.window
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose window mean is above the limit.
# custom:
#   codes: [ERROR_RATE]
#   spec: "Seed 001: CI/CD pipeline automatic rollback trigger"
findings contains f if {
	some name, check in context.checks
	check.kind == "window_mean_above"
	values := path.value(input, check.series)
	series.is_series(values)
	n := window.intervals(check.minutes, context.interval_seconds)
	count(values) >= n
	mean := decimal.exact(sum(series.newest(values, n)) / n)
	limit := context.limits[name]
	mean > limit
	message := sprintf("%s %s > %s over the last %v min", [
		check.label,
		text.number(mean, check.unit),
		text.number(limit, check.unit),
		window.minutes(n, context.interval_seconds),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": mean, "threshold": limit})
}
