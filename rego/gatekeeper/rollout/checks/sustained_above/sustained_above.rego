# METADATA
# title: Sustained above a limit
# description: |
#   A series (per interval, newest last) stays above its limit for every interval of
#   the trailing window: ceil(minutes * 60 / interval_seconds) intervals, and the series
#   has at least that many. Serves error rate (> 0.5% for 2 min) and p99 latency
#   (> baseline + 15% for 5 min) in decision-matrix, and the error-rate, response-time,
#   memory and CPU triggers of blue-green.
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
package gatekeeper.rollout.checks.sustained_above

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check of kind sustained_above whose window is sustained.
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
findings contains f if {
	some name, run in sustained
	check := context.checks[name]
	lim := context.limits[name]
	observed := series.latest(series.at(input, check.series))
	threshold := series.limit_value(lim.base, lim.percent)
	message := sprintf("%s %s > %s%s for %s min", [
		check.label,
		series.show_in(observed, check.unit),
		series.show_in(threshold, check.unit),
		_baseline_note(check.limit, lim.base, check.unit),
		series.show_minutes(run, context.interval_seconds),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": threshold})
}

# METADATA
# title: Sustained runs
# description: |
#   Check name -> the trailing run (intervals) of every check whose window is sustained.
#   Kept apart from the message: regopy 1.5.2 does not stop a rule body at a failed
#   comparison before it has evaluated the assignments, so messages are built only here.
# custom:
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
sustained[name] := run if {
	some name, values in hot
	check := context.checks[name]
	lim := context.limits[name]
	window := series.intervals(check.minutes, context.interval_seconds)
	run := series.sustained_run(values, lim.base, lim.percent, window)
	run >= window
}

# METADATA
# title: Series over the limit now
# description: |
#   Check name -> its series, for every check whose newest value exceeds the limit: the
#   only ones that can be sustained. A healthy series is not scanned (regopy 1.5.2 charges
#   0.2-2 ms per function call).
# custom:
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
hot[name] := values if {
	some name, check in context.checks
	check.kind == "sustained_above"
	values := series.at(input, check.series)
	series.is_series(values)
	n := count(values)
	lim := context.limits[name]
	series.exceeds(values[n - 1], lim.base, lim.percent)
}

_baseline_note(spec, base, unit) := note if {
	spec.increase_percent
	note := sprintf(" (baseline %s + %v%%)", [series.show_in(base, unit), spec.increase_percent])
}

_baseline_note(spec, _, _) := "" if not spec.increase_percent
