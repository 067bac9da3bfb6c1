package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_gold_security_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "gold_set/security_pass_rate", 0.95)
	violations == set()
}

test_fail_gold_security_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "gold_set/security_pass_rate", 0.94)
	violations == {result.violation(
		"GOLD_SECURITY",
		"gold-set security pass rate 0.94 < 0.95 required",
		0.94, 0.95, "promotion.gold_security", "critical",
	)}
}

test_fail_gold_security_missing_evidence if {
	# Both sources absent (gold set and the metrics fallback): fail closed.
	bare := json.remove(_valid, ["gold_set/security_pass_rate", "metrics/security_pass_rate"])
	violations := promotion.violations with input as bare
	{v.code | some v in violations} == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "gold_set.security_pass_rate"
}
