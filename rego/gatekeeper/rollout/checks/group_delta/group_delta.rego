# METADATA
# title: Per-member change against the baseline
# description: |
#   The delta check for every member of a group (the pass rate per bucket of environment):
#   canary.buckets.<name>.pass_rate against baseline.buckets.<name>.pass_rate. A breach
#   or warning names the bucket (message and a "bucket" field); a bucket without a
#   number on either side is MISSING_EVIDENCE. With breach_class "warning" in data, a
#   breach is reported as a warning (a watched metric, not a rollback trigger); with
#   missing_class "warning" (and missing_code), a group or member not reported on either
#   side is a warning naming it, never a rollback by itself (docs/rollout-profiles.md,
#   "Environment profile").
# custom:
#   codes: [BUCKET_PASS_RATE_DROP, MISSING_EVIDENCE]
#   requirements: [ENV-BUCKET-01]
package gatekeeper.rollout.checks.group_delta

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.checks.delta
import data.gatekeeper.rollout.context

_measured contains {"name": name, "member": member, "m": m} if {
	some name, check in context.checks
	check.kind == "group_delta"
	some member, _ in _members(check)
	canary := path.value_under(input, check.canary, [member, check.metric])
	baseline := path.value_under(input, check.baseline, [member, check.metric])
	limit := context.limit(check.limit, {"doc": input, "env": context.environment_or_null, "baseline": baseline})
	m := delta.measure(check.direction, canary, baseline, limit)
}

# The members of either side (a member reported on one side only is missing on the other).
_members(check) := {member |
	some side in [check.canary, check.baseline]
	group := path.value(input, side)
	is_object(group)
	some member, _ in group
}

# METADATA
# title: Breaches
# description: One finding per member whose change exceeds the limit.
# custom:
#   codes: [BUCKET_PASS_RATE_DROP]
#   requirements: [ENV-BUCKET-01]
findings contains f if {
	some x in _measured
	delta.is_breach(x.m)
	check := context.checks[x.name]
	detail := delta.breach_detail(check, x.m, {check.member_key: x.member})
	f := context.finding(x.name, check, object.get(check, "breach_class", "trigger"), _named(check, x.member, detail))
}

# METADATA
# title: Warnings
# description: One warning per member whose change reaches warn_percent of the limit.
# custom:
#   codes: [BUCKET_PASS_RATE_DROP]
#   requirements: [ENV-ALERT-01]
findings contains f if {
	some x in _measured
	check := context.checks[x.name]
	delta.is_warning(check, x.m)
	detail := delta.warning_detail(check, x.m, {check.member_key: x.member})
	f := context.finding(x.name, check, "warning", _named(check, x.member, detail))
}

# METADATA
# title: Missing member values
# description: |
#   A member without a number on either side fails closed. For a watched group
#   (missing_class) only while both groups are reported: a group not reported at all is
#   named once by the rule below.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-EVID-02]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_delta"
	_members_judged(check)
	some member, _ in _members(check)
	some side in [check.canary, check.baseline]
	not is_number(path.value_under(input, side, [member, check.metric]))
	f := _missing(name, check, sprintf("%s.%s.%s", [side, member, check.metric]), {check.member_key: member})
}

# METADATA
# title: Missing watched groups
# description: |
#   With missing_class in data, a group absent (or empty) on either side is a finding of
#   that class naming the field; without it, the profile's evidence declares the group.
# custom:
#   codes: [BUCKET_NOT_REPORTED]
#   requirements: [GK-BUCKET-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "group_delta"
	check.missing_class
	some side in [check.canary, check.baseline]
	not _non_empty_object(path.value(input, side))
	f := _missing(name, check, side, {})
}

_members_judged(check) if not check.missing_class

_members_judged(check) if {
	check.missing_class
	_non_empty_object(path.value(input, check.canary))
	_non_empty_object(path.value(input, check.baseline))
}

_non_empty_object(x) if {
	is_object(x)
	count(x) > 0
}

_missing(name, check, field, _) := context.missing(name, field) if not check.missing_class

_missing(name, check, field, extra) := object.union(context.missing(name, field), {
	"class": check.missing_class,
	"code": check.missing_code,
	"message": sprintf("%s not reported: %s (watched, not a rollback trigger)", [check.label, field]),
	"severity": context.config.warning_severity,
	"extra": object.union({"field": field}, extra),
}) if {
	check.missing_class
}

_named(check, member, detail) := object.union(detail, {"message": message}) if {
	message := sprintf("%s %s: %s", [check.member_key, member, detail.message])
}
