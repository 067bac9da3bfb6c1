package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

# The documented promotion input without input thresholds: every item within the defaults.
_valid := {
	"gate": "promotion",
	"version": {"id": "v1-abc123", "model": "gpt-4o-2024-05-13", "prompt": "code-review-v4-exp", "state": "shadow"},
	"metrics": {
		"p95_latency_ms": 2500, "error_rate": 0.01, "accuracy_delta": 0.03,
		"security_pass_rate": 0.995, "cost_delta": 0.05,
	},
	"statistical_tests": {"accuracy_p_value": 0.02, "latency_p_value": 0.15, "cost_p_value": 0.08},
	"shadow": {"requests": 1500, "duration_hours": 26},
	"gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
	"incidents": {"active": 0},
}

# The example input of Promotion and Rollback Procedures (its promotion-input.json).
_procedures_example := {
	"version": {"id": "v1-abc123", "model": "gpt-4o-2024-05-13", "prompt": "code-review-v4-exp", "state": "shadow"},
	"metrics": {
		"p95_latency_ms": 2500, "error_rate": 0.01, "accuracy_delta": 0.03,
		"security_pass_rate": 0.995, "cost_delta": 0.05,
	},
	"statistical_tests": {"accuracy_p_value": 0.02, "latency_p_value": 0.15, "cost_p_value": 0.08},
	"thresholds": {
		"p95_latency_ms": 3000, "error_rate": 0.02, "accuracy_delta": 0.02,
		"security_pass_rate": 0.99, "cost_increase_max": 0.1, "statistical_significance_p": 0.05,
	},
}

_set(doc, pointer, value) := json.patch(doc, [{"op": "add", "path": pointer, "value": value}])

test_success_documented_example_is_promoted if {
	documented := object.union(_valid, {"thresholds": _procedures_example.thresholds})
	promotion.decision == {
		"gate": "promotion", "allow": true, "action": "promote",
		"violations": [], "warnings": [], "authority": ["System"],
		"decision_window_minutes": null, "default_action": null,
	} with input as documented
}

test_fail_procedures_example_only_missing_evidence if {
	d := promotion.decision with input as _procedures_example
	d.action == "deny"
	d.allow == false
	{v.code | some v in d.violations} == {"MISSING_EVIDENCE"}
	{v.field | some v in d.violations} == {
		"shadow.requests", "shadow.duration_hours",
		"gold_set.overall_pass_rate", "incidents.active",
	}
}

test_success_procedures_example_with_evidence_is_promoted if {
	completed := object.union(_procedures_example, {
		"shadow": {"requests": 1500, "duration_hours": 26},
		"gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
		"incidents": {"active": 0},
	})
	d := promotion.decision with input as completed
	d.action == "promote"
	d.allow == true
	d.violations == []
}

test_fail_several_violations_all_reported if {
	worse := json.patch(_valid, [
		{"op": "replace", "path": "/metrics/p95_latency_ms", "value": 3200},
		{"op": "replace", "path": "/incidents/active", "value": 2},
	])
	d := promotion.decision with input as worse
	d.action == "deny"
	[v.code | some v in d.violations] == ["INCIDENTS", "P95_LATENCY"]
}

test_fail_unknown_profile if {
	d := promotion.decision with input as object.union(_valid, {"profile": "lenient"})
	d.action == "deny"
	d.authority == []
	d.violations == [object.union(
		result.violation(
			"INVALID_INPUT", "unknown promotion profile lenient",
			"lenient", null, "promotion.profile", "critical",
		),
		{"field": "profile"},
	)]
}

test_success_named_default_profile if {
	d := promotion.decision with input as object.union(_valid, {"profile": "default"})
	d.action == "promote"
}

test_fail_no_profile_data_is_deny if {
	d := promotion.decision with input as _valid with data.gatekeeper.profiles.promotion as {}
	d.action == "deny"
	{v.code | some v in d.violations} == {"INVALID_INPUT"}
}

test_success_guardrail_p_values_block_nothing if {
	noisy := json.patch(_valid, [
		{"op": "replace", "path": "/statistical_tests/latency_p_value", "value": 0.001},
		{"op": "replace", "path": "/statistical_tests/cost_p_value", "value": 0.001},
	])
	promotion.decision.action == "promote" with input as noisy
	no_guardrails := json.remove(_valid, ["statistical_tests/latency_p_value", "statistical_tests/cost_p_value"])
	promotion.decision.action == "promote" with input as no_guardrails
}
