package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_error_rate_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/error_rate", 0.02)
	violations == set()
}

test_fail_error_rate_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/error_rate", 0.021)
	violations == {result.violation(
		"ERROR_RATE",
		"error rate 0.021 > 0.02",
		0.021, 0.02, "promotion.error_rate", "critical",
	)}
}

test_fail_error_rate_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["metrics/error_rate"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "metrics.error_rate"
}
