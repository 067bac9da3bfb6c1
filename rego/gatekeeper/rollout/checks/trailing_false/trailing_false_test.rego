package gatekeeper.rollout.checks.trailing_false_test

import data.gatekeeper.rollout.checks.trailing_false
import data.gatekeeper.rollout.fixtures_test as fx

test_success_two_trailing_failures if {
	doc := fx.with_canary(fx.gs, {"slo_checks": [false, true, false, false]})
	count(trailing_false.findings) == 0 with input as doc
}

test_fail_three_trailing_slo_failures if {
	doc := fx.with_canary(fx.gs, {"slo_checks": [true, false, false, false]})
	[f | some f in trailing_false.findings] == [{
		"check": "slo_violation",
		"class": "trigger",
		"code": "SLO_VIOLATION",
		"message": "3 consecutive failed SLO checks (limit 3)",
		"observed": 3,
		"threshold": 3,
		"rule": "rollout.gray_scale.slo_violation",
		"severity": "critical",
		"extra": {},
	}] with input as doc
}

test_fail_three_trailing_health_failures if {
	doc := fx.with_canary(fx.bg, {"health_checks": [false, false, false, false]})
	fx.codes(trailing_false.findings) == {"HEALTH_CHECK_FAILURES"} with input as doc
}

test_success_healthy_blue_green if {
	count(trailing_false.findings) == 0 with input as fx.bg
}
