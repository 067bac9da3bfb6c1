package gatekeeper.rollout.checks.sustained_above_test

import data.gatekeeper.rollout.checks.sustained_above
import data.gatekeeper.rollout.fixtures_test as fx

test_success_healthy_series if {
	count(sustained_above.findings) == 0 with input as fx.dm
}

test_fail_error_rate_sustained_exactly_two_minutes if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.006, 0.008]})
	[f | some f in sustained_above.findings] == [{
		"check": "critical_error_rate",
		"class": "trigger",
		"code": "ERROR_RATE",
		"message": "error rate 0.8% > 0.5% for 2 min",
		"observed": 0.008,
		"threshold": 0.005,
		"rule": "rollout.error_rate",
		"severity": "critical",
		"extra": {},
	}] with input as doc
}

test_success_error_rate_one_interval_short if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.001, 0.008]})
	count(sustained_above.findings) == 0 with input as doc
}

test_success_error_rate_at_threshold_is_not_above if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.005, 0.005, 0.005]})
	count(sustained_above.findings) == 0 with input as doc
}

test_success_series_shorter_than_window if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.009]})
	count(sustained_above.findings) == 0 with input as doc
}

test_success_window_counts_intervals_not_values if {
	# 2 minutes at 30 s intervals = 4 intervals: 3 high values are not enough
	doc := object.union(fx.with_canary(fx.dm, {"error_rate": [0.001, 0.009, 0.009, 0.009]}), {"interval_seconds": 30})
	count(sustained_above.findings) == 0 with input as doc
}

test_fail_p99_above_baseline_plus_15_for_5_min if {
	doc := fx.with_canary(fx.dm, {"p99_latency_ms": [180, 208, 208, 209, 210, 208]})
	some f in sustained_above.findings with input as doc
	f.code == "P99_LATENCY"
	f.message == "p99 latency 208 ms > 207 ms (baseline 180 ms + 15%) for 5 min"
	f.threshold == 207
}

test_success_p99_exactly_baseline_plus_15 if {
	doc := fx.with_canary(fx.dm, {"p99_latency_ms": [207, 207, 207, 207, 207, 207]})
	count(sustained_above.findings) == 0 with input as doc
}

test_success_p99_four_minutes_only if {
	doc := fx.with_canary(fx.dm, {"p99_latency_ms": [180, 180, 208, 208, 208, 208]})
	count(sustained_above.findings) == 0 with input as doc
}

test_fail_blue_green_memory_ten_minutes if {
	doc := fx.with_canary(fx.bg, {"memory": [0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91]})
	fx.codes(sustained_above.findings) == {"MEMORY_EXHAUSTION"} with input as doc
}

test_success_blue_green_memory_nine_minutes if {
	doc := fx.with_canary(fx.bg, {"memory": [0.80, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91, 0.91]})
	count(sustained_above.findings) == 0 with input as doc
}

test_fail_blue_green_error_cpu_response_time if {
	doc := fx.with_canary(fx.bg, {
		"error_rate": [0.06, 0.07],
		"cpu": [0.96, 0.96, 0.96, 0.96, 0.96],
		"response_time_ms": [3001, 3001, 3001, 3001, 3001],
	})
	fx.codes(sustained_above.findings) == {"ERROR_RATE", "CPU_EXHAUSTION", "RESPONSE_TIME"} with input as doc
}
