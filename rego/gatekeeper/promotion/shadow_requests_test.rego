package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_shadow_requests_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "shadow/requests", 1000)
	violations == set()
}

test_fail_shadow_requests_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "shadow/requests", 999)
	violations == {result.violation(
		"SHADOW_REQUESTS",
		"shadow evaluation saw 999 requests < 1000 required",
		999, 1000, "promotion.shadow_requests", "critical",
	)}
}

test_fail_shadow_requests_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["shadow/requests"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "shadow.requests"
}
