package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_incidents_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "incidents/active", 0)
	violations == set()
}

test_fail_incidents_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "incidents/active", 1)
	violations == {result.violation(
		"INCIDENTS",
		"1 active incidents on the target (V2) > 0 allowed",
		1, 0, "promotion.incidents", "critical",
	)}
}

test_fail_incidents_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["incidents/active"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "incidents.active"
}
