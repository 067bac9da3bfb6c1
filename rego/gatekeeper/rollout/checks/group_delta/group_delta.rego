# METADATA
# title: Per-member change against the baseline
# description: |
#   The delta check for every member of a group (seed 000's pass rate per bucket):
#   canary.buckets.<name>.pass_rate against baseline.buckets.<name>.pass_rate. A breach
#   or warning names the bucket (message and a "bucket" field); a bucket without a
#   baseline counterpart is MISSING_EVIDENCE.
# custom:
#   codes: [BUCKET_PASS_RATE_DROP, MISSING_EVIDENCE]
#   spec: "SPEC 4: seed 000 pass rate per bucket"
package gatekeeper.rollout.checks.group_delta

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.checks.delta
import data.gatekeeper.rollout.context

_at := {"doc": input, "env": context.environment_or_null, "baseline": null}

_measured contains {"name": name, "member": member, "m": m} if {
	some name, check in context.checks
	check.kind == "group_delta"
	canary := series.at(input, check.canary)
	is_object(canary)
	some member, values in canary
	baseline := object.get(input, array.concat(split(check.baseline, "."), [member, check.metric]), null)
	m := delta.measure(check, object.get(values, check.metric, null), baseline, _at)
}

# METADATA
# title: Breaches
# description: One finding per member whose change exceeds the limit.
# custom:
#   codes: [BUCKET_PASS_RATE_DROP]
#   spec: "SPEC 4: seed 000 pass rate per bucket"
findings contains f if {
	some x in _measured
	delta.is_breach(x.m)
	check := context.checks[x.name]
	detail := delta.breach_detail(check, x.m, {check.member_key: x.member})
	message := sprintf("%s %s: %s", [check.member_key, x.member, detail.message])
	f := context.finding(x.name, check, "trigger", object.union(detail, {"message": message}))
}

# METADATA
# title: Warnings
# description: One warning per member whose change reaches warn_percent of the limit.
# custom:
#   codes: [BUCKET_PASS_RATE_DROP]
#   spec: "SPEC 4: seed 000 warning at 80% of a threshold"
findings contains f if {
	some x in _measured
	check := context.checks[x.name]
	delta.is_warning(check, x.m)
	detail := delta.warning_detail(check, x.m, {check.member_key: x.member})
	message := sprintf("%s %s: %s", [check.member_key, x.member, detail.message])
	f := context.finding(x.name, check, "warning", object.union(detail, {"message": message}))
}

# METADATA
# title: Missing member values
# description: A member without a number on either side fails closed.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 6: missing evidence -> MISSING_EVIDENCE, pause_evaluation"
findings contains f if {
	some name, check in context.checks
	check.kind == "group_delta"
	canary := series.at(input, check.canary)
	is_object(canary)
	some member, _ in canary
	some side in [check.canary, check.baseline]
	not is_number(object.get(input, array.concat(split(side, "."), [member, check.metric]), null))
	f := context.missing(name, sprintf("%s.%s.%s", [side, member, check.metric]))
}
