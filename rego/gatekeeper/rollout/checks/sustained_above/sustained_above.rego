# METADATA
# title: Sustained above a limit
# description: |
#   A series (per interval, newest last) stays above its limit for every interval of
#   the trailing window: ceil(minutes * 60 / interval_seconds) intervals, and the series
#   has at least that many. A series that is above its limit throughout but shorter
#   than the window cannot tell: MISSING_EVIDENCE naming it, never "no violation".
#   A newest value over the limit whose run is shorter than the window is a breach not
#   yet sustained (class "hold"); a series shorter than the window with its newest value
#   within the limit is not judged yet (class "unjudged"): both hold the phase.
#   Serves the sustained triggers of decision-matrix (error
#   rate, p99 latency against its baseline) and of blue-green (error rate, response
#   time, memory, CPU).
# custom:
#   codes: [ERROR_RATE, P99_LATENCY, RESPONSE_TIME, MEMORY_EXHAUSTION, CPU_EXHAUSTION, MISSING_EVIDENCE]
#   requirements: [ROLL-TRIG-01, ROLL-TRIG-02, BG-TRIG-02]
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
#   requirements: [ROLL-TRIG-01, ROLL-TRIG-02, BG-TRIG-02]
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
#   requirements: [GK-SERIES-01]
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
# title: Held and unjudged windows
# description: |
#   A breach not yet sustained, or a window the series does not cover yet: the phase
#   is held (docs/rollout-profiles.md, Hold until judged).
# custom:
#   requirements: [GK-HOLD-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "sustained_above"
	values := path.value(input, check.series)
	series.is_series(values)
	f := held(name, check, check.label, values, context.limits[name], {})
}

# METADATA
# scope: document
# title: Held finding of a sustained series
# description: |
#   For a series against its limit: "hold" when the newest value is over the limit and
#   its run is shorter than the window (message: how long, extra minutes_left: how long
#   until it is sustained), "unjudged" when the newest value is within the limit and the
#   series is shorter than the window; undefined otherwise.
# custom:
#   requirements: [GK-HOLD-01]
held(name, check, subject, values, limit, extra) := f if {
	observed := series.latest(values)
	observed > limit
	needed := window.intervals(check.minutes, context.interval_seconds)
	run := runs.above(values, limit)
	run < needed
	left := window.minutes(needed - run, context.interval_seconds)
	message := sprintf("%s %s > %s%s, sustained %v of %v min", [
		subject,
		text.number(observed, check.unit),
		text.number(limit, check.unit),
		_baseline_note(check.limit, check.unit),
		window.minutes(run, context.interval_seconds),
		window.minutes(needed, context.interval_seconds),
	])
	detail := {
		"message": message,
		"observed": observed,
		"threshold": limit,
		"extra": object.union(extra, {"minutes_left": left}),
	}
	f := context.held(name, check, "hold", detail, sprintf("in %v min if it stays above", [left]))
}

held(name, check, subject, values, limit, extra) := f if {
	observed := series.latest(values)
	observed <= limit
	needed := window.intervals(check.minutes, context.interval_seconds)
	count(values) < needed
	left := window.minutes(needed - count(values), context.interval_seconds)
	message := sprintf("%s not judged yet: %v of %v min observed", [
		subject,
		window.minutes(count(values), context.interval_seconds),
		window.minutes(needed, context.interval_seconds),
	])
	detail := {
		"message": message,
		"observed": observed,
		"threshold": limit,
		"extra": object.union(extra, {"minutes_left": left}),
	}
	f := context.held(name, check, "unjudged", detail, sprintf("in %v min", [left]))
}

# METADATA
# title: Uncovered window finding
# description: MISSING_EVIDENCE for a series that covers n of the needed intervals.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-SERIES-01]
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
