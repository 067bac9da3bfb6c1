package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_gold_overall_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "gold_set/overall_pass_rate", 0.9)
	violations == set()
}

test_fail_gold_overall_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "gold_set/overall_pass_rate", 0.89)
	violations == {result.violation(
		"GOLD_OVERALL",
		"gold-set overall pass rate 0.89 < 0.9 required",
		0.89, 0.9, "promotion.gold_overall", "critical",
	)}
}

test_fail_gold_overall_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["gold_set/overall_pass_rate"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "gold_set.overall_pass_rate"
}
