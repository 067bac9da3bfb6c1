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
	some x in sustained
	check := context.checks[x.name]
	lim := context.limits[x.name]
	observed := series.latest(x.values)
	threshold := series.limit_value(lim.base, lim.percent)
	message := sprintf("%s %s %s %s > %s for %s min", [
		check.label,
		x.member,
		x.metric,
		series.show_in(observed, check.unit),
		series.show_in(threshold, check.unit),
		series.show_minutes(x.run, context.interval_seconds),
	])
	extra := {check.member_key: x.member, "metric": x.metric}
	detail := {"message": message, "observed": observed, "threshold": threshold, "extra": extra}
	f := context.finding(x.name, check, "trigger", detail)
}

# METADATA
# title: Missing member series
# description: A member of the group without a series for a watched metric fails closed.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 6: missing evidence -> MISSING_EVIDENCE, pause_evaluation"
findings contains f if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	group := series.at(input, check.group)
	is_object(group)
	some member, metrics in group
	some metric in check.metrics
	not series.is_series(object.get(metrics, metric, null))
	field := sprintf("%s.%s.%s", [check.group, member, metric])
	f := context.missing(name, field)
}

# METADATA
# title: Sustained member runs
# description: |
#   Every member and metric whose window is sustained, with its run. Kept apart from the
#   message: regopy 1.5.2 evaluates a body's assignments before a failed comparison stops it.
#   Only series whose newest value is over the limit (see hot) are scanned.
# custom:
#   spec: "SPEC 3 trigger 3: resource exhaustion"
sustained contains {"name": x.name, "member": x.member, "metric": x.metric, "values": x.values, "run": run} if {
	some x in hot
	check := context.checks[x.name]
	lim := context.limits[x.name]
	window := series.intervals(check.minutes, context.interval_seconds)
	run := series.sustained_run(x.values, lim.base, lim.percent, window)
	run >= window
}

# METADATA
# title: Members over the limit now
# description: |
#   Every member and metric with a valid series whose newest value exceeds the limit: the
#   only ones that can be sustained. A healthy group calls no per-series function beyond
#   the series check (regopy 1.5.2 charges 0.2-2 ms per function call).
# custom:
#   spec: "SPEC 3 trigger 3: resource exhaustion"
hot contains {"name": name, "member": member, "metric": metric, "values": values} if {
	some name, check in context.checks
	check.kind == "group_sustained_above"
	group := series.at(input, check.group)
	some member, metrics in group
	some metric in check.metrics
	values := metrics[metric]
	series.is_series(values)
	n := count(values)
	lim := context.limits[name]
	series.exceeds(values[n - 1], lim.base, lim.percent)
}
