package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

_fields := [
	"shadow/requests", "shadow/duration_hours",
	"gold_set/overall_pass_rate", "statistical_tests/accuracy_p_value",
	"metrics/accuracy_delta", "metrics/cost_delta", "incidents/active",
	"metrics/p95_latency_ms", "metrics/error_rate", "metrics/security_pass_rate",
]

test_fail_every_missing_field_is_missing_evidence if {
	failures := [pointer |
		some pointer in _fields
		violations := promotion.violations with input as json.remove(_valid, [pointer])
		not _only_missing(violations, replace(pointer, "/", "."))
	]
	failures == []
}

_only_missing(violations, field) if {
	{v.code | some v in violations} == {"MISSING_EVIDENCE"}
	{v.field | some v in violations} == {field}
}

test_fail_null_is_missing_evidence if {
	violations := promotion.violations with input as _set(_valid, "/shadow/requests", null)
	violations == {object.union(
		result.violation(
			"MISSING_EVIDENCE", "missing evidence: shadow.requests (needed by SHADOW_REQUESTS)",
			null, null, "promotion.evidence", "critical",
		),
		{"field": "shadow.requests"},
	)}
}

test_fail_whole_section_missing if {
	violations := promotion.violations with input as json.remove(_valid, ["shadow"])
	{v.field | some v in violations} == {"shadow.requests", "shadow.duration_hours"}
}

test_fail_insufficient_data_bare_name if {
	marked := _set(_valid, "/statistical_tests/insufficient_data", ["accuracy_p_value"])
	violations := promotion.violations with input as marked
	violations == {object.union(
		result.violation(
			"MISSING_EVIDENCE",
			"insufficient data: statistical_tests.accuracy_p_value (needed by SIGNIFICANCE)",
			null, null, "promotion.evidence", "critical",
		),
		{"field": "statistical_tests.accuracy_p_value"},
	)}
}

test_fail_insufficient_data_full_path if {
	marked := _set(_valid, "/statistical_tests/insufficient_data", ["metrics.accuracy_delta"])
	violations := promotion.violations with input as marked
	{v.field | some v in violations} == {"metrics.accuracy_delta"}
}

test_success_insufficient_data_empty_list if {
	marked := _set(_valid, "/statistical_tests/insufficient_data", [])
	promotion.violations == set() with input as marked
}

test_fail_statistical_tests_null if {
	violations := promotion.violations with input as _set(_valid, "/statistical_tests", null)
	{v.field | some v in violations} == {"statistical_tests.accuracy_p_value"}
}

test_fail_evidence_not_a_number if {
	violations := promotion.violations with input as _set(_valid, "/metrics/p95_latency_ms", "fast")
	violations == {object.union(
		result.violation(
			"INVALID_INPUT", "metrics.p95_latency_ms must be a number, got fast",
			"fast", null, "promotion.evidence", "critical",
		),
		{"field": "metrics.p95_latency_ms"},
	)}
}

test_success_gold_security_falls_back_to_metrics if {
	fallback := json.remove(_valid, ["gold_set/security_pass_rate"])
	d := promotion.decision with input as fallback
	d.action == "promote"
	d.warnings == [object.union(
		result.violation(
			"EVIDENCE_FALLBACK",
			"gold_set.security_pass_rate absent: judged on metrics.security_pass_rate",
			0.995, null, "promotion.evidence", "warning",
		),
		{"field": "gold_set.security_pass_rate"},
	)]
}

test_fail_gold_security_fallback_judged if {
	fallback := _set(json.remove(_valid, ["gold_set/security_pass_rate"]), "/metrics/security_pass_rate", 0.9)
	violations := promotion.violations with input as fallback
	{v.code | some v in violations} == {"GOLD_SECURITY", "SECURITY_PASS_RATE"}
}

test_fail_gold_security_both_sources_missing if {
	bare := json.remove(_valid, ["gold_set/security_pass_rate", "metrics/security_pass_rate"])
	violations := promotion.violations with input as bare
	messages := {v.field: v.message | some v in violations}
	messages == {
		"gold_set.security_pass_rate": concat("", [
			"missing evidence: gold_set.security_pass_rate or metrics.security_pass_rate",
			" (needed by GOLD_SECURITY)",
		]),
		"metrics.security_pass_rate": "missing evidence: metrics.security_pass_rate (needed by SECURITY_PASS_RATE)",
	}
}
