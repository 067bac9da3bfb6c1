package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_significance_p_below_alpha if {
	violations := promotion.violations with input as _set(_valid, "/statistical_tests/accuracy_p_value", 0.049)
	violations == set()
}

test_fail_significance_p_at_alpha if {
	violations := promotion.violations with input as _set(_valid, "/statistical_tests/accuracy_p_value", 0.05)
	violations == {object.union(
		result.violation(
			"SIGNIFICANCE",
			"accuracy improvement not significant: p = 0.05 (alpha 0.05), delta = 0.03",
			0.05, 0.05, "promotion.significance", "critical",
		),
		{"delta": 0.03},
	)}
}

test_fail_significance_no_improvement if {
	no_gain := json.patch(_valid, [
		{"op": "replace", "path": "/metrics/accuracy_delta", "value": 0},
		{"op": "add", "path": "/thresholds", "value": {"accuracy_delta": 0.02}},
	])
	violations := promotion.violations with input as no_gain
	{v.code | some v in violations} == {"SIGNIFICANCE", "ACCURACY_DELTA"}
}

test_fail_significance_missing_p_value if {
	violations := promotion.violations with input as json.remove(_valid, ["statistical_tests/accuracy_p_value"])
	[v.field | some v in violations; v.code == "MISSING_EVIDENCE"] == ["statistical_tests.accuracy_p_value"]
	count(violations) == 1
}

test_fail_significance_tightened_alpha if {
	strict := _set(_valid, "/thresholds", {"statistical_significance_p": 0.01})
	violations := promotion.violations with input as strict
	[v.threshold | some v in violations; v.code == "SIGNIFICANCE"] == [0.01]
}
