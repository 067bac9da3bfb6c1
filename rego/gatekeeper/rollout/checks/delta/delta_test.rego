package gatekeeper.rollout.checks.delta_test

import data.gatekeeper.rollout.checks.delta
import data.gatekeeper.rollout.fixtures_test as fx

test_success_ndcg_drop_within_limit if {
	count(delta.findings) == 0 with input as fx.dm
}

# 0.5234 - 0.5184 is 0.004999999999999449 in binary floats; the gate compares exactly.
test_success_ndcg_drop_exactly_0_005 if {
	doc := fx.with_canary(fx.dm, {"ndcg_at_10": 0.5184})
	count(delta.findings) == 0 with input as doc
}

test_success_ndcg_float_noise_case if {
	# 0.5 - 0.495 is 0.005000000000000004 in binary floats: still not > 0.005
	doc := fx.with_baseline(fx.with_canary(fx.dm, {"ndcg_at_10": 0.495}), {"ndcg_at_10": 0.5})
	count(delta.findings) == 0 with input as doc
}

test_fail_ndcg_drop_above_0_005 if {
	doc := fx.with_canary(fx.dm, {"ndcg_at_10": 0.5183})
	[f | some f in delta.findings] == [{
		"check": "quality_regression",
		"class": "trigger",
		"code": "QUALITY_REGRESSION",
		"message": "nDCG@10 0.5183 vs baseline 0.5234: drop 0.0051 > 0.005",
		"observed": 0.5183,
		"threshold": 0.5184,
		"rule": "rollout.quality_regression",
		"severity": "high",
		"extra": {},
	}] with input as doc
}

test_fail_ndcg_reference_baseline_from_data if {
	doc := json.remove(fx.with_canary(fx.dm, {"ndcg_at_10": 0.518}), ["baseline/ndcg_at_10"])
	some f in delta.findings with input as doc
	f.threshold == 0.5184
}

test_fail_environment_pass_rate_drop_per_environment if {
	doc := fx.with_canary(fx.env, {"pass_rate": 0.929})
	fx.codes(delta.findings) == {"PASS_RATE_DROP"} with input as object.union(doc, {"environment": "production"})
	count(delta.findings) == 0 with input as object.union(doc, {"environment": "pre-production"})
}

test_success_environment_breach_boundary_is_a_warning if {
	# development: drop of exactly 5pp is not > 5pp, and >= 80% of it: warning
	doc := fx.with_canary(fx.env, {"pass_rate": 0.91})
	[f.class | some f in delta.findings] == ["warning"] with input as doc
}

test_success_environment_warning_band_boundary if {
	# development: 4pp = 80% of 5pp -> warning; 3.9pp -> nothing
	fx.codes(delta.findings) == {"PASS_RATE_DROP"} with input as fx.with_canary(fx.env, {"pass_rate": 0.92})
	count(delta.findings) == 0 with input as fx.with_canary(fx.env, {"pass_rate": 0.921})
}

test_fail_environment_error_rate_and_latency_increase if {
	doc := fx.with_canary(fx.env, {"error_rate": [0.0301], "p95_latency_ms": [901]})
	fx.codes(delta.findings) == {"ERROR_RATE_INCREASE", "LATENCY_INCREASE"} with input as doc
}

test_success_environment_latency_increase_at_limit if {
	doc := object.union(fx.with_canary(fx.env, {"p95_latency_ms": [850]}), {"environment": "production"})
	[f.class | some f in delta.findings] == ["warning"] with input as doc
}

test_fail_performance_degraded_over_10_percent if {
	doc := fx.with_canary(fx.mr, {"performance_score": 0.8279})
	some f in delta.findings with input as doc
	f.code == "PERFORMANCE_DEGRADATION"
	f.threshold == 0.828
}

test_success_performance_degraded_exactly_10_percent if {
	doc := fx.with_canary(fx.mr, {"performance_score": 0.828})
	count(delta.findings) == 0 with input as doc
}
