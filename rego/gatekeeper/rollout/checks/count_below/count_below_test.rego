package gatekeeper.rollout.checks.count_below_test

import data.gatekeeper.rollout.checks.count_below
import data.gatekeeper.rollout.fixtures_test as fx

test_success_three_failures_at_the_limit if {
	doc := fx.with_canary(fx.mr, {"success_rate": [0.98, 0.995, 0.97, 0.9899, 0.999]})
	count(count_below.findings) == 0 with input as doc
}

test_success_measurement_at_0_99_passes if {
	doc := fx.with_canary(fx.mr, {"success_rate": [0.99, 0.99, 0.99, 0.99, 0.99]})
	count(count_below.findings) == 0 with input as doc
}

test_fail_four_failures_over_the_limit if {
	doc := fx.with_canary(fx.mr, {"success_rate": [0.98, 0.995, 0.97, 0.989, 0.985]})
	[f | some f in count_below.findings] == [{
		"check": "success_rate_analysis",
		"class": "trigger",
		"code": "SUCCESS_RATE_ANALYSIS_FAILED",
		"message": "4 of 5 success-rate measurements < 0.99 (failure limit 3)",
		"observed": 4,
		"threshold": 3,
		"rule": "rollout.model_registry.success_rate",
		"severity": "critical",
		"extra": {},
	}] with input as doc
}
