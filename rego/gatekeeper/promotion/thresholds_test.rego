package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_tighter_input_threshold_applies if {
	strict := _set(_valid, "/thresholds", {"p95_latency_ms": 2000})
	d := promotion.decision with input as strict
	d.violations == [result.violation(
		"P95_LATENCY", "p95 latency 2500 ms > 2000 ms",
		2500, 2000, "promotion.p95_latency", "critical",
	)]
	d.warnings == []
}

test_success_tighter_minimum_applies if {
	strict := _set(_valid, "/thresholds", {"security_pass_rate": 0.999})
	violations := promotion.violations with input as strict
	[v.threshold | some v in violations] == [0.999]
}

test_success_equal_input_threshold_no_warning if {
	same := _set(_valid, "/thresholds", {"p95_latency_ms": 3000, "security_pass_rate": 0.95})
	d := promotion.decision with input as same
	d.action == "promote"
	d.warnings == []
}

test_fail_looser_maximum_ignored_with_warning if {
	loose := json.patch(_valid, [
		{"op": "add", "path": "/thresholds", "value": {"p95_latency_ms": 5000}},
		{"op": "replace", "path": "/metrics/p95_latency_ms", "value": 3200},
	])
	d := promotion.decision with input as loose
	d.action == "deny"
	d.violations == [result.violation(
		"P95_LATENCY", "p95 latency 3200 ms > 3000 ms",
		3200, 3000, "promotion.p95_latency", "critical",
	)]
	d.warnings == [object.union(
		result.violation(
			"THRESHOLD_LOOSENING_IGNORED",
			"input threshold p95_latency_ms 5000 is looser than the policy's 3000: ignored",
			5000, 3000, "promotion.thresholds", "warning",
		),
		{"field": "thresholds.p95_latency_ms"},
	)]
}

test_fail_looser_minimum_ignored_with_warning if {
	loose := json.patch(_valid, [
		{"op": "add", "path": "/thresholds", "value": {"security_pass_rate": 0.5}},
		{"op": "replace", "path": "/metrics/security_pass_rate", "value": 0.9},
	])
	d := promotion.decision with input as loose
	[v.code | some v in d.violations] == ["SECURITY_PASS_RATE"]
	[w.code | some w in d.warnings] == ["THRESHOLD_LOOSENING_IGNORED"]
}

test_success_unknown_threshold_ignored_with_warning if {
	d := promotion.decision with input as _set(_valid, "/thresholds", {"latency_budget": 1})
	d.action == "promote"
	d.warnings == [object.union(
		result.violation(
			"THRESHOLD_UNKNOWN_IGNORED",
			"input threshold latency_budget is not a threshold of profile default: ignored",
			1, null, "promotion.thresholds", "warning",
		),
		{"field": "thresholds.latency_budget"},
	)]
}

test_fail_threshold_not_a_number if {
	violations := promotion.violations with input as _set(_valid, "/thresholds", {"error_rate": "low"})
	violations == {object.union(
		result.violation(
			"INVALID_INPUT", "thresholds.error_rate must be a number, got low",
			"low", null, "promotion.thresholds", "critical",
		),
		{"field": "thresholds.error_rate"},
	)}
}

test_fail_thresholds_not_an_object if {
	violations := promotion.violations with input as _set(_valid, "/thresholds", [1])
	[v.field | some v in violations] == ["thresholds"]
}

test_success_thresholds_null_ignored if {
	promotion.decision.action == "promote" with input as _set(_valid, "/thresholds", null)
}
