# METADATA
# title: Mean over a window above a limit
# description: |
#   Once the series covers the window (minutes * 60 / interval_seconds intervals, rounded
#   up), the mean of its trailing window is compared with the limit: the CI/CD
#   gate waits, then reads the error rate over the last minutes
#   (rate(http_errors[5m]) after sleep 300) and rolls back above the limit. A series
#   that does not cover the window yet is not judged (class "unjudged"), and a newest
#   value over the limit that has not yet moved the mean over it is a breach not yet
#   sustained (class "hold"): both hold the phase, never a step up.
# custom:
#   codes: [ERROR_RATE]
#   requirements: [REG-CICD-01]
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
#   requirements: [REG-CICD-01]
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

# METADATA
# title: Held breaches
# description: |
#   The newest value is over the limit but the window's mean is not (or the window is
#   not covered yet): minutes_left is how long the newest value must hold for the mean
#   of a covered window to go over the limit.
# custom:
#   requirements: [GK-HOLD-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "window_mean_above"
	values := path.value(input, check.series)
	series.is_series(values)
	n := window.intervals(check.minutes, context.interval_seconds)
	limit := context.limits[name]
	observed := series.latest(values)
	observed > limit
	not _mean_over(values, n, limit, observed, 0)
	k := min({k | some k in numbers.range(1, n); _mean_over(values, n, limit, observed, k)})
	left := window.minutes(k, context.interval_seconds)
	message := sprintf("%s %s > %s (newest), %s", [
		check.label,
		text.number(observed, check.unit),
		text.number(limit, check.unit),
		_progress(check, values, n),
	])
	detail := {"message": message, "observed": observed, "threshold": limit, "extra": {"minutes_left": left}}
	f := context.held(name, check, "hold", detail, sprintf("in %v min if it stays there", [left]))
}

# METADATA
# title: Unjudged windows
# description: A series shorter than the window whose newest value is within the limit is not judged yet.
# custom:
#   requirements: [GK-HOLD-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "window_mean_above"
	values := path.value(input, check.series)
	series.is_series(values)
	n := window.intervals(check.minutes, context.interval_seconds)
	count(values) < n
	limit := context.limits[name]
	observed := series.latest(values)
	observed <= limit
	left := window.minutes(n - count(values), context.interval_seconds)
	message := sprintf("%s not judged yet: %s", [check.label, _progress(check, values, n)])
	detail := {"message": message, "observed": observed, "threshold": limit, "extra": {"minutes_left": left}}
	f := context.held(name, check, "unjudged", detail, sprintf("in %v min", [left]))
}

# The mean of a covered window is over the limit after k more intervals at value x.
_mean_over(values, n, limit, x, k) if {
	count(values) + k >= n
	decimal.exact((sum(series.newest(values, n - k)) + (k * x)) / n) > limit
}

_progress(_, values, n) := sprintf("%v of %v min observed", [
	window.minutes(count(values), context.interval_seconds),
	window.minutes(n, context.interval_seconds),
]) if {
	count(values) < n
}

_progress(check, values, n) := sprintf("mean %s over the last %v min", [
	text.number(decimal.exact(sum(series.newest(values, n)) / n), check.unit),
	window.minutes(n, context.interval_seconds),
]) if {
	count(values) >= n
}
