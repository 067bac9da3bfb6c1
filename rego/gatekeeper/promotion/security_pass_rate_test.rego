package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_security_pass_rate_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/security_pass_rate", 0.95)
	violations == set()
}

test_fail_security_pass_rate_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/security_pass_rate", 0.94)
	violations == {result.violation(
		"SECURITY_PASS_RATE",
		"security pass rate 0.94 < 0.95 required",
		0.94, 0.95, "promotion.security_pass_rate", "critical",
	)}
}

test_fail_security_pass_rate_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["metrics/security_pass_rate"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "metrics.security_pass_rate"
}
