# METADATA
# title: Sustained above a limit
# description: |
#   A series (per interval, newest last) stays above its limit for every interval of
#   the trailing window: ceil(minutes * 60 / interval_seconds) intervals, and the series
#   has at least that many. Serves error rate (> 0.5% for 2 min) and p99 latency
#   (> baseline + 15% for 5 min) in decision-matrix, and the error-rate, response-time,
#   memory and CPU triggers of blue-green.
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, ERROR_RATE_SUSTAINED, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
package gatekeeper.rollout.checks.sustained_above

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check of kind sustained_above whose window is sustained.
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, ERROR_RATE_SUSTAINED, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
findings contains f if {
	some name, check in context.of_kind(context.checks, "sustained_above")
	values := series.at(input, check.series)
	series.is_series(values)
	lim := context.limit(check.limit, {"doc": input, "env": context.environment_or_null, "baseline": null})
	run := series.trailing_above(values, lim.base, lim.percent)
	run >= series.intervals(check.minutes, context.interval_seconds)
	observed := series.latest(values)
	threshold := series.limit_value(lim.base, lim.percent)
	message := sprintf("%s %s > %s%s for %v min", [
		check.label,
		series.show_in(observed, check.unit),
		series.show_in(threshold, check.unit),
		_baseline_note(check.limit, lim.base, check.unit),
		series.minutes_of(run, context.interval_seconds),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": threshold})
}

_baseline_note(spec, base, unit) := note if {
	spec.increase_percent
	note := sprintf(" (baseline %s + %v%%)", [series.show_in(base, unit), spec.increase_percent])
}

_baseline_note(spec, _, _) := "" if not spec.increase_percent
