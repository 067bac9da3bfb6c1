# METADATA
# title: Any member sustained above a limit
# description: |
#   Like sustained_above, for every member of a group (shards) and every metric of a
#   member (cpu, memory): any shard over 95% CPU or memory for 3+ minutes. The finding
#   names the member and the metric; a member without a metric series is MISSING_EVIDENCE.
# custom:
#   codes: [RESOURCE_EXHAUSTION, MISSING_EVIDENCE]
#   spec: "SPEC 3 trigger 3: resource exhaustion"
package gatekeeper.rollout.checks.group_sustained_above

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per member and metric whose window is sustained.
# custom:
#   codes: [RESOURCE_EXHAUSTION]
#   spec: "SPEC 3 trigger 3: resource exhaustion"
findings contains f if {
	some name, check in context.of_kind(context.checks, "group_sustained_above")
	group := series.at(input, check.group)
	some member, metrics in group
	some metric in check.metrics
	values := metrics[metric]
	series.is_series(values)
	lim := context.limit(check.limit, {"doc": input, "env": context.environment_or_null, "baseline": null})
	run := series.trailing_above(values, lim.base, lim.percent)
	run >= series.intervals(check.minutes, context.interval_seconds)
	observed := series.latest(values)
	threshold := series.limit_value(lim.base, lim.percent)
	message := sprintf("%s %s %s %s > %s for %v min", [
		check.label,
		member,
		metric,
		series.show_in(observed, check.unit),
		series.show_in(threshold, check.unit),
		series.minutes_of(run, context.interval_seconds),
	])
	extra := {check.member_key: member, "metric": metric}
	detail := {"message": message, "observed": observed, "threshold": threshold, "extra": extra}
	f := context.finding(name, check, "trigger", detail)
}

# METADATA
# title: Missing member series
# description: A member of the group without a series for a watched metric fails closed.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 6: missing evidence -> MISSING_EVIDENCE, pause_evaluation"
findings contains f if {
	some name, check in context.of_kind(context.checks, "group_sustained_above")
	group := series.at(input, check.group)
	is_object(group)
	some member, metrics in group
	some metric in check.metrics
	not series.is_series(object.get(metrics, metric, null))
	field := sprintf("%s.%s.%s", [check.group, member, metric])
	f := context.missing(name, field)
}
