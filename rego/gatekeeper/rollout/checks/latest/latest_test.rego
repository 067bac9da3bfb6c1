package gatekeeper.rollout.checks.latest_test

import data.gatekeeper.rollout.checks.latest
import data.gatekeeper.rollout.fixtures_test as fx

test_success_healthy_gray_scale if {
	count(latest.findings) == 0 with input as fx.gs
}

test_fail_security_below_95 if {
	doc := fx.with_canary(fx.gs, {"security_pass_rate": 0.9499})
	some f in latest.findings with input as doc
	f.code == "SECURITY_FAILURE"
	f.message == "security pass rate 94.99% < 95%"
}

test_success_security_at_95 if {
	doc := fx.with_canary(fx.gs, {"security_pass_rate": 0.95})
	count(latest.findings) == 0 with input as doc
}

test_fail_error_spike_above_10 if {
	doc := fx.with_canary(fx.gs, {"error_rate": [0.01, 0.1001]})
	fx.codes(latest.findings) == {"ERROR_SPIKE"} with input as doc
}

test_success_error_rate_at_10 if {
	doc := fx.with_canary(fx.gs, {"error_rate": [0.2, 0.10]})
	count(latest.findings) == 0 with input as doc
}

test_fail_latency_above_three_times_threshold if {
	doc := fx.with_canary(fx.gs, {"p95_latency_ms": [9001]})
	some f in latest.findings with input as doc
	f.code == "LATENCY_SPIKE"
	f.threshold == 9000
}

test_success_latency_at_three_times_threshold if {
	doc := fx.with_canary(fx.gs, {"p95_latency_ms": [9000]})
	count(latest.findings) == 0 with input as doc
}

test_fail_cost_over_budget if {
	doc := fx.with_canary(fx.gs, {"daily_cost": 100.01})
	fx.codes(latest.findings) == {"COST_BUDGET"} with input as doc
}

test_success_cost_at_budget if {
	doc := fx.with_canary(fx.gs, {"daily_cost": 100})
	count(latest.findings) == 0 with input as doc
}
