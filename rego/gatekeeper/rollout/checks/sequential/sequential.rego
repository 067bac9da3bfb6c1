# METADATA
# title: Anytime-valid bound above a limit
# description: |
#   A check judged statistically (docs/statistics.md): the input carries, per metric,
#   the anytime-valid lower confidence bound on the canary's rate as a ratio of the
#   baseline's, with its e-value and the number of looks (canary.sequential.<metric>,
#   built by gatekeeper from per-interval counts). The profile declares its
#   false-rollback budget once (statistics.false_rollback_alpha) and the checks judged
#   against it (statistics.judged): each is judged at the budget split evenly across
#   them (Bonferroni on e-values). The trigger fires when the bound is above the limit
#   in data; a limit of 1 is the early abort "the canary is worse than the baseline at
#   the declared alpha". Evidence measured at another level than the profile's is
#   refused as missing evidence (the rollout pauses), never judged.
# custom:
#   codes: [ERROR_RATE_WORSE, LATENCY_TAIL_WORSE, MISSING_EVIDENCE]
#   requirements: [GK-STAT-01, GK-STAT-02]
package gatekeeper.rollout.checks.sequential

import data.gatekeeper.lib.decimal
import data.gatekeeper.lib.path
import data.gatekeeper.lib.text
import data.gatekeeper.rollout.context

# METADATA
# title: Level of each judged check
# description: The profile's false-rollback budget divided by the number of checks judged against it.
# custom:
#   requirements: [GK-STAT-02]
level := decimal.exact(_budget / count(_judged))

_budget := context.profile.statistics.false_rollback_alpha

_judged := context.profile.statistics.judged

_measured[name] := evidence if {
	some name, check in context.checks
	check.kind == "sequential"
	evidence := path.value(input, check.evidence_field)
	is_object(evidence)
}

# METADATA
# title: Findings
# description: |
#   One trigger per judged check whose anytime-valid lower bound is above its limit,
#   with the evidence (bound, e-value, looks, level) in the violation.
# custom:
#   codes: [ERROR_RATE_WORSE, LATENCY_TAIL_WORSE]
#   requirements: [GK-STAT-01, GK-STAT-02]
findings contains f if {
	some name, evidence in _measured
	name in _judged
	decimal.exact(evidence.alpha) == level
	check := context.checks[name]
	limit := context.limits[name]
	evidence.lower_bound > limit
	message := _trigger_message(check, evidence, limit)
	extra := {
		"e_value": evidence.e_value,
		"e_max": evidence.e_max,
		"looks": evidence.looks,
		"alpha": level,
	}
	f := context.finding(name, check, "trigger", {
		"message": message,
		"observed": evidence.lower_bound,
		"threshold": limit,
		"extra": extra,
	})
}

# METADATA
# title: Evidence at another level
# description: |
#   Evidence measured at a level other than the profile's (a policy with another budget
#   or other checks judged) is missing evidence naming both levels: never judged.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-STAT-02, GK-EVID-02]
findings contains f if {
	some name, evidence in _measured
	decimal.exact(evidence.alpha) != level
	field := context.checks[name].evidence_field
	message := sprintf(
		concat("", [
			"missing evidence: %s was measured at alpha %v; ",
			"profile %v judges each of %v checks at %v",
		]),
		[
			field,
			evidence.alpha,
			context.profile_name,
			count(_judged),
			level,
		],
	)
	f := object.union(context.missing(name, field), {"message": message, "observed": evidence.alpha, "threshold": level})
}

# METADATA
# title: Checks not in the budget
# description: |
#   A sequential check the profile does not list in statistics.judged has no share of
#   the budget: it is missing evidence (the profile's data is inconsistent), never a pass.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-STAT-02]
findings contains f if {
	some name, check in context.checks
	check.kind == "sequential"
	not name in _judged
	message := sprintf(
		concat("", [
			"missing evidence: check %v of profile %v is not in statistics.judged ",
			"(no share of the false-rollback budget)",
		]),
		[
			name,
			context.profile_name,
		],
	)
	f := object.union(context.missing(name, "statistics.judged"), {"message": message})
}

_trigger_message(check, evidence, limit) := sprintf(_trigger_format, [
	check.label,
	text.number(evidence.canary_rate, "percent"),
	text.number(evidence.baseline_rate, "percent"),
	evidence.lower_bound,
	level,
	_budget,
	count(_judged),
	evidence.looks,
	round(evidence.e_max),
	limit,
])

_trigger_format := concat("", [
	"%s: canary %s vs baseline %s; ratio %v or more with confidence at every look ",
	"(alpha %v: %v across %v checks; %v looks, e-value %v) > %v",
])
