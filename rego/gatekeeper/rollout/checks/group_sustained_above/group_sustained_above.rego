# METADATA
# title: Any member sustained above a limit
# description: |
#   Like sustained_above, for every member of a group (shards) and every metric of a
#   member (cpu, memory). The finding names the member and the metric; a member without
#   a metric series, or whose series is above the limit throughout but shorter than the
#   window, is MISSING_EVIDENCE. A member's breach not yet sustained, or a member series
#   shorter than the window, holds the phase (sustained_above.held).
# custom:
#   codes: [RESOURCE_EXHAUSTION, MISSING_EVIDENCE]
#   requirements: [ROLL-TRIG-03]
package gatekeeper.rollout.checks.group_sustained_above

import data.gatekeeper.lib.path
import data.gatekeeper.lib.runs
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
import data.gatekeeper.lib.window
import data.gatekeeper.rollout.checks.sustained_above
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per member and metric whose window is sustained.
# custom:
#   codes: [RESOURCE_EXHAUSTION]
#   requirements: [ROLL-TRIG-03]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	some member, metrics in path.value(input, check.group)
	some metric in check.metrics
	values := metrics[metric]
	series.is_series(values)
	limit := context.limits[name]
	run := runs.above(values, limit)
	run >= window.intervals(check.minutes, context.interval_seconds)
	observed := series.latest(values)
	message := sprintf("%s %s %s %s > %s for %v min", [
		check.label,
		member,
		metric,
		text.number(observed, check.unit),
		text.number(limit, check.unit),
		window.minutes(run, context.interval_seconds),
	])
	extra := {check.member_key: member, "metric": metric}
	detail := {"message": message, "observed": observed, "threshold": limit, "extra": extra}
	f := context.finding(name, check, "trigger", detail)
}

# METADATA
# title: Member window not covered
# description: A member series above the limit throughout but shorter than the window fails closed.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-SERIES-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	some member, metrics in path.value(input, check.group)
	some metric in check.metrics
	values := metrics[metric]
	series.is_series(values)
	needed := window.intervals(check.minutes, context.interval_seconds)
	count(values) < needed
	runs.above(values, context.limits[name]) == count(values)
	f := sustained_above.uncovered(name, sprintf("%s.%s.%s", [check.group, member, metric]), count(values), needed)
}

# METADATA
# title: Missing member series
# description: A member of the group without a series for a watched metric fails closed.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-EVID-02]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	group := path.value(input, check.group)
	is_object(group)
	some member, metrics in group
	some metric in check.metrics
	not series.is_series(object.get(metrics, metric, null))
	f := context.missing(name, sprintf("%s.%s.%s", [check.group, member, metric]))
}

# METADATA
# title: Held and unjudged member windows
# description: A member's breach not yet sustained, or a member window not covered yet, holds the phase.
# custom:
#   requirements: [GK-HOLD-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	some member, metrics in path.value(input, check.group)
	some metric in check.metrics
	values := metrics[metric]
	series.is_series(values)
	subject := sprintf("%s %s %s", [check.label, member, metric])
	extra := {check.member_key: member, "metric": metric}
	f := sustained_above.held(name, check, subject, values, context.limits[name], extra)
}
