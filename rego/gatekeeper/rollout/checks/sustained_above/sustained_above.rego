# METADATA
# title: Sustained above a limit
# description: |
#   A series (per interval, newest last) stays above its limit for every interval of
#   the trailing window: ceil(minutes * 60 / interval_seconds) intervals, and the series
#   has at least that many. A series that is above its limit throughout but shorter
#   than the window cannot tell: MISSING_EVIDENCE naming it, never "no violation".
#   Serves the sustained triggers of decision-matrix (error
#   rate, p99 latency against its baseline) and of blue-green (error rate, response
#   time, memory, CPU).
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION, MISSING_EVIDENCE]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
package gatekeeper.rollout.checks.sustained_above

import data.gatekeeper.lib.path
import data.gatekeeper.lib.runs
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
import data.gatekeeper.lib.window
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check of kind sustained_above whose window is sustained.
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION]
#   spec: "SPEC 3 triggers 1-2; SPEC 4 seed 004"
findings contains f if {
	some name, check in context.checks
	check.kind == "sustained_above"
	values := path.value(input, check.series)
	series.is_series(values)
	limit := context.limits[name]
	run := runs.above(values, limit)
	run >= window.intervals(check.minutes, context.interval_seconds)
	observed := series.latest(values)
	message := sprintf("%s %s > %s%s for %v min", [
		check.label,
		text.number(observed, check.unit),
		text.number(limit, check.unit),
		_baseline_note(check.limit, check.unit),
		window.minutes(run, context.interval_seconds),
	])
	f := context.finding(name, check, "trigger", {"message": message, "observed": observed, "threshold": limit})
}

# METADATA
# title: Window not covered
# description: |
#   A series above its limit in every interval but shorter than the window: the window
#   cannot be judged, which is missing evidence (the field names the series).
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 4: sustained N minutes; a window the series cannot cover is missing evidence"
findings contains f if {
	some name, check in context.checks
	check.kind == "sustained_above"
	values := path.value(input, check.series)
	series.is_series(values)
	needed := window.intervals(check.minutes, context.interval_seconds)
	count(values) < needed
	runs.above(values, context.limits[name]) == count(values)
	f := uncovered(name, check.series, count(values), needed)
}

# METADATA
# title: Uncovered window finding
# description: MISSING_EVIDENCE for a series that covers n of the needed intervals.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 4: sustained N minutes; a window the series cannot cover is missing evidence"
uncovered(name, field, n, needed) := object.union(context.missing(name, field), {"message": sprintf(
	"missing evidence: %s covers %v min of the %v min sustain window",
	[field, window.minutes(n, context.interval_seconds), window.minutes(needed, context.interval_seconds)],
)})

_baseline_note(spec, unit) := sprintf(" (baseline %s + %v%%)", [
	text.number(series.latest(path.value(input, spec.baseline)), unit),
	spec.increase_percent,
]) if {
	spec.increase_percent
}

_baseline_note(spec, _) := "" if not spec.increase_percent
