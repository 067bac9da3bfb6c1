package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_accuracy_delta_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/accuracy_delta", 0.02)
	violations == set()
}

test_fail_accuracy_delta_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/accuracy_delta", 0.019)
	violations == {result.violation(
		"ACCURACY_DELTA",
		"accuracy delta 0.019 < 0.02 required",
		0.019, 0.02, "promotion.accuracy_delta", "critical",
	)}
}

test_fail_accuracy_delta_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["metrics/accuracy_delta"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "metrics.accuracy_delta"
}
