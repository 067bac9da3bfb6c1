package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_cost_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/cost_delta", 0.1)
	violations == set()
}

test_fail_cost_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/cost_delta", 0.11)
	violations == {result.violation(
		"COST",
		"cost increase 0.11 > 0.1 budget",
		0.11, 0.1, "promotion.cost", "critical",
	)}
}

test_fail_cost_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["metrics/cost_delta"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "metrics.cost_delta"
}
