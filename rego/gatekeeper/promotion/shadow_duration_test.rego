package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_shadow_duration_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "shadow/duration_hours", 24)
	violations == set()
}

test_fail_shadow_duration_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "shadow/duration_hours", 23.5)
	violations == {result.violation(
		"SHADOW_DURATION",
		"shadow evaluation ran 23.5 hours < 24 hours required",
		23.5, 24, "promotion.shadow_duration", "critical",
	)}
}

test_fail_shadow_duration_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["shadow/duration_hours"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "shadow.duration_hours"
}
